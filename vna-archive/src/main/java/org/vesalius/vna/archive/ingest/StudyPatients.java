package org.vesalius.vna.archive.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalReplay;
import org.vesalius.vna.archive.journal.JournalView;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.InstanceKeys;

/**
 * Whose each study is, so that an instance whose patient contradicts its study's is caught before
 * it is stored ({@link PatientMismatchPolicy}).
 *
 * <p><b>The truth is the blob store.</b> A study's patient is the one its stored instances name
 * (with their recorded coercions): the first instance its listing gives, read once and kept in a
 * bounded per-node cache of identities, so the check costs one map lookup per instance while the
 * study is cached, and one listing plus one header read when it is not (after a restart). Under
 * {@code refuse} every stored instance of a study agrees, so which one is read does not matter.
 *
 * <p><b>The journal is applied, not contradicted.</b> Identities are kept as received; when the
 * arriving instance's differs from the study's, the journal's entries
 * ({@link JournalView#applicableTo}) are applied and it is compared again ({@link #compare}), so
 * an instance sent under the old or the new values after a patient update, or under either
 * identity after a merge, joins its study as it should.
 *
 * <p><b>Two first instances at once.</b> The first instance of a study not yet stored claims the
 * study with its identity before it is written; a concurrent instance with another patient is
 * compared with that claim, so two contradicting instances of a new study cannot both be stored on
 * this node. A claim whose instance then fails to be stored is withdrawn (an instance refused
 * meanwhile because of it was refused for a patient that never got in: the sender may retry). The
 * cache is per node: two nodes sharing an S3 bucket may each store the first instance of a new
 * study for another patient, if both arrive before either is stored.
 *
 * <p>Thread-safe.
 */
final class StudyPatients {

    /** Studies whose identity is kept: a few hundred bytes each. */
    static final int MAX_CACHED = 20_000;

    private final BlobStore blobs;
    private final InstanceLoader loader;
    private final Journal journal;
    private final Map<String, PatientIdentity> known = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PatientIdentity> eldest) {
            return size() > MAX_CACHED;
        }
    });

    StudyPatients(BlobStore blobs, InstanceLoader loader, Journal journal) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /** What joining a study found. {@link #release} it once the instance is stored or not. */
    interface Joining {
        /** The contradiction found, if any. */
        Optional<Mismatch> mismatch();

        /** Withdraws this instance's claim on a new study when it was not stored. */
        void release(boolean stored);
    }

    /**
     * The study's patient and the arriving one disagree on {@code tag}.
     *
     * @param study    the study's identity (as the journal has it now)
     * @param arriving the arriving instance's, as received
     */
    record Mismatch(int tag, PatientIdentity study, PatientIdentity arriving) {
        /**
         * A sentence for the sender, leading with what matters (a DIMSE Error Comment keeps 64
         * characters). It names the attribute, never the stored study's value: whoever can send an
         * instance must not learn whose a study is by guessing its UID.
         */
        String reason(String studyUid) {
            return "patient contradicts study: " + PatientIdentity.describe(tag) + " differs from study " + studyUid;
        }
    }

    /** Checks an instance of {@code studyUid} whose (coerced) header is {@code header}. */
    Joining join(String studyUid, Dataset header) {
        PatientIdentity arriving = PatientIdentity.of(header);
        PatientIdentity study = known.get(studyUid);
        if (study == null) {
            study = stored(studyUid).orElse(null);
            if (study != null) {
                PatientIdentity raced = known.putIfAbsent(studyUid, study);
                study = raced != null ? raced : study;
            } else {
                PatientIdentity claimed = known.putIfAbsent(studyUid, arriving);
                if (claimed == null) {
                    return new Claim(studyUid, arriving);
                }
                study = claimed;
            }
        }
        Optional<Mismatch> mismatch = compare(study, arriving);
        return new Joining() {
            @Override
            public Optional<Mismatch> mismatch() {
                return mismatch;
            }

            @Override
            public void release(boolean stored) {
            }
        };
    }

    /**
     * Whether {@code arriving} may join a study of {@code study} (both as received). It may when it
     * agrees with the study as received, or with the study as the journal has it now (sent under
     * the corrected values), or, when the journal moved the arriving identity to another one (a
     * merge), when its current identity agrees with the study's current one. Not when the journal
     * merely overwrites its name: that an update renamed P1 does not make every name sent under P1
     * P1's.
     */
    private Optional<Mismatch> compare(PatientIdentity study, PatientIdentity arriving) {
        if (study.contradiction(arriving) < 0) {
            return Optional.empty(); // the common case: no journal look-up
        }
        JournalView view = journal.view();
        PatientIdentity s = current(study, view);
        int tag = s.contradiction(arriving);
        if (tag < 0) {
            return Optional.empty();
        }
        PatientIdentity a = current(arriving, view);
        if (!a.patientId().equals(arriving.patientId()) && s.contradiction(a) < 0) {
            return Optional.empty();
        }
        return Optional.of(new Mismatch(tag, s, arriving));
    }

    /** {@code identity} with the journal's entries for it applied. */
    private static PatientIdentity current(PatientIdentity identity, JournalView view) {
        if (identity.id().isEmpty()) {
            return identity; // the journal records nothing for instances without a Patient ID
        }
        Dataset ds = identity.toDataset();
        JournalReplay.apply(ds, view.applicableTo(identity.patientId()));
        return PatientIdentity.of(ds);
    }

    /** The identity of the study's first stored instance, or empty when none is stored. */
    private Optional<PatientIdentity> stored(String studyUid) {
        Optional<BlobKey> first;
        try (Stream<BlobKey> listing = blobs.list(InstanceKeys.studyPrefix(studyUid))) {
            first = listing.filter(k -> k.fileName().endsWith(".dcm")).findFirst();
        }
        return first.map(k -> PatientIdentity.of(loader.coercedHeader(k)));
    }

    /** The claim of the first instance of a study not stored yet. */
    private final class Claim implements Joining {
        private final String studyUid;
        private final PatientIdentity identity;

        Claim(String studyUid, PatientIdentity identity) {
            this.studyUid = studyUid;
            this.identity = identity;
        }

        @Override
        public Optional<Mismatch> mismatch() {
            return Optional.empty();
        }

        @Override
        public void release(boolean stored) {
            if (!stored) {
                known.remove(studyUid, identity);
            }
        }
    }
}
