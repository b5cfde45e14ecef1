package org.vesalius.vna.archive.index.elasticsearch;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive.Row;

/** Expected answers computed in plain Java from the generated rows, never from the index. */
final class Expectations {

    /** Newest study first, then UIDs and numbers ascending, as the README promises. */
    static final Comparator<Row> ORDER = Comparator
            .comparing(Row::studyDate, Comparator.reverseOrder())
            .thenComparing(Row::studyTime, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Row::studyUid)
            .thenComparingInt(Row::seriesNumber)
            .thenComparing(Row::seriesUid)
            .thenComparingInt(Row::instanceNumber)
            .thenComparing(Row::sopUid);

    private Expectations() {
    }

    /** The key that identifies an entity of the level. */
    static Function<Row, String> key(QueryLevel level) {
        return switch (level) {
            case PATIENT -> Row::patientKey;
            case STUDY -> Row::studyUid;
            case SERIES -> Row::seriesUid;
            case INSTANCE -> Row::sopUid;
        };
    }

    /** The key of a result data set. */
    static String key(QueryLevel level, Dataset d) {
        return switch (level) {
            case PATIENT -> d.getString(Tags.PatientID, "") + "\\" + d.getString(Tags.IssuerOfPatientID, "");
            case STUDY -> d.getString(Tags.StudyInstanceUID);
            case SERIES -> d.getString(Tags.SeriesInstanceUID);
            case INSTANCE -> d.getString(Tags.SOPInstanceUID);
        };
    }

    /** The matching entities, in result order (patients by key). */
    static List<String> matching(List<Row> rows, QueryLevel level, Predicate<Row> predicate) {
        Function<Row, String> key = key(level);
        if (level == QueryLevel.PATIENT) {
            TreeSet<String> keys = new TreeSet<>();
            rows.stream().filter(predicate).map(key).forEach(keys::add);
            return new ArrayList<>(keys);
        }
        Map<String, Row> first = new LinkedHashMap<>();
        rows.stream().filter(predicate).sorted(ORDER).forEach(r -> first.putIfAbsent(key.apply(r), r));
        return new ArrayList<>(first.keySet());
    }

    /**
     * Combined date-time matching as the README defines it: from {@code fromDate} at
     * {@code fromTime} to {@code toDate} at {@code toTime}; a study without time spans its day.
     */
    static boolean combined(Row r, LocalDate fromDate, LocalTime fromTime, LocalDate toDate, LocalTime toTime) {
        LocalDateTime min = r.studyDate().atTime(r.studyTime() == null ? LocalTime.MIN : r.studyTime());
        LocalDateTime max = r.studyDate().atTime(r.studyTime() == null ? LocalTime.MAX : r.studyTime());
        LocalDateTime from = fromDate == null ? null : fromDate.atTime(fromTime == null ? LocalTime.MIN : fromTime);
        LocalDateTime to = toDate == null ? null : toDate.atTime(toTime == null ? LocalTime.MAX : toTime);
        return (from == null || !max.isBefore(from)) && (to == null || !min.isAfter(to));
    }

    /** A time within [from, to] (TM range, bounds inclusive; minutes given cover the minute). */
    static boolean timeIn(LocalTime t, LocalTime from, LocalTime to) {
        return t != null && !t.isBefore(from) && !t.isAfter(to);
    }
}
