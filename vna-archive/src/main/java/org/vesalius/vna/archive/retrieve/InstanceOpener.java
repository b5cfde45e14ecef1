package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.journal.JournalEntry;
import org.vesalius.vna.archive.journal.JournalView;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * Turns a stored object into a {@link RetrievableInstance}: reads its head and header once,
 * works out the served header (coercions, journal, Original Attributes) and the splice that
 * produces it, and an entity tag for the result.
 */
final class InstanceOpener {

    private final BlobStore blobs;
    private final CoercionRecords coercions;
    private final RetrieveSettings settings;

    InstanceOpener(BlobStore blobs, CoercionRecords coercions, RetrieveSettings settings) {
        this.blobs = blobs;
        this.coercions = coercions;
        this.settings = settings;
    }

    /** @param coerced whether a coercion record exists, or null when not known */
    Optional<RetrievableInstance> open(InstanceRef ref, BlobKey key, Boolean coerced, JournalView view) {
        Optional<StoredObject> stat = blobs.stat(key);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        StoredObject blob = stat.get();
        StoredHead head;
        HeaderScan scan;
        try (InputStream raw = blobs.open(blob.key())) {
            PushbackInputStream in = new PushbackInputStream(raw, 256);
            head = StoredHead.read(in);
            scan = HeaderScan.of(head.dataSet(in), head.readSyntax(), settings.maxHeaderBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of " + blob.key() + ": " + e.getMessage(), e);
        }
        List<Coercion> recorded = Boolean.FALSE.equals(coerced) ? List.of() : coercions.read(blob.key());
        try {
            ServedHeader served = new ServedHeader(scan.parseAgain(), settings.modifyingSystem());
            String sender = head.fileMeta == null ? "" : head.fileMeta.getString(Tags.SourceApplicationEntityTitle, "");
            served.coerce(recorded, blob.created(), sender);
            PatientId identity = served.patient();
            List<JournalEntry> entries = view.applicableTo(identity);
            served.correct(entries);
            Dataset header = served.finish();
            SplicePlan plan = SplicePlan.between(scan, header, head.readSyntax());
            header.freeze();
            return Optional.of(new RetrievableInstance(blobs, ref, blob, head, header, plan, entries,
                    etag(blob, recorded, entries), identity, !recorded.isEmpty(), settings.modifyingSystem(),
                    settings.decodeLimits()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + blob.key() + ": " + e.getMessage(), e);
        }
    }

    private String etag(StoredObject blob, List<Coercion> recorded, List<JournalEntry> entries) {
        StringBuilder sb = new StringBuilder(blob.key().value()).append('\n').append(blob.sha256Hex()).append('\n')
                .append(blob.size()).append('\n').append(settings.modifyingSystem());
        recorded.forEach(c -> sb.append("\n").append(c.rule()).append(DicomJsonWriter.toJson(c.newValues(), WriteOptions.DEFAULT)));
        entries.forEach(e -> sb.append('\n').append(e.sequence()));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
