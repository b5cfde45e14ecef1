package org.vesalius.dicom.tool.synthetic;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * Plans studies one after the other until the data set has its number of instances: which
 * patient, what kind, dates and identifiers, and how the instances split into series. Only one
 * study is planned at a time, so a data set of any size needs little memory.
 */
final class StudyPlanner {

    /** Every this many studies one is made large (200 to 300 instances) when enough instances are left. */
    private static final int LARGE_STUDY_EVERY = 25;
    private static final LocalDate FIRST_STUDY_DATE = LocalDate.of(2005, 1, 1);
    private static final LocalDate LAST_STUDY_DATE = LocalDate.of(2025, 12, 31);
    private static final String[] REFERRING = {"House^Gregory^^Dr.^MD", "Grey^Meredith", "KILDARE^JAMES",
        "Schäfer^Brigitte", "Dupont^Amélie^^Dr.", "Quinn^Michaela", "Welby^Marcus^^Dr.", "Sato^Kenji=佐藤^健二",
        "Brown^Emmett^L", "Wong^Li"};
    private static final int TOTAL_WEIGHT = Arrays.stream(StudyKind.values()).mapToInt(k -> k.weight).sum();

    private final Random random;
    private final SyntheticUids uids;
    private final PatientRoster roster;
    private int remaining;
    private int studyIndex;
    private Patient patient;
    private int studiesLeftForPatient;

    StudyPlanner(SyntheticOptions options) {
        this.random = new Random(options.seed());
        this.uids = new SyntheticUids(options.seed());
        this.roster = new PatientRoster(random);
        this.remaining = options.instances();
    }

    boolean hasNext() {
        return remaining > 0;
    }

    /** The next study; its size never exceeds what is left. */
    PlannedStudy next() {
        if (studiesLeftForPatient == 0) {
            patient = roster.next();
            int r = random.nextInt(10);
            studiesLeftForPatient = r < 5 ? 1 : r < 8 ? 2 : r < 9 ? 3 : 4;
        }
        studiesLeftForPatient--;
        int index = ++studyIndex;
        boolean large = index % LARGE_STUDY_EVERY == 0 && remaining >= 200;
        StudyKind kind = large ? largeKind() : kind();
        int size = large ? 200 + random.nextInt(101) : size(kind);
        size = Math.min(size, remaining);
        remaining -= size;

        LocalDate date = studyDate(patient);
        LocalTime time = random.nextInt(20) == 0 ? null
                : LocalTime.of(7 + random.nextInt(13), random.nextInt(60), random.nextInt(60),
                        random.nextInt(1000) * 1_000_000);
        boolean fraction = random.nextInt(5) == 0;
        String accession = random.nextInt(10) == 0 ? "" : "ACC" + (1_000_000 + random.nextInt(9_000_000));
        String accessionIssuer = !accession.isEmpty() && random.nextInt(10) < 3
                ? (patient.issuer().isEmpty() ? "RIS_C" : "RIS_" + patient.issuer().substring(5)) : "";
        String studyId = Integer.toString(1 + random.nextInt(99_999));
        String referring = referringPhysician(patient);
        List<PlannedSeries> series = series(index, kind, size);
        return new PlannedStudy(index, patient, kind, uids.study(index), date, time, fraction, accession,
                accessionIssuer, studyId, referring, series);
    }

    private StudyKind kind() {
        int r = random.nextInt(TOTAL_WEIGHT);
        for (StudyKind k : StudyKind.values()) {
            r -= k.weight;
            if (r < 0) {
                return k;
            }
        }
        throw new AssertionError("weights");
    }

    private StudyKind largeKind() {
        List<StudyKind> large = Arrays.stream(StudyKind.values()).filter(StudyKind::large).toList();
        return large.get(random.nextInt(large.size()));
    }

    /** Skewed towards small studies: most are a few dozen images, a few approach the maximum. */
    private int size(StudyKind kind) {
        double u = random.nextDouble();
        return kind.minInstances + (int) ((kind.maxInstances - kind.minInstances + 1) * u * u * u);
    }

    private LocalDate studyDate(Patient p) {
        LocalDate from = p.birthDate() != null && p.birthDate().isAfter(FIRST_STUDY_DATE) ? p.birthDate() : FIRST_STUDY_DATE;
        long days = ChronoUnit.DAYS.between(from, LAST_STUDY_DATE);
        return from.plusDays(days <= 0 ? 0 : random.nextLong(days + 1));
    }

    /** A name the instance's character set can carry, or empty (unknown) now and then. */
    private String referringPhysician(Patient p) {
        if (random.nextInt(7) == 0) {
            return "";
        }
        Charset charset = switch (p.characterSet()) {
            case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            default -> StandardCharsets.US_ASCII;
        };
        List<String> fitting = Arrays.stream(REFERRING).filter(n -> charset.newEncoder().canEncode(n)).toList();
        return fitting.get(random.nextInt(fitting.size()));
    }

    /**
     * Splits {@code size} instances over the kind's series: fixed series (localizers, views) first,
     * one instance at least for every other series, the rest shared at random among those. A study
     * cut short at the end of the data set keeps its first series only.
     */
    private List<PlannedSeries> series(int study, StudyKind kind, int size) {
        List<StudyKind.SeriesTemplate> templates = kind.series;
        int[] counts = new int[templates.size()];
        int left = size;
        for (int i = 0; i < templates.size() && left > 0; i++) {
            int fixed = templates.get(i).fixedCount();
            counts[i] = fixed > 0 ? Math.min(fixed, left) : 1;
            left -= counts[i];
        }
        List<Integer> shared = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            if (templates.get(i).fixedCount() == 0 && counts[i] > 0) {
                shared.add(i);
            }
        }
        if (shared.isEmpty() && left > 0) {
            shared.add(lastUsed(counts));
        }
        while (left > 0) {
            int share = Math.max(1, left / (2 * shared.size()));
            int take = Math.min(left, 1 + random.nextInt(share));
            counts[shared.get(random.nextInt(shared.size()))] += take;
            left -= take;
        }
        List<PlannedSeries> out = new ArrayList<>();
        TransferSyntax syntax = random.nextInt(5) == 0 ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN
                : TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        String side = random.nextBoolean() ? "R" : "L";
        for (int i = 0; i < templates.size(); i++) {
            if (counts[i] == 0) {
                continue;
            }
            StudyKind.SeriesTemplate t = templates.get(i);
            int index = out.size() + 1;
            // Derived series (reports, screenshots) get high numbers, as consoles number them.
            int number = t.modality() == StudyKind.Modality.OT ? 900 + index : index;
            String laterality = switch (kind.bodyPart) {
                case "KNEE", "HAND" -> side;
                case "BREAST" -> t.description().substring(0, 1);
                default -> "";
            };
            out.add(new PlannedSeries(index, t, uids.series(study, index), number, counts[i], syntax, laterality));
        }
        return out;
    }

    private static int lastUsed(int[] counts) {
        int last = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                last = i;
            }
        }
        return last;
    }
}
