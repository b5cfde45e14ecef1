package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An instance to send as a C-STORE sub-operation: its UIDs, the transfer syntax its data set is
 * encoded in, and where the encoded data set comes from. The data set is opened only when it is
 * sent, and sent as it is when the receiving side accepted its transfer syntax. When it did not,
 * the data set is rewritten in a native syntax the receiver accepted: always for a native data
 * set; for encapsulated (compressed) pixel data only when {@code transcoding} says the toolkit's
 * decoders can decode it (the sender knows the pixels; see {@link Transcoding}).
 *
 * @param sopClassUid       SOP Class UID
 * @param sopInstanceUid    SOP Instance UID
 * @param transferSyntaxUid the transfer syntax the data set bytes are in
 * @param dataSet           opens the data set bytes (no preamble, no File Meta)
 * @param transcoding       null, or which other transfer syntaxes the data set may be sent in,
 *                          transcoded by {@link org.vesalius.dicom.codec.Transcoder} as it is sent
 */
public record OutgoingInstance(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, DataSetSource dataSet,
        Transcoding transcoding) {

    /** Opens the encoded data set of an instance; the stream is closed after sending. */
    @FunctionalInterface
    public interface DataSetSource {
        InputStream open() throws IOException;
    }

    /**
     * Whether the data set may be sent in another transfer syntax than its own: asked before a
     * sub-operation starts, so that a data set the toolkit cannot decode fails with the reason
     * before anything is sent. Say yes only where {@link
     * org.vesalius.dicom.codec.Transcoder#unsupported} does (the sender knows the Image Pixel
     * description that it needs).
     */
    @FunctionalInterface
    public interface Transcoding {
        /** Why the data set cannot be sent in {@code transferSyntaxUid}; empty when it can. */
        Optional<String> unavailableIn(String transferSyntaxUid);
    }

    /** An instance sent as it is, or rewritten between native syntaxes (no decoding). */
    public OutgoingInstance(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, DataSetSource dataSet) {
        this(sopClassUid, sopInstanceUid, transferSyntaxUid, dataSet, null);
    }

    public OutgoingInstance {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(dataSet, "dataSet");
    }

    /**
     * An instance the SCP knows of but cannot send (its stored object is unreadable or gone since
     * it was counted): a failed sub-operation, listed in the Failed SOP Instance UID List, with
     * {@code reason} logged; nothing is sent for it, and no association is opened for it.
     */
    public static OutgoingInstance unavailable(String sopInstanceUid, String reason) {
        return new OutgoingInstance("", sopInstanceUid, "", new Unavailable(Objects.requireNonNull(reason, "reason")));
    }

    /** True for an {@link #unavailable} instance. */
    public boolean isUnavailable() {
        return dataSet instanceof Unavailable;
    }

    /** Why an {@link #unavailable} instance cannot be sent; null for others. */
    public String unavailableReason() {
        return dataSet instanceof Unavailable u ? u.reason() : null;
    }

    /** The source of an unavailable instance: opening it fails with the reason. */
    private record Unavailable(String reason) implements DataSetSource {
        @Override
        public InputStream open() throws IOException {
            throw new IOException(reason);
        }
    }

    /**
     * A Part 10 file: UIDs and transfer syntax from its File Meta (read now), the data set streamed
     * from the file when sent, preamble and File Meta skipped.
     */
    public static OutgoingInstance ofFile(Path part10File) throws IOException {
        Part10Head head = Part10Head.read(part10File);
        return new OutgoingInstance(head.sopClassUid(), head.sopInstanceUid(), head.transferSyntaxUid(),
                () -> head.openDataSet(part10File));
    }
}
