package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An instance to send as a C-STORE sub-operation: its UIDs, the transfer syntax its data set is
 * encoded in, and where the encoded data set comes from. The data set is opened only when it is
 * sent, and sent as it is (no transcoding): the receiving side must accept the transfer syntax.
 *
 * @param sopClassUid       SOP Class UID
 * @param sopInstanceUid    SOP Instance UID
 * @param transferSyntaxUid the transfer syntax the data set bytes are in
 * @param dataSet           opens the data set bytes (no preamble, no File Meta)
 */
public record OutgoingInstance(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, DataSetSource dataSet) {

    /** Opens the encoded data set of an instance; the stream is closed after sending. */
    @FunctionalInterface
    public interface DataSetSource {
        InputStream open() throws IOException;
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
