package org.vesalius.vna.archive.api.ingest;

import java.io.InputStream;
import java.util.Objects;

/**
 * One object to ingest.
 *
 * @param source                   who sent it
 * @param content                  the object's bytes as they arrive; read once, never closed by
 *                                 the service. What the service leaves unread (after a refusal)
 *                                 is the caller's to drain or drop.
 * @param encoding                 how {@code content} is framed: a Part 10 file, or a bare data set
 * @param expectedStudyInstanceUid the study the sender says the object belongs to (STOW-RS
 *                                 {@code POST /studies/{study}}), or null
 */
public record IngestRequest(IngestSource source, InputStream content, Encoding encoding, String expectedStudyInstanceUid) {

    /** How the content is framed. */
    public sealed interface Encoding {
    }

    /** A DICOM Part 10 file (STOW-RS, migration from files): File Meta Information required. */
    public record Part10() implements Encoding {
    }

    /**
     * A bare data set (a C-STORE's data set): no preamble, no File Meta. The service writes a
     * File Meta Information built from these values in front of it, so that what is stored is a
     * Part 10 file.
     *
     * @param transferSyntaxUid the negotiated transfer syntax the data set is encoded in
     * @param sopClassUid       the command's Affected SOP Class UID
     * @param sopInstanceUid    the command's Affected SOP Instance UID
     */
    public record DataSet(String transferSyntaxUid, String sopClassUid, String sopInstanceUid) implements Encoding {
        public DataSet {
            Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
            Objects.requireNonNull(sopClassUid, "sopClassUid");
            Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        }
    }

    public IngestRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(encoding, "encoding");
        if (expectedStudyInstanceUid != null && expectedStudyInstanceUid.isBlank()) {
            expectedStudyInstanceUid = null;
        }
    }

    /** A Part 10 file, optionally bound to a study. */
    public static IngestRequest part10(IngestSource source, InputStream content, String expectedStudyInstanceUid) {
        return new IngestRequest(source, content, new Part10(), expectedStudyInstanceUid);
    }

    /** A bare data set with the UIDs and transfer syntax its command carries. */
    public static IngestRequest dataSet(IngestSource source, InputStream content, String transferSyntaxUid,
            String sopClassUid, String sopInstanceUid) {
        return new IngestRequest(source, content, new DataSet(transferSyntaxUid, sopClassUid, sopInstanceUid), null);
    }
}
