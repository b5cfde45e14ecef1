package org.vesalius.vna.hl7.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;

import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryOrder;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.api.query.ReturnKeys;
import org.vesalius.vna.archive.api.query.TimeWindow;

/**
 * Decides what to tell: puts one notification per destination in the {@link FileOutbox} for each
 * study that became stable (its last instance received more than the quiet period ago) and for
 * each study of a patient that was updated or merged.
 *
 * <p>Stability is read from the index, not from memory, so that a restart loses nothing: each scan
 * asks for the studies whose last receipt falls between the outbox's watermark (minus an overlap, for
 * documents indexed late) and now minus the quiet period, then moves the watermark. A study
 * received again later is told of again (a new series). The watermark does not move while the index
 * is not keeping up ({@code indexKeepingUp}: a backlog to catch up after an outage), so an
 * Elasticsearch outage delays notifications and loses none. The outbox's key (destination, study, last receipt) makes a scan
 * seen twice harmless. The first scan of a new outbox starts at "now": the archive's past is not
 * announced.
 */
public final class StudyNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(StudyNotifier.class);
    private static final Duration OVERLAP = Duration.ofMinutes(10);
    private static final int PAGE = 500;
    private static final ReturnKeys KEYS = new ReturnKeys(false, true, Set.of(Tags.StudyDescription, Tags.IssuerOfPatientID,
            Tags.NumberOfStudyRelatedSeries, Tags.NumberOfStudyRelatedInstances));

    private final FileOutbox outbox;
    private final QueryPort queries;
    private final NotifySettings settings;
    private final BooleanSupplier indexKeepingUp;
    private final Queue<Change> changes = new ConcurrentLinkedQueue<>();

    /** Elasticsearch shows a write within its refresh interval (1 s). */
    static final Duration VISIBLE_AFTER = Duration.ofSeconds(2);

    private record Change(PatientId patient, String change, Instant due) {
    }

    public StudyNotifier(FileOutbox outbox, QueryPort queries, NotifySettings settings, BooleanSupplier indexKeepingUp) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.indexKeepingUp = Objects.requireNonNull(indexKeepingUp, "indexKeepingUp");
    }

    /**
     * One scan at {@code now}.
     *
     * @return how many notifications were put in the outbox
     */
    public int scan(Instant now) {
        int put = changesDue(now);
        Instant stableBefore = now.minus(settings.quietPeriod());
        Instant watermark = outbox.watermark();
        if (watermark == null) {
            outbox.watermark(stableBefore);
            return put;
        }
        Query query = new Query(QueryLevel.STUDY, List.of(), KEYS, PAGE, 0, false, List.of(), QueryOrder.STUDY_DATE_DESC, null,
                new TimeWindow(watermark.minus(OVERLAP), stableBefore), Set.of(), false);
        for (int offset = 0; ; offset += PAGE) {
            QueryResult page = queries.query(query.withPaging(PAGE, offset));
            for (int i = 0; i < page.matches().size(); i++) {
                Instant received = page.lastUpdated().get(i);
                if (received != null && received.isBefore(stableBefore)) {
                    put += put(page.matches().get(i), "received " + received.toEpochMilli(), false, now);
                }
            }
            if (!page.truncated() || page.matches().isEmpty()) {
                break;
            }
        }
        if (indexKeepingUp.getAsBoolean() && stableBefore.isAfter(watermark)) {
            outbox.watermark(stableBefore);
        }
        return put;
    }

    /**
     * Tells of every study of {@code patient} at the first scan after the index has shown its
     * latest writes ({@link #VISIBLE_AFTER}): called when the index has just taken an update or
     * merge named {@code change}. Kept in memory until then (a restart in between loses it).
     */
    public void changedLater(PatientId patient, String change, Instant now) {
        changes.add(new Change(patient, change, now.plus(VISIBLE_AFTER)));
    }

    private int changesDue(Instant now) {
        int put = 0;
        for (Change c = changes.peek(); c != null && !c.due().isAfter(now); c = changes.peek()) {
            put += changed(c.patient(), c.change(), now);
            changes.poll(); // only once told: a failed query leaves it for the next scan
        }
        return put;
    }

    /**
     * Tells of every study of {@code patient} now (after an update or merge named {@code change}, e.g. its journal sequence).
     *
     * @return how many notifications were put in the outbox
     */
    public int changed(PatientId patient, String change, Instant now) {
        int put = 0;
        Query query = new Query(QueryLevel.STUDY, List.of(), KEYS, PAGE, 0, false, List.of(), QueryOrder.STUDY_DATE_DESC, null, null,
                Set.of(patient), false);
        for (int offset = 0; ; offset += PAGE) {
            QueryResult page = queries.query(query.withPaging(PAGE, offset));
            for (Dataset study : page.matches()) {
                put += put(study, "changed " + change, true, now);
            }
            if (!page.truncated() || page.matches().isEmpty()) {
                return put;
            }
        }
    }

    /**
     * MSH-10 of the notification with {@code key}: the same for every attempt (a receiver can drop a
     * repeat), 20 characters (the limit of v2.5.1).
     */
    static String controlId(String key) {
        return "V" + UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "").substring(0, 19);
    }

    private int put(Dataset study, String what, boolean changed, Instant now) {
        String uid = study.getString(Tags.StudyInstanceUID);
        if (uid == null || uid.isBlank()) {
            return 0;
        }
        String patientKey = study.getString(Tags.PatientID, "") + "\\" + study.getString(Tags.IssuerOfPatientID, "");
        int put = 0;
        for (Destination d : settings.destinations()) {
            String key = d.name() + "|" + uid + "|" + what;
            if (outbox.has(key)) {
                continue; // seen at an earlier scan: the message is not built again
            }
            if (outbox.put(key, d.name(), patientKey, uid, changed ? "changed" : "available", now,
                    StudyNotice.of(study, settings.links(), controlId(key), changed, now)).isPresent()) {
                put++;
                LOG.info("HL7 notification of study {} for {} put in the outbox ({})", uid, d, what);
            }
        }
        return put;
    }
}
