package org.vesalius.vna.archive.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.DateRange;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.query.Condition.CombinedDateTimeMatch;
import org.vesalius.vna.archive.api.query.Condition.DateRangeMatch;
import org.vesalius.vna.archive.api.query.Condition.DateTimeRangeMatch;
import org.vesalius.vna.archive.api.query.Condition.SequenceMatch;
import org.vesalius.vna.archive.api.query.Condition.SingleValue;
import org.vesalius.vna.archive.api.query.Condition.TimeRangeMatch;
import org.vesalius.vna.archive.api.query.Condition.Universal;
import org.vesalius.vna.archive.api.query.Condition.ValueList;
import org.vesalius.vna.archive.api.query.Condition.Wildcard;

class QidoQueryParserTest {

    static Map<String, List<String>> params(String query) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            map.computeIfAbsent(pair.substring(0, eq), k -> new ArrayList<>()).add(pair.substring(eq + 1));
        }
        return map;
    }

    static Condition conditionOf(String query, int tag) {
        return QidoQueryParser.parse(QueryLevel.STUDY, params(query)).match(tag).orElseThrow().condition();
    }

    static Stream<Arguments> matchingTypes() {
        return Stream.of(
                Arguments.of("PatientID=", Tags.PatientID, Universal.INSTANCE),
                Arguments.of("PatientName=*", Tags.PatientName, Universal.INSTANCE),
                Arguments.of("PatientID=12345", Tags.PatientID, new SingleValue("12345")),
                Arguments.of("00100020=%20 12345 ", Tags.PatientID, new SingleValue("%20 12345")),
                Arguments.of("PatientName=Doe^John", Tags.PatientName, new SingleValue("Doe^John")),
                Arguments.of("PatientName=Do?^J*", Tags.PatientName, new Wildcard("Do?^J*")),
                Arguments.of("AccessionNumber=A*", Tags.AccessionNumber, new Wildcard("A*")),
                Arguments.of("StudyInstanceUID=1.2.3", Tags.StudyInstanceUID, new SingleValue("1.2.3")),
                Arguments.of("StudyInstanceUID=1.2.3,1.2.4", Tags.StudyInstanceUID, new ValueList(List.of("1.2.3", "1.2.4"))),
                Arguments.of("StudyInstanceUID=1.2.3\\1.2.4", Tags.StudyInstanceUID, new ValueList(List.of("1.2.3", "1.2.4"))),
                Arguments.of("StudyInstanceUID=1.2.3&StudyInstanceUID=1.2.4", Tags.StudyInstanceUID,
                        new ValueList(List.of("1.2.3", "1.2.4"))),
                Arguments.of("ModalitiesInStudy=CT\\MR", Tags.ModalitiesInStudy, new ValueList(List.of("CT", "MR"))),
                Arguments.of("ModalitiesInStudy=CT,MR", Tags.ModalitiesInStudy, new ValueList(List.of("CT", "MR"))),
                Arguments.of("Modality=CT,MR\\US", Tags.Modality, new ValueList(List.of("CT", "MR", "US"))),
                Arguments.of("SeriesNumber=+007", Tags.SeriesNumber, new SingleValue("7")),
                Arguments.of("StudyDate=20240101", Tags.StudyDate, new DateRangeMatch(DateRange.parse("20240101"))),
                Arguments.of("StudyDate=20240101-", Tags.StudyDate, new DateRangeMatch(DateRange.parse("20240101-"))),
                Arguments.of("StudyDate=-20240101", Tags.StudyDate, new DateRangeMatch(DateRange.parse("-20240101"))),
                Arguments.of("StudyDate=20240101-20240131", Tags.StudyDate, new DateRangeMatch(DateRange.parse("20240101-20240131"))),
                Arguments.of("StudyTime=10-1130", Tags.StudyTime, new TimeRangeMatch(org.vesalius.dicom.data.TimeRange.parse("10-1130"))),
                Arguments.of("AcquisitionDateTime=2024-202406", Tags.AcquisitionDateTime,
                        new DateTimeRangeMatch(org.vesalius.dicom.data.DateTimeRange.parse("2024-202406"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matchingTypes")
    void reads_each_matching_type(String query, int tag, Condition expected) {
        assertThat(conditionOf(query, tag)).isEqualTo(expected);
    }

    @Test
    void combines_study_date_and_time() {
        Query q = QidoQueryParser.parse(QueryLevel.STUDY, params("StudyDate=20240101-20240131&StudyTime=1000-1800"));
        CombinedDateTimeMatch c = (CombinedDateTimeMatch) q.match(Tags.StudyDate).orElseThrow().condition();
        assertThat(c.toDateTimeRange().from()).isEqualTo(LocalDateTime.of(2024, 1, 1, 10, 0));
        assertThat(c.toDateTimeRange().to()).isEqualTo(LocalDate.of(2024, 1, 31).atTime(LocalTime.of(18, 0, 59, 999_999_999)));
        assertThat(q.match(Tags.StudyTime).orElseThrow().condition()).isEqualTo(Universal.INSTANCE);
        assertThat(q.returnKeys().tags()).contains(Tags.StudyTime, Tags.StudyDate);
    }

    @Test
    void gathers_sequence_item_keys_into_one_item() {
        Query q = QidoQueryParser.parse(QueryLevel.SERIES,
                params("RequestAttributesSequence.AccessionNumber=A1&00400275.00401001=RP*"));
        SequenceMatch s = (SequenceMatch) q.match(Tags.RequestAttributesSequence).orElseThrow().condition();
        assertThat(s.itemMatches()).extracting(AttributeMatch::tag).containsExactly(Tags.AccessionNumber, Tags.RequestedProcedureID);
        assertThat(s.itemMatches().get(1).condition()).isEqualTo(new Wildcard("RP*"));
    }

    @Test
    void reads_paging_includefield_and_fuzzymatching() {
        Query q = QidoQueryParser.parse(QueryLevel.INSTANCE,
                params("limit=10&offset=20&fuzzymatching=true&includefield=StudyDescription,00081030&includefield=all"));
        assertThat(q.limit()).isEqualTo(10);
        assertThat(q.offset()).isEqualTo(20);
        assertThat(q.fuzzyMatching()).isTrue();
        assertThat(q.returnKeys().all()).isTrue();
        assertThat(q.returnKeys().defaults()).isTrue();
        assertThat(q.returnKeys().tags()).contains(Tags.StudyDescription);
    }

    @Test
    void scope_constrains_the_uids_and_a_conflicting_parameter_must_hold_too() {
        Query q = QidoQueryParser.parse(QueryLevel.INSTANCE, new QidoQueryParser.Scope("1.2.3", "1.2.3.4"),
                params("StudyInstanceUID=1.2.9"));
        assertThat(q.matches()).filteredOn(m -> m.tag() == Tags.StudyInstanceUID).extracting(AttributeMatch::condition)
                .containsExactlyInAnyOrder(new SingleValue("1.2.3"), new SingleValue("1.2.9"));
        assertThat(q.match(Tags.SeriesInstanceUID).orElseThrow().condition()).isEqualTo(new SingleValue("1.2.3.4"));
    }

    @Test
    void known_attributes_the_index_cannot_match_are_ignored_and_reported() {
        Query q = QidoQueryParser.parse(QueryLevel.STUDY, params("PatientComments=x&PatientBirthTime=&00091010=y"));
        assertThat(q.ignoredKeys()).containsExactly("PatientComments", "00091010");
        assertThat(q.matches()).isEmpty();
        assertThat(q.returnKeys().tags()).contains(Tags.PatientComments, Tags.PatientBirthTime, 0x00091010);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("Foo=1", "Foo", "unknown attribute"),
                Arguments.of("includefield=NoSuchThing", "includefield", "unknown attribute"),
                Arguments.of("includefield=", "includefield", "empty attribute name"),
                Arguments.of("StudyDate=2024-01-01", "StudyDate", "more than one '-'"),
                Arguments.of("StudyDate=20240231", "StudyDate", "not a DA value"),
                Arguments.of("StudyDate=20240301-20240201", "StudyDate", "is after"),
                Arguments.of("StudyDate=-", "StudyDate", "at least one bound"),
                Arguments.of("StudyDate=2024*", "StudyDate", "wild cards are not allowed"),
                Arguments.of("StudyTime=2500", "StudyTime", "not a TM value"),
                Arguments.of("StudyInstanceUID=1.2.*", "StudyInstanceUID", "wild cards are not allowed in UIDs"),
                Arguments.of("StudyInstanceUID=1.2.3,,1.2.4", "StudyInstanceUID", "empty UID"),
                Arguments.of("StudyInstanceUID=abc", "StudyInstanceUID", "is not a UID"),
                Arguments.of("SeriesNumber=one", "SeriesNumber", "not an integer"),
                Arguments.of("SeriesNumber=1*", "SeriesNumber", "not an integer"),
                Arguments.of("PatientName=Doe\\Roe", "PatientName", "multiple values"),
                Arguments.of("PatientID=1&PatientID=2", "PatientID", "only UID lists may repeat"),
                Arguments.of("RequestAttributesSequence=x", "RequestAttributesSequence", "matched through its items"),
                Arguments.of("A.B.C=1", "A.B.C", "one level deep"),
                Arguments.of("limit=-1", "limit", "must not be negative"),
                Arguments.of("limit=ten", "limit", "not a non-negative integer"),
                Arguments.of("limit=1&limit=2", "limit", "exactly one value"),
                Arguments.of("offset=1.5", "offset", "not a non-negative integer"),
                Arguments.of("fuzzymatching=yes", "fuzzymatching", "not true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refuses_malformed_queries_naming_the_parameter(String query, String parameter, String reason) {
        assertThatThrownBy(() -> QidoQueryParser.parse(QueryLevel.STUDY, params(query)))
                .isInstanceOfSatisfying(InvalidQueryException.class, e -> {
                    assertThat(e.parameter()).isEqualTo(parameter);
                    assertThat(e.reason()).contains(reason);
                    assertThat(e.getMessage()).startsWith(parameter + ": ");
                });
    }
}
