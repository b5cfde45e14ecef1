package org.vesalius.vna.fhir;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.ReturnKeys;

/**
 * The FHIR id of a patient, computed from the archive's identity (Patient ID and issuer), so it
 * is the same after a restart, on another node and after a reindex, with no table to keep.
 *
 * <p>The key {@code PatientID \ Issuer} (a backslash cannot occur in either) is written in
 * base64url with {@code .} for {@code _} (FHIR ids allow {@code [A-Za-z0-9\-.]}, 64 at most).
 * Keys of up to 47 bytes give ids of up to 63 characters that decode back to the patient.
 * Longer keys give exactly 64 characters: the first 36 bytes of the key, then 12 bytes of its
 * SHA-256; such a patient is found by its leading bytes and the digest.
 */
public final class PatientIds {

    private static final int WHOLE_MAX_BYTES = 47;
    private static final int PREFIX_BYTES = 36;
    private static final int DIGEST_BYTES = 12;

    /** What an id says about its patient. */
    public sealed interface Decoded {
        /** The id names this patient exactly. */
        record Exact(PatientId patient) implements Decoded {
        }

        /** A long key: its first bytes, whole characters only, and the digest to confirm a candidate. */
        record Hashed(String keyPrefix, String id) implements Decoded {
        }
    }

    private PatientIds() {
    }

    /** The FHIR id of {@code patient}. */
    public static String of(PatientId patient) {
        byte[] key = key(patient);
        if (key.length <= WHOLE_MAX_BYTES) {
            return encode(key);
        }
        byte[] packed = new byte[PREFIX_BYTES + DIGEST_BYTES];
        System.arraycopy(key, 0, packed, 0, PREFIX_BYTES);
        System.arraycopy(sha256(key), 0, packed, PREFIX_BYTES, DIGEST_BYTES);
        return encode(packed);
    }

    /** What {@code id} names, or empty when no patient can have it. */
    public static Optional<Decoded> decode(String id) {
        if (id == null || id.isEmpty() || id.length() > 64 || !id.matches("[A-Za-z0-9\\-.]+")) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(id.replace('.', '_'));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!encode(bytes).equals(id)) { // not canonical: another spelling of some id
            return Optional.empty();
        }
        if (id.length() == 64) {
            String prefix = new String(Arrays.copyOf(bytes, PREFIX_BYTES), StandardCharsets.UTF_8);
            // Cut at the last whole character (the 36 bytes may end inside one).
            int end = prefix.length();
            while (end > 0 && prefix.charAt(end - 1) == '\uFFFD') {
                end--;
            }
            return Optional.of(new Decoded.Hashed(prefix.substring(0, end), id));
        }
        String key;
        try {
            key = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        int sep = key.indexOf('\\');
        if (sep < 0 || key.indexOf('\\', sep + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new Decoded.Exact(new PatientId(key.substring(0, sep), key.substring(sep + 1))));
    }

    /**
     * The patient a long (hashed) id names, looked up through {@code queries}: candidates by their
     * leading Patient ID, confirmed by the id's digest. Empty when no patient has it.
     */
    public static Optional<PatientId> find(Decoded.Hashed hashed, QueryPort queries) {
        String prefix = hashed.keyPrefix();
        int sep = prefix.indexOf('\\');
        Condition condition = sep >= 0 ? new Condition.SingleValue(prefix.substring(0, sep))
                : new Condition.Wildcard(prefix.replace("*", "?") + "*");
        Query q = new Query(QueryLevel.PATIENT, List.of(new AttributeMatch(QueryAttributes.get(Tags.PatientID), condition)),
                ReturnKeys.KEYS_ONLY, QueryPort.MAX_WINDOW, 0, false, List.of());
        for (Dataset d : queries.query(q).matches()) {
            PatientId candidate = PatientMapper.identity(d);
            if (of(candidate).equals(hashed.id())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static byte[] key(PatientId patient) {
        return (patient.id() + "\\" + patient.issuer()).getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace('_', '.');
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
