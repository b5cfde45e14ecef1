package org.vesalius.dicom.net.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.IncomingMessage;

/**
 * Reading the identifier of a C-FIND, C-MOVE or C-GET request, within {@link IdentifierLimits},
 * and of C-FIND responses.
 *
 * <p>A request's identifier is read into a buffer of at most {@code maxBytes}, then scanned
 * without keeping any value (every value is skipped as bulk data) to count its elements and its
 * inflated size, and only then parsed into a {@link Dataset}: the tree is never built from more
 * than the limits allow. Beyond a limit the request is answered C000 with an Error Comment after
 * the rest of its data set has been read and discarded, so that the answer follows a complete
 * request. The association is not aborted: the PDU stream is well formed, only the request is too
 * large, and the requestor learns why in DIMSE terms.
 */
final class Identifiers {

    private Identifiers() {
    }

    /**
     * The request's identifier; or null when it has none, cannot be read or exceeds
     * {@code limits}, in which case the request has been answered (C000).
     */
    static Dataset read(DimseChannel channel, CommandSet command, IncomingMessage message, IdentifierLimits limits)
            throws IOException {
        if (!message.hasDataSet()) {
            channel.respond(message, command, DicomStatus.CANNOT_UNDERSTAND, command.commandField() + " without identifier");
            return null;
        }
        byte[] bytes = readAtMost(message.dataSet(), limits.maxBytes());
        if (bytes == null) {
            DimseServiceRegistry.refuse(channel, command, message, DicomStatus.CANNOT_UNDERSTAND,
                    "identifier longer than " + limits.maxBytes() + " bytes");
            return null;
        }
        TransferSyntax syntax = TransferSyntax.of(message.presentationContext().transferSyntax());
        try {
            String exceeded = exceeds(bytes, syntax, limits);
            if (exceeded != null) {
                DimseServiceRegistry.refuse(channel, command, message, DicomStatus.CANNOT_UNDERSTAND, exceeded);
                return null;
            }
            return DicomReader.readDataset(new ByteArrayInputStream(bytes), syntax, ReadOptions.DEFAULT);
        } catch (MalformedDicomException e) {
            DimseServiceRegistry.refuse(channel, command, message, DicomStatus.CANNOT_UNDERSTAND,
                    "unreadable identifier: " + e.getMessage());
            return null;
        }
    }

    /** The data set of a message, in its context's transfer syntax. */
    static Dataset read(IncomingMessage message) throws IOException {
        return DicomReader.readDataset(message.dataSet(), TransferSyntax.of(message.presentationContext().transferSyntax()),
                ReadOptions.DEFAULT);
    }

    /** All of {@code in}, or null (and {@code in} partly read) when it holds more than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, max + 1 - out.size()))) > 0) {
            out.write(chunk, 0, n);
            if (out.size() > max) {
                return null;
            }
        }
        return out.toByteArray();
    }

    /** Why the identifier exceeds the limits, or null when it does not. */
    private static String exceeds(byte[] bytes, TransferSyntax syntax, IdentifierLimits limits) throws IOException {
        long[] valueBytes = {0};
        // Every value is "bulk data" to this scan: its length is counted, its bytes skipped.
        ReadOptions scan = ReadOptions.DEFAULT.withBulkData((depth, tag, vr, length) -> {
            valueBytes[0] += length;
            if (valueBytes[0] > limits.maxBytes()) {
                throw new TooLong();
            }
            return true;
        }, (value, in) -> null);
        String tooLong = "identifier longer than " + limits.maxBytes() + " bytes (inflated)";
        try (DicomStreamReader reader = DicomStreamReader.forDataset(new ByteArrayInputStream(bytes), syntax, scan)) {
            int elements = 0;
            while (true) {
                DicomStreamReader.Token token = reader.next();
                if (token == DicomStreamReader.Token.END || token == DicomStreamReader.Token.STOPPED) {
                    return null;
                }
                if (token != DicomStreamReader.Token.ITEM_END && token != DicomStreamReader.Token.SEQUENCE_END
                        && token != DicomStreamReader.Token.FRAGMENTS_END && ++elements > limits.maxElements()) {
                    return "identifier has more than " + limits.maxElements() + " elements and items";
                }
                if (reader.position() > limits.maxBytes()) {
                    return tooLong;
                }
            }
        } catch (TooLong e) {
            return tooLong;
        }
    }

    /** Stops the scan before a value that would take it over the limit is inflated or skipped. */
    private static final class TooLong extends RuntimeException {
        TooLong() {
            super(null, null, false, false);
        }
    }
}
