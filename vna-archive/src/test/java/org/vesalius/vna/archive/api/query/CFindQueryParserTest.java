package org.vesalius.vna.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.CFindQueryParser.InformationModel;
import org.vesalius.vna.archive.api.query.CFindQueryParser.Options;
import org.vesalius.vna.archive.api.query.Condition.SequenceMatch;
import org.vesalius.vna.archive.api.query.Condition.SingleValue;
import org.vesalius.vna.archive.api.query.Condition.Universal;
import org.vesalius.vna.archive.api.query.Condition.ValueList;
import org.vesalius.vna.archive.api.query.Condition.Wildcard;

class CFindQueryParserTest {

    static Dataset identifier(String level) {
        Dataset d = new Dataset();
        d.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        return d;
    }

    static final Options STUDY_ROOT = Options.of(InformationModel.STUDY_ROOT);

    @Test
    void keys_with_values_match_and_every_key_is_returned() {
        Dataset id = identifier("STUDY");
        id.setString(Tags.PatientName, VR.PN, "Doe*");
        id.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3", "1.2.4");
        id.set(Tags.StudyDescription, VR.LO, null);
        id.setString(Tags.AccessionNumber, VR.SH, "A1");
        Query q = CFindQueryParser.parse(id, STUDY_ROOT);
        assertThat(q.level()).isEqualTo(QueryLevel.STUDY);
        assertThat(q.match(Tags.PatientName).orElseThrow().condition()).isEqualTo(new Wildcard("Doe*"));
        assertThat(q.match(Tags.StudyInstanceUID).orElseThrow().condition()).isEqualTo(new ValueList(java.util.List.of("1.2.3", "1.2.4")));
        assertThat(q.match(Tags.StudyDescription).orElseThrow().condition()).isEqualTo(Universal.INSTANCE);
        assertThat(q.match(Tags.AccessionNumber).orElseThrow().condition()).isEqualTo(new SingleValue("A1"));
        assertThat(q.returnKeys().defaults()).isFalse();
        assertThat(q.returnKeys().tags()).containsExactlyInAnyOrder(Tags.PatientName, Tags.StudyInstanceUID,
                Tags.StudyDescription, Tags.AccessionNumber);
    }

    @Test
    void sequence_items_match_together_and_an_empty_item_is_a_return_key() {
        Dataset id = identifier("STUDY");
        Dataset item = id.newSequence(Tags.IssuerOfPatientIDQualifiersSequence, 1).addItem();
        item.setString(Tags.UniversalEntityID, VR.UT, "1.2.3.4.5");
        item.setString(Tags.UniversalEntityIDType, VR.CS, "ISO");
        id.newSequence(Tags.ReferencedStudySequence, 1).addItem();
        Query q = CFindQueryParser.parse(id, STUDY_ROOT);
        SequenceMatch s = (SequenceMatch) q.match(Tags.IssuerOfPatientIDQualifiersSequence).orElseThrow().condition();
        assertThat(s.itemMatches()).hasSize(2);
        assertThat(q.match(Tags.ReferencedStudySequence).orElseThrow().condition()).isEqualTo(Universal.INSTANCE);
    }

    @Test
    void date_and_time_match_independently_unless_combined_matching_was_negotiated() {
        Dataset id = identifier("STUDY");
        id.setString(Tags.StudyDate, VR.DA, "20240101-20240131");
        id.setString(Tags.StudyTime, VR.TM, "1000-1800");
        assertThat(CFindQueryParser.parse(id, STUDY_ROOT).match(Tags.StudyTime).orElseThrow().constrains()).isTrue();
        Query combined = CFindQueryParser.parse(id, new Options(InformationModel.STUDY_ROOT, false, true, false));
        assertThat(combined.match(Tags.StudyDate).orElseThrow().condition()).isInstanceOf(Condition.CombinedDateTimeMatch.class);
        assertThat(combined.match(Tags.StudyTime).orElseThrow().constrains()).isFalse();
    }

    @Test
    void hierarchical_queries_need_the_unique_keys_above() {
        Dataset id = identifier("SERIES");
        id.setString(Tags.Modality, VR.CS, "CT");
        assertThatThrownBy(() -> CFindQueryParser.parse(id, STUDY_ROOT)).isInstanceOfSatisfying(InvalidQueryException.class,
                e -> assertThat(e.parameter()).isEqualTo("StudyInstanceUID"));
        Dataset patientRoot = identifier("STUDY");
        patientRoot.setString(Tags.StudyDate, VR.DA, "20240101");
        assertThatThrownBy(() -> CFindQueryParser.parse(patientRoot, Options.of(InformationModel.PATIENT_ROOT)))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("PatientID"));
        assertThat(CFindQueryParser.parse(id, new Options(InformationModel.STUDY_ROOT, true, false, false)).level())
                .isEqualTo(QueryLevel.SERIES);
    }

    @Test
    void lower_level_keys_need_relational_queries() {
        Dataset id = identifier("STUDY");
        id.setString(Tags.Modality, VR.CS, "CT");
        assertThatThrownBy(() -> CFindQueryParser.parse(id, STUDY_ROOT)).isInstanceOfSatisfying(InvalidQueryException.class,
                e -> assertThat(e.parameter()).isEqualTo("Modality"));
        Dataset empty = identifier("STUDY");
        empty.set(Tags.Modality, VR.CS, null);
        assertThat(CFindQueryParser.parse(empty, STUDY_ROOT).returnKeys().tags()).doesNotContain(Tags.Modality);
        Query relational = CFindQueryParser.parse(id, new Options(InformationModel.STUDY_ROOT, true, false, false));
        assertThat(relational.match(Tags.Modality).orElseThrow().condition()).isEqualTo(new SingleValue("CT"));
    }

    @Test
    void refuses_bad_levels_bad_values_and_multi_item_sequences() {
        assertThatThrownBy(() -> CFindQueryParser.parse(new Dataset(), STUDY_ROOT)).isInstanceOfSatisfying(
                InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("QueryRetrieveLevel"));
        assertThatThrownBy(() -> CFindQueryParser.parse(identifier("PATIENT"), STUDY_ROOT))
                .hasMessageContaining("Study Root has no PATIENT level");
        Dataset badDate = identifier("STUDY");
        badDate.setString(Tags.StudyDate, VR.DA, "20241301");
        assertThatThrownBy(() -> CFindQueryParser.parse(badDate, STUDY_ROOT)).hasMessageStartingWith("StudyDate: ");
        Dataset twoItems = identifier("STUDY");
        var seq = twoItems.newSequence(Tags.ReferencedStudySequence, 2);
        seq.addItem();
        seq.addItem();
        assertThatThrownBy(() -> CFindQueryParser.parse(twoItems, STUDY_ROOT)).hasMessageContaining("at most one item");
    }

    @Test
    void unmatchable_keys_with_values_are_ignored_and_reported() {
        Dataset id = identifier("STUDY");
        id.setString(Tags.PatientComments, VR.LT, "x");
        id.setString(Tags.NumberOfStudyRelatedInstances, VR.IS, "3");
        Query q = CFindQueryParser.parse(id, STUDY_ROOT);
        assertThat(q.ignoredKeys()).containsExactlyInAnyOrder("PatientComments", "NumberOfStudyRelatedInstances");
        assertThat(q.returnKeys().tags()).contains(Tags.PatientComments, Tags.NumberOfStudyRelatedInstances);
    }
}
