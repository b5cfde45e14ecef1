package org.vesalius.vna.archive.api.query;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.archive.api.failure.ArchiveException;

/**
 * The two query parsers on arbitrary input: a {@link Query} or an {@link ArchiveException} naming
 * the parameter or key at fault (400 for QIDO-RS, A900/C000 for C-FIND), nothing else. Replayed by
 * {@code ./vna test}, searched by {@code ./vna fuzz} (vna-archive/README.md, "Fuzzing").
 */
class QueryParserFuzzTest {

    /** Real keys, so the fuzzer reaches the matching rules instead of stopping at "unknown parameter". */
    private static final String[] KEYS = {"PatientID", "PatientName", "StudyDate", "StudyTime", "AccessionNumber", "ModalitiesInStudy",
        "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "Modality", "00100020", "00080020", "0020000D", "includefield",
        "limit", "offset", "fuzzymatching", "IssuerOfPatientID", "00100021.00400032", "ReferringPhysicianName", "StudyDescription",
        "SeriesNumber", "InstanceNumber", "SOPClassUID", "PatientBirthDate", "0008103E", "x"};

    @FuzzTest(maxExecutions = 100_000)
    void qidoParameters(FuzzedDataProvider data) {
        QueryLevel level = data.pickValue(new QueryLevel[] {QueryLevel.STUDY, QueryLevel.SERIES, QueryLevel.INSTANCE});
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(20);
            parameters.computeIfAbsent(key, k -> new ArrayList<>()).add(data.consumeString(80));
        }
        String study = data.consumeBoolean() ? data.consumeString(70) : null;
        String series = study != null && data.consumeBoolean() ? data.consumeString(70) : null;
        try {
            QidoQueryParser.parse(level, new QidoQueryParser.Scope(study, series), parameters);
        } catch (ArchiveException expected) {
            // the typed answer: 400 naming the parameter
        }
    }

    @FuzzTest(maxExecutions = 100_000)
    void cFindIdentifier(FuzzedDataProvider data) {
        CFindQueryParser.Options options = new CFindQueryParser.Options(
                data.pickValue(CFindQueryParser.InformationModel.values()), data.consumeBoolean(), data.consumeBoolean(), data.consumeBoolean());
        Dataset identifier;
        try {
            identifier = DicomReader.readDataset(new ByteArrayInputStream(data.consumeRemainingAsBytes()),
                    TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
        } catch (IOException e) {
            return; // not an identifier: the association's decoder refuses it before the parser
        }
        try {
            CFindQueryParser.parse(identifier, options);
        } catch (ArchiveException expected) {
            // the typed answer: A900/C000 naming the key
        }
    }
}
