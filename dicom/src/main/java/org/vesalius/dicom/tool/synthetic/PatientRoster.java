package org.vesalius.dicom.tool.synthetic;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The patients of a data set, in order: first a fixed cast that query matching must get right
 * (Patient ID 12345 under two issuers and without one, names in Latin-1 and in UTF-8 with
 * ideographic and phonetic groups, several components, odd case), then patients drawn from name
 * pools with varied case, middle names, prefixes and suffixes.
 */
final class PatientRoster {

    /** Issuers sharing one Patient ID: a query must keep them apart. */
    static final String SHARED_ID = "12345";

    private static final List<Patient> CAST = List.of(
            new Patient(SHARED_ID, "PACS_A", "Müller^Jürgen^Hans", "ISO_IR 100", LocalDate.of(1950, 3, 1), "M"),
            new Patient(SHARED_ID, "PACS_B", "Nakamura^Yuki=中村^由紀=なかむら^ゆき", "ISO_IR 192", LocalDate.of(1982, 11, 20), "F"),
            new Patient(SHARED_ID, "", "DOE^JOHN", "", LocalDate.of(1970, 1, 1), "M"),
            new Patient("P0004", "PACS_A", "Ødegård^Åse", "ISO_IR 100", LocalDate.of(2001, 2, 28), "F"),
            new Patient("P0005", "PACS_B", "García^José^Luis", "ISO_IR 192", LocalDate.of(1990, 5, 15), "M"),
            new Patient("P0006", "PACS_B", "Παπαδόπουλος^Νίκος", "ISO_IR 192", LocalDate.of(1961, 9, 9), "M"),
            new Patient("P0007", "PACS_A", "Smith^John^Adam^Dr.^Jr.", "", LocalDate.of(1944, 6, 6), "M"),
            new Patient("P0008", "PACS_B", "Иванова^Мария^Петровна", "ISO_IR 192", LocalDate.of(1978, 4, 30), "F"),
            new Patient("P0009", "PACS_A", "doe^jane", "", null, "F"),
            new Patient("P0010", "PACS_A", "McDonald^Ronald", "", LocalDate.of(2019, 8, 12), "M"),
            new Patient("P0011", "PACS_B", "Hong^Gildong=洪^吉洞=홍^길동", "ISO_IR 192", LocalDate.of(1999, 12, 31), "O"),
            new Patient("P0012", "PACS_A", "de la Cruz^María^José^Sra.", "ISO_IR 100", LocalDate.of(1935, 1, 2), ""));

    private static final String[] FAMILY = {"Adams", "Baker", "Berg", "Brown", "Carter", "Chen", "Clark", "Dubois",
        "Evans", "Fischer", "Garcia", "Green", "Hall", "Hansen", "Ito", "Jensen", "Johnson", "Kim", "Kowalski", "Lee",
        "Lopez", "Martin", "Meyer", "Miller", "Moreau", "Nguyen", "O'Neil", "Patel", "Petersen", "Rossi", "Schmidt",
        "Silva", "Smith", "Taylor", "Tanaka", "van Dijk", "Wagner", "White", "Wilson", "Young", "Öztürk", "Søndergaard",
        "Lefèvre", "Núñez", "Åberg", "Schäfer"};
    private static final String[] GIVEN = {"Alice", "Ben", "Carla", "David", "Emma", "Felix", "Grace", "Hugo", "Ida",
        "Jack", "Karin", "Liam", "Mia", "Noah", "Olivia", "Paul", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Victor",
        "Wendy", "Xavier", "Yara", "Zoe", "Anna", "Lars", "Sofia", "Hiro", "José", "Chloé", "Björn", "Zoë", "Jürgen"};
    private static final String[] PREFIXES = {"Dr.", "Mr.", "Mrs.", "Ms."};
    private static final String[] SUFFIXES = {"Jr.", "Sr.", "III", "MD"};

    private final Random random;
    private final Set<String> usedKeys = new HashSet<>();
    private int next;

    PatientRoster(Random random) {
        this.random = random;
        CAST.forEach(p -> usedKeys.add(p.id() + "\\" + p.issuer()));
    }

    /** The next patient: the fixed cast first, then drawn ones. */
    Patient next() {
        int index = next++;
        return index < CAST.size() ? CAST.get(index) : drawn();
    }

    private Patient drawn() {
        String issuer = switch (random.nextInt(10)) {
            case 0 -> "";
            case 1, 2, 3, 4 -> "PACS_B";
            default -> "PACS_A";
        };
        String id;
        do {
            // PACS_A numbers its patients, PACS_B prefixes them; both may reuse each other's numbers.
            int number = 100_000 + random.nextInt(900_000);
            id = issuer.equals("PACS_B") ? "B" + number : Integer.toString(number);
        } while (!usedKeys.add(id + "\\" + issuer));
        String name = name();
        return new Patient(id, issuer, name, characterSet(name, issuer), birthDate(), sex());
    }

    private String name() {
        String family = pick(FAMILY);
        String given = pick(GIVEN);
        String middle = random.nextInt(4) == 0 ? pick(GIVEN) : "";
        String prefix = random.nextInt(10) == 0 ? pick(PREFIXES) : "";
        String suffix = random.nextInt(15) == 0 ? pick(SUFFIXES) : "";
        switch (random.nextInt(6)) {
            case 0, 1 -> {  // many systems send names in capitals
                family = family.toUpperCase(Locale.ROOT);
                given = given.toUpperCase(Locale.ROOT);
                middle = middle.toUpperCase(Locale.ROOT);
            }
            case 2 -> family = family.toLowerCase(Locale.ROOT);
            default -> {
            }
        }
        String[] components = {family, given, middle, prefix, suffix};
        int last = components.length - 1;
        while (last > 0 && components[last].isEmpty()) {
            last--;
        }
        return String.join("^", java.util.Arrays.copyOf(components, last + 1));
    }

    /** The default repertoire when it suffices; Latin-1 names as PACS_A sends them; UTF-8 otherwise. */
    private static String characterSet(String name, String issuer) {
        if (StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            return issuer.equals("PACS_B") ? "ISO_IR 192" : "";
        }
        if (StandardCharsets.ISO_8859_1.newEncoder().canEncode(name) && !issuer.equals("PACS_B")) {
            return "ISO_IR 100";
        }
        return "ISO_IR 192";
    }

    private LocalDate birthDate() {
        if (random.nextInt(30) == 0) {
            return null;
        }
        return LocalDate.of(1930, 1, 1).plusDays(random.nextInt(92 * 365));
    }

    private String sex() {
        int r = random.nextInt(100);
        return r < 48 ? "M" : r < 96 ? "F" : r < 98 ? "O" : "";
    }

    private String pick(String[] pool) {
        return pool[random.nextInt(pool.length)];
    }
}
