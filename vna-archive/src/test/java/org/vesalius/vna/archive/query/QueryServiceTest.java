package org.vesalius.vna.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.CFindQueryParser;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.index.QueryIndex;

class QueryServiceTest {

    /** Records what it was asked and answers with one empty data set. */
    static final class RecordingIndex implements QueryIndex {
        final List<Query> queries = new ArrayList<>();
        Set<Integer> fetch;

        @Override
        public Page find(Query query, Set<Integer> fetch, boolean everything) {
            queries.add(query);
            this.fetch = fetch;
            return new Page(List.of(new Dataset()), 1, false);
        }
    }

    @Test
    void caps_the_limit_and_refuses_paging_past_the_window() {
        RecordingIndex index = new RecordingIndex();
        QueryService service = new QueryService(index, 100);
        service.query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of()));
        service.query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of("limit", List.of("5000"))));
        service.query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of("limit", List.of("7"))));
        assertThat(index.queries).extracting(Query::limit).containsExactly(100, 100, 7);
        assertThatThrownBy(() -> service.query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of("offset", List.of("9950")))))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("offset"));
    }

    @Test
    void qido_fetches_the_level_defaults_and_those_above_but_nothing_below() {
        RecordingIndex index = new RecordingIndex();
        new QueryService(index, 10).query(QidoQueryParser.parse(QueryLevel.SERIES, Map.of("SOPClassUID", List.of("1.2"))));
        assertThat(index.fetch).contains(Tags.Modality, Tags.NumberOfSeriesRelatedInstances, Tags.StudyInstanceUID,
                Tags.PatientName, Tags.StudyDate).doesNotContain(Tags.SOPClassUID, Tags.NumberOfStudyRelatedSeries);
    }

    @Test
    void cfind_answers_every_requested_key_and_warnings_say_what_was_not_done() {
        Dataset id = new Dataset();
        id.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        id.set(Tags.StudyDescription, VR.LO, null);
        id.set(Tags.ReferencedStudySequence, VR.SQ, null);
        id.setString(Tags.PatientComments, VR.LT, "x");
        Query q = CFindQueryParser.parse(id, new CFindQueryParser.Options(CFindQueryParser.InformationModel.STUDY_ROOT,
                false, false, true));
        QueryResult result = new QueryService(new RecordingIndex(), 10).query(q);
        Dataset d = result.matches().get(0);
        assertThat(d.contains(Tags.StudyDescription)).isTrue();
        assertThat(d.getSequence(Tags.ReferencedStudySequence)).isEmpty();
        assertThat(result.warnings()).hasSize(2);
        assertThat(result.warnings().get(0)).contains("fuzzymatching");
        assertThat(result.warnings().get(1)).contains("PatientComments");
    }
}
