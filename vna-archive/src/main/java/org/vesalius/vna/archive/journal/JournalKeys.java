package org.vesalius.vna.archive.journal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * The journal's key layout: {@code journal/patients/{p}/{sequence}.json}, where {@code p} is the
 * first 32 hex digits of the SHA-256 of {@code PatientID \ IssuerOfPatientID} (UTF-8). Patient IDs
 * may hold any character, blob keys only a few, hence the digest; the entry itself names the
 * patient in clear. One prefix per patient makes "the entries of this patient" one listing.
 */
public final class JournalKeys {

    static final String ROOT = "journal/patients/";
    static final String SUFFIX = ".json";

    private JournalKeys() {
    }

    /** The listing prefix of {@code patient}'s entries. */
    static String prefix(PatientId patient) {
        return ROOT + digest(patient) + "/";
    }

    static BlobKey entry(PatientId patient, String sequence) {
        return BlobKey.of(prefix(patient) + sequence + SUFFIX);
    }

    /** The sequence part of an entry key, or null when the key is not an entry. */
    static String sequenceOf(BlobKey key) {
        String name = key.fileName();
        return name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : null;
    }

    /**
     * The key part that stands for {@code patient}: 32 hex digits of the SHA-256 of
     * {@code PatientID \ IssuerOfPatientID} (the journal's directory of that patient).
     */
    public static String digest(PatientId patient) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((patient.id() + "\\" + patient.issuer()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
