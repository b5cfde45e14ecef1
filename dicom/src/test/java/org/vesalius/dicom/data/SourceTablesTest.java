package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vesalius.testsupport.samples.SharedData;

/**
 * Checks the dictionaries' answers against every row of the standard's tables in
 * {@code <vna.shared>/dicom-standard}, with the lookup rules re-implemented naively here.
 * Skipped when the tables are not available.
 */
class SourceTablesTest {

    private Path tables;

    @BeforeEach
    void findTables() {
        tables = SharedData.require("dicom-standard");
    }

    @Test
    void everyStandardElementIsFound() throws IOException {
        ElementDictionary dictionary = ElementDictionary.standard();
        List<Map<String, String>> rows = read("dicom_elements.tsv");
        Set<Integer> exactTags = new HashSet<>();
        for (Map<String, String> row : rows) {
            if (row.get("repeating").equals("N")) {
                exactTags.add(Tag.parse(row.get("tag")));
            }
        }
        int checked = 0;
        for (Map<String, String> row : rows) {
            if (row.get("keyword").isEmpty()) {
                continue;
            }
            int tag = concreteStandardTag(row.get("group"), row.get("element"), exactTags);
            ElementEntry entry = dictionary.lookup(tag).orElseThrow(() -> new AssertionError(row));
            assertThat(entry.keyword()).as(row.toString()).isEqualTo(row.get("keyword"));
            assertThat(entry.name()).as(row.toString()).isEqualTo(row.get("name"));
            assertThat(entry.vm()).as(row.toString()).isEqualTo(row.get("vm"));
            assertThat(entry.retired()).as(row.toString()).isEqualTo(row.get("retired").equals("Y"));
            assertThat(entry.vrs()).as(row.toString()).isEqualTo(vrs(row.get("vr")));
            if (row.get("repeating").equals("N")) {
                assertThat(dictionary.tagOf(row.get("keyword"))).isEqualTo(tag);
            }
            checked++;
        }
        assertThat(checked).isEqualTo(5344);
    }

    /** A tag of the row's pattern that no fixed-tag row claims, in the even range for 50xx etc. */
    private static int concreteStandardTag(String group, String element, Set<Integer> exactTags) {
        for (char digit : "2468ACE0".toCharArray()) {
            String g = group.endsWith("xx") ? group.substring(0, 2) + "0" + digit : group.replace('x', digit);
            int tag = Tag.parse(g + element.replace('x', digit));
            if (!group.contains("x") && !element.contains("x") || !exactTags.contains(tag)) {
                return tag;
            }
        }
        throw new AssertionError("no free tag for (" + group + "," + element + ")");
    }

    @Test
    void everyUidIsFound() throws IOException {
        UidRegistry registry = UidRegistry.standard();
        List<Map<String, String>> rows = read("dicom_uids.tsv");
        for (Map<String, String> row : rows) {
            assertThat(registry.lookup(row.get("uid"))).as(row.toString()).contains(new UidEntry(
                    row.get("uid"), row.get("name"), row.get("keyword"), row.get("type"),
                    row.get("info"), row.get("retired").equals("Y")));
        }
        assertThat(registry.entries()).hasSize(rows.size());
    }

    @Test
    void everyPrivateElementIsFound() throws IOException {
        ElementDictionary dictionary = ElementDictionary.standard();
        Map<String, List<Map<String, String>>> byCreator = new HashMap<>();
        for (Map<String, String> row : read("private_dictionary.tsv")) {
            if (!row.get("tag").matches("\\([0-9A-F]{4},[0-9A-F]{2}xx\\)")) { // reservations
                byCreator.computeIfAbsent(row.get("private_creator"), c -> new ArrayList<>()).add(row);
            }
        }
        int checked = 0;
        for (var creator : byCreator.entrySet()) {
            for (Map<String, String> row : creator.getValue()) {
                int tag = Tag.parse(row.get("tag").replace("xx,", "01,").replace(",xx", ",10"));
                if (!Tag.isPrivate(tag) || Tag.isGroupLength(tag) || Tag.isPrivateCreator(tag)) {
                    // groups 0001-0007 are not private; group lengths and creators are UL and
                    // LO by rule, whatever the private dictionary says
                    continue;
                }
                Map<String, String> expected = mostSpecificMatch(creator.getValue(), tag);
                Optional<ElementEntry> entry = dictionary.lookup(tag, creator.getKey());
                assertThat(entry).as(creator.getKey() + " " + row).isPresent();
                assertThat(entry.get().name()).as(row.toString()).isEqualTo(expected.get("name"));
                assertThat(entry.get().vm()).as(row.toString()).isEqualTo(expected.get("vm"));
                assertThat(entry.get().vrs()).as(row.toString()).isEqualTo(vrs(expected.get("vr")));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(9_000);
        assertThat(PrivateDictionary.bundled().creatorCount()).isEqualTo(byCreator.size());
    }

    /** The pydicom order: (gggg,eeee), then (gggg,xxee), then (ggxx,xxee). */
    private static Map<String, String> mostSpecificMatch(List<Map<String, String>> rows, int tag) {
        String hex = Tag.toHexString(tag);
        List<String> candidates = List.of(
                "(" + hex.substring(0, 4) + "," + hex.substring(4) + ")",
                "(" + hex.substring(0, 4) + ",xx" + hex.substring(6) + ")",
                "(" + hex.substring(0, 2) + "xx,xx" + hex.substring(6) + ")");
        for (String candidate : candidates) {
            for (Map<String, String> row : rows) {
                if (row.get("tag").equals(candidate)) {
                    return row;
                }
            }
        }
        throw new AssertionError("no row for " + hex);
    }

    private static List<VR> vrs(String field) {
        return field.equals("NONE") ? List.of()
                : Arrays.stream(field.split(" or ")).map(VR::valueOf).toList();
    }

    private List<Map<String, String>> read(String name) throws IOException {
        List<String> lines = Files.readAllLines(tables.resolve(name), StandardCharsets.UTF_8);
        String[] header = lines.get(0).split("\t", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split("\t", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], fields[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
