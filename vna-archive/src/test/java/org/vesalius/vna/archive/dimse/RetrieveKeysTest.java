package org.vesalius.vna.archive.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.CFindQueryParser.InformationModel;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.QueryLevel;

class RetrieveKeysTest {

    private static Dataset keys(String level, String patientId, String study, String series, String sop) {
        Dataset d = new Dataset();
        if (level != null) {
            d.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        }
        if (patientId != null) {
            d.setString(Tags.PatientID, VR.LO, patientId);
        }
        if (study != null) {
            d.setString(Tags.StudyInstanceUID, VR.UI, study);
        }
        if (series != null) {
            d.setString(Tags.SeriesInstanceUID, VR.UI, series);
        }
        if (sop != null) {
            d.setString(Tags.SOPInstanceUID, VR.UI, sop);
        }
        return d;
    }

    @Test
    void eachLevelTakesItsUniqueKeys() {
        RetrieveKeys study = RetrieveKeys.parse(keys("STUDY", null, "1.2.3\\1.2.4\\1.2.3", null, null), InformationModel.STUDY_ROOT);
        assertThat(study.level()).isEqualTo(QueryLevel.STUDY);
        assertThat(study.studies()).as("a list, each UID once").containsExactly("1.2.3", "1.2.4");
        assertThat(study.patient()).isNull();

        RetrieveKeys series = RetrieveKeys.parse(keys("SERIES", "P1", "1.2.3", "1.2.3.1\\1.2.3.2", ""), InformationModel.PATIENT_ROOT);
        assertThat(series.patient()).isEqualTo(new PatientId("P1", ""));
        assertThat(series.series()).containsExactly("1.2.3.1", "1.2.3.2");
        assertThat(series.instances()).as("an empty lower key is allowed").isEmpty();

        RetrieveKeys image = RetrieveKeys.parse(keys("IMAGE", null, "1.2.3", "1.2.3.1", "1.2.3.1.1\\1.2.3.1.2"),
                InformationModel.STUDY_ROOT);
        assertThat(image.instances()).containsExactly("1.2.3.1.1", "1.2.3.1.2");

        Dataset patient = keys("PATIENT", "P1", null, null, null).setString(Tags.IssuerOfPatientID, VR.LO, "HOSP_A")
                .setString(Tags.PatientName, VR.PN, "Ignored^Too");
        assertThat(RetrieveKeys.parse(patient, InformationModel.PATIENT_ROOT).patient()).isEqualTo(new PatientId("P1", "HOSP_A"));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no level", keys(null, null, "1.2.3", null, null), InformationModel.STUDY_ROOT, "QueryRetrieveLevel"),
                Arguments.of("unknown level", keys("FRAME", null, "1.2.3", null, null), InformationModel.STUDY_ROOT, "QueryRetrieveLevel"),
                Arguments.of("PATIENT in Study Root", keys("PATIENT", "P1", null, null, null), InformationModel.STUDY_ROOT,
                        "QueryRetrieveLevel"),
                Arguments.of("Patient Root without Patient ID", keys("STUDY", null, "1.2.3", null, null),
                        InformationModel.PATIENT_ROOT, "PatientID"),
                Arguments.of("Patient Root with an empty Patient ID", keys("PATIENT", "", null, null, null),
                        InformationModel.PATIENT_ROOT, "PatientID"),
                Arguments.of("a wildcard Patient ID", keys("PATIENT", "P*", null, null, null), InformationModel.PATIENT_ROOT,
                        "PatientID"),
                Arguments.of("a list of Patient IDs", keys("PATIENT", "P1\\P2", null, null, null), InformationModel.PATIENT_ROOT,
                        "PatientID"),
                Arguments.of("STUDY without Study Instance UID", keys("STUDY", null, null, null, null), InformationModel.STUDY_ROOT,
                        "StudyInstanceUID"),
                Arguments.of("a wildcard UID", keys("STUDY", null, "1.2.*", null, null), InformationModel.STUDY_ROOT,
                        "StudyInstanceUID"),
                Arguments.of("not a UID", keys("STUDY", null, "1..2", null, null), InformationModel.STUDY_ROOT, "StudyInstanceUID"),
                Arguments.of("SERIES under two studies", keys("SERIES", null, "1.2.3\\1.2.4", "1.2.3.1", null),
                        InformationModel.STUDY_ROOT, "StudyInstanceUID"),
                Arguments.of("SERIES without Series Instance UID", keys("SERIES", null, "1.2.3", null, null),
                        InformationModel.STUDY_ROOT, "SeriesInstanceUID"),
                Arguments.of("IMAGE without Series Instance UID", keys("IMAGE", null, "1.2.3", null, "1.2.3.1.1"),
                        InformationModel.STUDY_ROOT, "SeriesInstanceUID"),
                Arguments.of("a key below the level", keys("STUDY", null, "1.2.3", null, "1.2.3.1.1"), InformationModel.STUDY_ROOT,
                        "SOPInstanceUID"),
                Arguments.of("an empty value in a list", keys("STUDY", null, "1.2.3\\", null, null), InformationModel.STUDY_ROOT,
                        "StudyInstanceUID"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void badIdentifiersNameTheKeyAtFault(String what, Dataset identifier, InformationModel model, String key) {
        assertThatThrownBy(() -> RetrieveKeys.parse(identifier, model)).isInstanceOfSatisfying(InvalidQueryException.class,
                e -> assertThat(e.parameter()).isEqualTo(key));
    }
}
