package org.vesalius.vna.server.acceptance;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vesalius.vna.server.acceptance.QueryCase.Key;

/**
 * The table of queries and their expected answers over everything loaded, computed here from the
 * rows with PS3.4 C.2.2.2 semantics written out independently of the archive's query code:
 * single values (exact and case-sensitive but for PN, which is case- and accent-insensitive on
 * every component group), UID and code lists, wild cards, open and closed date ranges, combined
 * date-time, sequence matching, universal matching, and keys of several levels together.
 */
final class QueryTable {

    private final List<Row> rows;
    private final String defaultIssuer;

    QueryTable(List<Row> rows, String defaultIssuer) {
        this.rows = List.copyOf(rows);
        this.defaultIssuer = defaultIssuer;
    }

    List<QueryCase> cases() {
        List<QueryCase> cases = new ArrayList<>();
        // Single value, and the identity (Patient ID, Issuer of Patient ID).
        cases.add(study("single value: shared Patient ID under every issuer", r -> r.patientId().equals("12345"),
                Key.of("PatientID", "12345")));
        for (String issuer : List.of("PACS_A", "PACS_B", defaultIssuer)) {
            cases.add(study("single value: Patient ID with issuer " + issuer,
                    r -> r.patientId().equals("12345") && r.issuer().equals(issuer),
                    Key.of("PatientID", "12345"), Key.of("IssuerOfPatientID", issuer)));
        }
        String lettered = first(r -> r.patientId().matches("B\\d+"), Row::patientId);
        if (lettered != null) {
            String lower = lettered.toLowerCase(Locale.ROOT);
            cases.add(study("single value: LO is case-sensitive", r -> r.patientId().equals(lower), Key.of("PatientID", lower)));
            cases.add(study("single value: LO exact", r -> r.patientId().equals(lettered), Key.of("PatientID", lettered)));
        }
        String accession = first(r -> r.accession().startsWith("ACC"), Row::accession);
        cases.add(study("single value: accession number", r -> r.accession().equals(accession), Key.of("AccessionNumber", accession)));
        String description = first(r -> !r.studyDescription().isEmpty() && r.accession().startsWith("ACC"), Row::studyDescription);
        cases.add(study("single value: LO description", r -> r.studyDescription().equals(description),
                Key.of("StudyDescription", description)));
        cases.add(series("single value: CS modality", r -> r.modality().equals("MR"), Key.of("Modality", "MR")));
        cases.add(series("single value: CS is case-sensitive", r -> r.modality().equals("mr"), Key.of("Modality", "mr")));
        // Person names: every component group, case and accents folded.
        cases.add(pnStudy("PN single value, other case", "MÜLLER^JÜRGEN^HANS"));
        cases.add(pnStudy("PN single value, accents folded", "muller^jurgen^hans"));
        cases.add(pnStudy("PN ideographic group", "中村^由紀"));
        cases.add(pnStudy("PN phonetic group", "なかむら^ゆき"));
        cases.add(pnStudy("PN all groups", "Nakamura^Yuki=中村^由紀=なかむら^ゆき"));
        cases.add(pnStudy("PN Greek", "Παπαδόπουλος^Νίκος"));
        // Wild cards.
        cases.add(pnStudy("PN wild card prefix", "müll*"));
        cases.add(pnStudy("PN wild card both ends", "*son*"));
        cases.add(pnStudy("PN wild card ?", "?akamura*"));
        if (lettered != null) {
            String prefix = lettered.substring(0, 3) + "*";
            cases.add(study("LO wild card", r -> wildcard(prefix).matcher(r.patientId()).matches(), Key.of("PatientID", prefix)));
        }
        cases.add(study("SH wild card ?", r -> wildcard("ACC1??????").matcher(r.accession()).matches(),
                Key.of("AccessionNumber", "ACC1??????")));
        cases.add(series("CS wild card", r -> wildcard("C*").matcher(r.modality()).matches(), Key.of("Modality", "C*")));
        // Ranges.
        List<String> dates = rows.stream().map(Row::studyDate).filter(d -> d.matches("\\d{8}")).distinct().sorted().toList();
        String lo = dates.get(dates.size() / 4);
        String hi = dates.get(3 * dates.size() / 4);
        cases.add(study("date range closed", r -> inRange(r.studyDate(), lo, hi), Key.of("StudyDate", lo + "-" + hi)));
        cases.add(study("date range open above", r -> inRange(r.studyDate(), hi, "99999999"), Key.of("StudyDate", hi + "-")));
        cases.add(study("date range open below", r -> inRange(r.studyDate(), "00000000", lo), Key.of("StudyDate", "-" + lo)));
        cases.add(study("date single value", r -> r.studyDate().equals(lo), Key.of("StudyDate", lo)));
        cases.add(combinedDateTime(lo, hi));
        // Lists.
        List<String> studies = rows.stream().map(Row::study).distinct().sorted().limit(4).toList();
        cases.add(study("UID list", r -> studies.contains(r.study()), Key.list("StudyInstanceUID", studies)));
        List<String> someSeries = rows.stream().filter(r -> r.modality().equals("CT")).map(Row::series).distinct().limit(3).toList();
        cases.add(series("UID list of series", r -> someSeries.contains(r.series()), Key.list("SeriesInstanceUID", someSeries)));
        cases.add(study("code list ModalitiesInStudy", r -> r.modality().equals("MR") || r.modality().equals("US"),
                Key.list("ModalitiesInStudy", List.of("MR", "US"))));
        // Sequence matching.
        String accessionIssuer = first(r -> !r.accessionIssuer().isEmpty(), Row::accessionIssuer);
        cases.add(study("sequence matching: Issuer of Accession Number", r -> r.accessionIssuer().equals(accessionIssuer),
                Key.item("IssuerOfAccessionNumberSequence", "LocalNamespaceEntityID", accessionIssuer)));
        // Universal matching: the key is only a return key.
        cases.add(study("universal matching", r -> r.patientId().equals("12345"), Key.of("PatientID", "12345"),
                Key.of("AccessionNumber", "*"), Key.of("StudyDescription", "")));
        // Several levels in one query, and instance-level keys within a series.
        String ctStudy = first(r -> r.modality().equals("CT") && r.patientId().equals("12345"), Row::study);
        if (ctStudy != null) {
            String ctSeries = first(r -> r.study().equals(ctStudy), Row::series);
            cases.add(new QueryCase("instances of one series by number", "IMAGE",
                    List.of(Key.of("StudyInstanceUID", ctStudy), Key.of("SeriesInstanceUID", ctSeries), Key.of("InstanceNumber", "1")),
                    uids(r -> r.series().equals(ctSeries) && r.instanceNumber().equals("1"), Row::sop), true));
            cases.add(new QueryCase("series of one study", "SERIES", List.of(Key.of("StudyInstanceUID", ctStudy)),
                    uids(r -> r.study().equals(ctStudy), Row::series), true));
        }
        cases.add(new QueryCase("relational: instances by SOP Class across studies", "IMAGE",
                List.of(Key.of("SOPClassUID", "1.2.840.10008.5.1.4.1.1.4"), Key.of("PatientID", "12345")),
                uids(r -> r.sopClass().equals("1.2.840.10008.5.1.4.1.1.4") && r.patientId().equals("12345"), Row::sop), false));
        cases.removeIf(Objects::isNull);
        return cases;
    }

    /** Every study with its expected counts: {@code study -> [series, instances]}. */
    java.util.Map<String, int[]> studyCounts() {
        java.util.Map<String, int[]> out = new java.util.TreeMap<>();
        rows.stream().collect(Collectors.groupingBy(Row::study)).forEach((study, rs) -> out.put(study,
                new int[] {(int) rs.stream().map(Row::series).distinct().count(), rs.size()}));
        return out;
    }

    private QueryCase combinedDateTime(String lo, String hi) {
        String from = lo + "080000.000000";
        String to = hi + "170000.000000";
        // An entity without a time spans its whole day (vna-archive README, matching rules).
        Predicate<Row> p = r -> {
            String dt = r.studyDateTime();
            if (dt == null) {
                return false;
            }
            if (r.studyTime().isEmpty()) {
                return inRange(r.studyDate(), lo, hi);
            }
            return dt.compareTo(from) >= 0 && dt.compareTo(to) <= 0;
        };
        return new QueryCase("combined date-time range", "STUDY",
                List.of(Key.of("StudyDate", lo + "-" + hi), Key.of("StudyTime", "080000-170000")), uids(p, Row::study), false);
    }

    private QueryCase pnStudy(String name, String value) {
        return study(name, r -> personNameMatches(r.patientName(), value), Key.of("PatientName", value));
    }

    private QueryCase study(String name, Predicate<Row> p, Key... keys) {
        return new QueryCase(name, "STUDY", List.of(keys), uids(p, Row::study), true);
    }

    private QueryCase series(String name, Predicate<Row> p, Key... keys) {
        // SERIES keys alone are a relational query in C-FIND's Study Root: QIDO-RS only.
        return new QueryCase(name, "SERIES", List.of(keys), uids(p, Row::series), false);
    }

    private Set<String> uids(Predicate<Row> p, Function<Row, String> key) {
        return rows.stream().filter(p).map(key).collect(Collectors.toCollection(TreeSet::new));
    }

    private String first(Predicate<Row> p, Function<Row, String> value) {
        return rows.stream().filter(p).map(value).findFirst().orElse(null);
    }

    static boolean inRange(String date, String lo, String hi) {
        return date.matches("\\d{8}") && date.compareTo(lo) >= 0 && date.compareTo(hi) <= 0;
    }

    /** PN: a value without {@code =} matches any group; with {@code =}, group by group. */
    static boolean personNameMatches(String stored, String query) {
        String[] groups = groups(stored);
        if (query.contains("=")) {
            String[] q = groups(query);
            for (int i = 0; i < 3; i++) {
                if (!q[i].isEmpty() && !wildcard(q[i]).matcher(groups[i]).matches()) {
                    return false;
                }
            }
            return true;
        }
        Pattern p = wildcard(normalizeGroup(query));
        for (String g : groups) {
            if (!g.isEmpty() && p.matcher(g).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String[] groups(String name) {
        String[] raw = name.split("=", -1);
        String[] out = {"", "", ""};
        for (int i = 0; i < Math.min(3, raw.length); i++) {
            out[i] = normalizeGroup(raw[i]);
        }
        return out;
    }

    /** Components stripped, trailing empty ones dropped, case and combining accents folded. */
    private static String normalizeGroup(String group) {
        List<String> components = new ArrayList<>();
        for (String c : group.split("\\^", -1)) {
            components.add(c.strip());
        }
        while (!components.isEmpty() && components.get(components.size() - 1).isEmpty()) {
            components.remove(components.size() - 1);
        }
        String text = Normalizer.normalize(String.join("^", components), Normalizer.Form.NFD).replaceAll("[\u0300-\u036f]", "");
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    static Pattern wildcard(String value) {
        StringBuilder regex = new StringBuilder();
        for (char c : value.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
