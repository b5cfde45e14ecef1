package org.vesalius.vna.archive.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;

class JournalTest {

    static final PatientId A = new PatientId("12345", "HOSP_A");
    static final PatientId B = new PatientId("777", "HOSP_A");
    static final PatientId A_OTHER_ISSUER = new PatientId("12345", "HOSP_B");

    @TempDir
    Path dir;
    BlobStore blobs;
    Journal journal;

    @BeforeEach
    void open() {
        blobs = new FileSystemBlobStore(dir);
        journal = new Journal(blobs, Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        blobs.close();
    }

    static Dataset values(Object... tagsAndValues) {
        Dataset v = new Dataset();
        v.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        for (int i = 0; i < tagsAndValues.length; i += 2) {
            int tag = (Integer) tagsAndValues[i];
            v.setString(tag, org.vesalius.dicom.data.ElementDictionary.standard().vrOf(tag), (String) tagsAndValues[i + 1]);
        }
        return v;
    }

    @Test
    void anEntryIsADurableReadableJsonDocumentUnderItsPatient() throws IOException {
        JournalEntry e = journal.append(A, values(Tags.PatientName, "Ñandú^José"), "registration fix", "HL7:ADT^A08");

        List<BlobKey> keys;
        try (Stream<BlobKey> s = blobs.list("journal/")) {
            keys = s.toList();
        }
        assertThat(keys).containsExactly(e.key());
        assertThat(e.key().value()).matches("journal/patients/[0-9a-f]{32}/20250301100000000-[0-9a-f]{6}\\.json");
        String json;
        try (InputStream in = blobs.open(e.key())) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(json).contains("\"format\":\"vesalius-journal/1\"", "\"kind\":\"patient-update\"",
                "\"patient\":{\"id\":\"12345\",\"issuer\":\"HOSP_A\"}", "Ñandú^José", "registration fix", "HL7:ADT^A08");

        List<JournalEntry> read = new Journal(blobs, Clock.systemUTC()).entriesOf(A);
        assertThat(read).hasSize(1);
        assertThat(read.get(0).sequence()).isEqualTo(e.sequence());
        assertThat(read.get(0).newValues().getString(Tags.PatientName)).isEqualTo("Ñandú^José");
        assertThat(read.get(0).recordedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(journal.entriesOf(A_OTHER_ISSUER)).isEmpty();
    }

    @Test
    void entriesOfOneMillisecondStillSortInAppendOrder() {
        JournalEntry first = journal.append(A, values(Tags.PatientName, "One"), "", "");
        JournalEntry second = journal.append(A, values(Tags.PatientName, "Two"), "", "");

        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(journal.entriesOf(A)).extracting(JournalEntry::sequence).containsExactly(first.sequence(), second.sequence());
    }

    @Test
    void onlyPatientLevelAttributesAndAKnownPatient() {
        assertThatThrownBy(() -> journal.append(A, values(Tags.StudyDescription, "x"), "", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0008,1030)");
        assertThatThrownBy(() -> journal.append(A, new Dataset(), "", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> journal.append(new PatientId("", "X"), values(Tags.PatientName, "x"), "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        try (Stream<BlobKey> s = blobs.list("")) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aMergeMovesInstancesToTheSurvivorAndItsLaterCorrectionsFollowThem() {
        JournalEntry rename = journal.append(A, values(Tags.PatientName, "Doe^Jon"), "", "");
        JournalEntry merge = journal.append(A, values(Tags.PatientID, "777"), "merge A into B", "HL7:ADT^A40");
        JournalEntry bBefore = journal.append(B, values(Tags.PatientSex, "F"), "", "");
        // B's entry above was recorded after the merge, so it applies to A's instances too.
        JournalEntry reuse = journal.append(A, values(Tags.PatientName, "Someone^Else"), "ID 12345 reused", "");

        assertThat(journal.applicableTo(A)).containsExactly(rename, merge, bBefore);
        assertThat(journal.applicableTo(B)).containsExactly(bBefore);
        assertThat(journal.applicableTo(A_OTHER_ISSUER)).isEmpty();
        assertThat(merge.resultingIdentity()).isEqualTo(B);
        assertThat(reuse.changesIdentity()).isFalse();
    }

    @Test
    void aCorrectionOfTheSurvivorBeforeTheMergeDoesNotReachTheMergedInstances() {
        JournalEntry early = journal.append(B, values(Tags.PatientSex, "F"), "", "");
        JournalEntry merge = journal.append(A, values(Tags.PatientID, "777"), "", "");

        assertThat(journal.applicableTo(A)).containsExactly(merge);
        assertThat(journal.applicableTo(B)).containsExactly(early);
    }

    @Test
    void aNameTheHeadersCharacterSetCannotHoldMovesTheHeaderToUtf8() {
        Dataset header = new Dataset();
        header.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 100");
        header.setString(Tags.InstitutionName, VR.LO, "Hôpital Saint-Éloi");
        header.setString(Tags.PatientName, VR.PN, "Dupont^René");
        Dataset item = header.newSequence(Tags.ReferencedStudySequence, 1).addItem();
        item.setString(Tags.StudyDescription, VR.LO, "Écho");
        JournalEntry e = journal.append(A, values(Tags.PatientName, "Łukasz^Żółć"), "", "");

        JournalReplay.apply(header, List.of(e));

        assertThat(header.getString(Tag.SPECIFIC_CHARACTER_SET)).isEqualTo("ISO_IR 192");
        assertThat(header.getString(Tags.PatientName)).isEqualTo("Łukasz^Żółć");
        assertThat(header.getString(Tags.InstitutionName)).isEqualTo("Hôpital Saint-Éloi");
        assertThat(header.getSequence(Tags.ReferencedStudySequence).get(0).getString(Tags.StudyDescription)).isEqualTo("Écho");
        assertThat(header.getBytes(Tags.InstitutionName)).isEqualTo("Hôpital Saint-Éloi".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aNameTheHeaderCanHoldKeepsItsCharacterSet() {
        Dataset header = new Dataset();
        header.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 100");
        header.setString(Tags.PatientName, VR.PN, "Dupont^René");
        JournalEntry e = journal.append(A, values(Tags.PatientName, "Dupont^Renée"), "", "");

        JournalReplay.apply(header, List.of(e));

        assertThat(header.getString(Tag.SPECIFIC_CHARACTER_SET)).isEqualTo("ISO_IR 100");
        assertThat(header.getBytes(Tags.PatientName)).isEqualTo("Dupont^Renée".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void anUnreadableEntryFailsLoudly() {
        blobs.put(BlobKey.of(JournalKeys.prefix(A) + "20250101000000000-000000.json"), new ByteArrayInputStream("{".getBytes()));

        assertThatThrownBy(() -> journal.entriesOf(A)).isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("unreadable journal entry");
    }
}
