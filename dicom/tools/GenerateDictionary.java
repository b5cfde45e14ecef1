import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Generates the data dictionary of the {@code dicom} module from the machine-readable tables of
 * the DICOM standard, so that no entry is ever typed by hand.
 *
 * <pre>
 * java dicom/tools/GenerateDictionary.java &lt;dicom-standard dir&gt; &lt;dicom module dir&gt;
 * </pre>
 *
 * <p>Reads {@code dicom_elements.tsv}, {@code dicom_uids.tsv} and {@code private_dictionary.tsv}
 * (see the README next to them) and writes, below the module directory:
 * <ul>
 *   <li>{@code src/main/resources/org/vesalius/dicom/data/}: {@code elements.tsv},
 *       {@code uids.tsv}, {@code private-elements.tsv} and {@code private-elements-NOTICE.txt};
 *   <li>{@code src/main/java/org/vesalius/dicom/data/}: {@code Tags.java} and {@code UID.java}.
 * </ul>
 *
 * <p>The output depends only on the input tables: rows are sorted, nothing time- or
 * platform-dependent is written, lines end with LF. {@code GeneratedDictionaryUpToDateTest}
 * relies on that to check the committed files byte for byte. A JDK 21 single-file program
 * without dependencies, so that it runs without a build.
 */
public class GenerateDictionary {

    static final String SELF = "dicom/tools/GenerateDictionary.java";
    static final String PACKAGE = "org.vesalius.dicom.data";
    static final String PACKAGE_DIR = "org/vesalius/dicom/data";

    static final String ELEMENTS_RESOURCE = "elements.tsv";
    static final String UIDS_RESOURCE = "uids.tsv";
    static final String PRIVATE_RESOURCE = "private-elements.tsv";
    static final String PRIVATE_NOTICE = "private-elements-NOTICE.txt";

    /** GDCM's Copyright.txt: its BSD-3-Clause license asks that this notice travels with its data. */
    static final String GDCM_NOTICE = """
            The private data element dictionary in private-elements.tsv was converted from the
            private dictionary of GDCM (Grassroots DICOM, https://github.com/malaterre/GDCM,
            Source/DataDictionary/privatedicts.xml), as published in pydicom's _private_dict.py.
            It is distributed under the following license:

            Program: GDCM (Grassroots DICOM). A DICOM library

            Copyright (c) 2006-2010 Mathieu Malaterre
            Copyright (c) 1993-2005 CREATIS
            (CREATIS = Centre de Recherche et d'Applications en Traitement de l'Image)
            All rights reserved.

            Redistribution and use in source and binary forms, with or without
            modification, are permitted provided that the following conditions are met:

             * Redistributions of source code must retain the above copyright notice,
               this list of conditions and the following disclaimer.

             * Redistributions in binary form must reproduce the above copyright notice,
               this list of conditions and the following disclaimer in the documentation
               and/or other materials provided with the distribution.

             * Neither name of Mathieu Malaterre, or CREATIS, nor the names of any
               contributors (CNRS, INSERM, UCB, Universite Lyon I), may be used to
               endorse or promote products derived from this software without specific
               prior written permission.

            THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS ``AS IS''
            AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
            IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
            ARE DISCLAIMED. IN NO EVENT SHALL THE AUTHORS OR CONTRIBUTORS BE LIABLE FOR
            ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
            DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR
            SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER
            CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY,
            OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE
            OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
            """;

    private static final Pattern TAG_HALF = Pattern.compile("[0-9A-Fx]{4}");
    private static final Pattern VR_CODE = Pattern.compile("[A-Z]{2}");
    private static final Pattern UID_VALUE = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java " + SELF + " <dicom-standard dir> <dicom module dir>");
            System.exit(2);
        }
        Path source = Path.of(args[0]);
        Path module = Path.of(args[1]);
        Path resources = module.resolve("src/main/resources").resolve(PACKAGE_DIR);
        Path java = module.resolve("src/main/java").resolve(PACKAGE_DIR);

        List<Element> elements = readElements(Table.read(source.resolve("dicom_elements.tsv")));
        List<Uid> uids = readUids(Table.read(source.resolve("dicom_uids.tsv")));
        List<PrivateElement> privates =
                readPrivateElements(Table.read(source.resolve("private_dictionary.tsv")));

        write(resources.resolve(ELEMENTS_RESOURCE), elementsResource(elements));
        write(resources.resolve(UIDS_RESOURCE), uidsResource(uids));
        write(resources.resolve(PRIVATE_RESOURCE), privateResource(privates));
        write(resources.resolve(PRIVATE_NOTICE), GDCM_NOTICE);
        write(java.resolve("Tags.java"), tagsSource(elements));
        write(java.resolve("UID.java"), uidSource(uids));

        System.out.printf("%d elements (%d repeating), %d UIDs (%d transfer syntaxes),"
                        + " %d private elements of %d creators%n",
                elements.size(), elements.stream().filter(e -> !e.tag.isExact()).count(),
                uids.size(), uids.stream().filter(u -> u.type.equals("Transfer Syntax")).count(),
                privates.size(), privates.stream().map(p -> p.creator).distinct().count());
    }

    // ---------------------------------------------------------------- input

    /** A tab-separated table with a header line, read strictly: every row has every column. */
    record Table(Path file, Map<String, Integer> columns, List<String[]> rows) {

        static Table read(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(file + ": empty");
            }
            String[] header = lines.get(0).split("\t", -1);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                columns.put(header[i].strip(), i);
            }
            List<String[]> rows = new ArrayList<>();
            for (int n = 1; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.endsWith("\r")) {
                    line = line.substring(0, line.length() - 1);
                }
                if (line.isEmpty()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != header.length) {
                    throw new IllegalArgumentException(file + ":" + (n + 1) + ": expected "
                            + header.length + " fields, found " + fields.length);
                }
                rows.add(fields);
            }
            return new Table(file, columns, rows);
        }

        String get(String[] row, String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalArgumentException(file + ": no column '" + column + "'");
            }
            return row[i].strip();
        }

        IllegalArgumentException error(String[] row, String message) {
            return new IllegalArgumentException(file.getFileName() + ": " + message + " in row "
                    + String.join(" | ", row));
        }
    }

    /** A tag with wildcard hex digits ('x'), as PS3.6 prints (60xx,3000). */
    record TagPattern(String text, long value, long mask) {

        static TagPattern of(String group, String element) {
            if (!TAG_HALF.matcher(group).matches() || !TAG_HALF.matcher(element).matches()) {
                throw new IllegalArgumentException("not a tag: (" + group + "," + element + ")");
            }
            String text = group + element;
            long value = 0;
            long mask = 0;
            for (int i = 0; i < 8; i++) {
                char c = text.charAt(i);
                value <<= 4;
                mask <<= 4;
                if (c != 'x') {
                    value |= Character.digit(c, 16);
                    mask |= 0xF;
                }
            }
            return new TagPattern(text, value, mask);
        }

        /** Parses the "(gggg,eeee)" notation of the source tables. */
        static TagPattern parse(String text) {
            if (text.length() != 11 || text.charAt(0) != '(' || text.charAt(5) != ','
                    || text.charAt(10) != ')') {
                throw new IllegalArgumentException("not a tag: " + text);
            }
            return of(text.substring(1, 5), text.substring(6, 10));
        }

        boolean isExact() {
            return mask == 0xFFFFFFFFL;
        }

        /** (gggg,eeee) with the group and element of the pattern, 'x' kept. */
        String display() {
            return "(" + text.substring(0, 4) + "," + text.substring(4) + ")";
        }

        static final Comparator<TagPattern> ORDER =
                Comparator.comparingLong(TagPattern::value)
                        .thenComparing(Comparator.comparingLong(TagPattern::mask).reversed());
    }

    record Element(TagPattern tag, String keyword, String name, List<String> vrs, String vm,
            boolean retired) {
    }

    record Uid(String uid, String name, String keyword, String type, String info,
            boolean retired) {
    }

    record PrivateElement(String creator, TagPattern tag, List<String> vrs, String vm,
            String name, boolean retired) {
    }

    static List<Element> readElements(Table table) {
        Map<String, Element> byTag = new LinkedHashMap<>();
        int blank = 0;
        for (String[] row : table.rows) {
            String keyword = table.get(row, "keyword");
            if (keyword.isEmpty()) {
                // PS3.6 lists retired element numbers without keyword, name or VR: nothing to name.
                blank++;
                continue;
            }
            if (!SourceVersion.isName(keyword)) {
                throw table.error(row, "keyword is not a Java identifier");
            }
            TagPattern tag = TagPattern.of(table.get(row, "group"), table.get(row, "element"));
            checkMask(table, row, tag);
            Element element = new Element(tag, keyword, text(table, row, "name"),
                    vrs(table, row, table.get(row, "vr")), text(table, row, "vm"),
                    flag(table, row, "retired"));
            Element previous = byTag.putIfAbsent(tag.text, element);
            if (previous != null) {
                warn("duplicate tag " + tag.display() + ": kept " + previous.keyword
                        + ", dropped " + keyword);
            }
        }
        if (blank > 0) {
            System.out.println("skipped " + blank + " element rows without keyword");
        }
        List<Element> elements = new ArrayList<>(byTag.values());
        elements.sort(Comparator.comparing(Element::tag, TagPattern.ORDER));
        return elements;
    }

    /** The source states each pattern twice; disagreement means the table is corrupt. */
    static void checkMask(Table table, String[] row, TagPattern tag) {
        long mask = Long.parseLong(table.get(row, "match_mask"), 16);
        long value = Long.parseLong(table.get(row, "match_value"), 16);
        if (mask != tag.mask || value != tag.value) {
            throw table.error(row, "match_mask/match_value disagree with the tag");
        }
    }

    static List<Uid> readUids(Table table) {
        Map<String, Uid> byUid = new LinkedHashMap<>();
        for (String[] row : table.rows) {
            String uid = table.get(row, "uid");
            if (!UID_VALUE.matcher(uid).matches()) {
                throw table.error(row, "malformed UID");
            }
            String keyword = table.get(row, "keyword");
            if (!keyword.isEmpty() && !SourceVersion.isName(keyword)) {
                throw table.error(row, "keyword is not a Java identifier");
            }
            Uid entry = new Uid(uid, text(table, row, "name"), keyword, text(table, row, "type"),
                    text(table, row, "info"), flag(table, row, "retired"));
            if (byUid.putIfAbsent(uid, entry) != null) {
                warn("duplicate UID " + uid + ": kept the first row");
            }
        }
        List<Uid> uids = new ArrayList<>(byUid.values());
        uids.sort(Comparator.comparing(Uid::uid, GenerateDictionary::compareUids));
        return uids;
    }

    /** Orders UIDs by their numeric components, so 1.2.10 follows 1.2.9. */
    static int compareUids(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(x[i].length(), y[i].length());
            if (c == 0) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static List<PrivateElement> readPrivateElements(Table table) {
        Map<String, PrivateElement> byKey = new LinkedHashMap<>();
        int reservations = 0;
        for (String[] row : table.rows) {
            String creator = table.get(row, "private_creator");
            if (creator.isEmpty()) {
                throw table.error(row, "empty private creator");
            }
            TagPattern tag = TagPattern.parse(table.get(row, "tag"));
            if (!isPrivateLookupForm(tag)) {
                // GDCM writes the block reservation as (gggg,10xx), named "Private Element
                // Creator" and the like. It is not a data element, and a Private Creator
                // element is LO by rule, so the row is left out.
                reservations++;
                continue;
            }
            PrivateElement element = new PrivateElement(creator, tag,
                    vrs(table, row, table.get(row, "vr")), text(table, row, "vm"),
                    text(table, row, "name"), flag(table, row, "retired"));
            if (byKey.putIfAbsent(creator + "\t" + tag.text, element) != null) {
                warn("duplicate private tag " + creator + " " + tag.display()
                        + ": kept the first row");
            }
        }
        if (reservations > 0) {
            System.out.println("skipped " + reservations
                    + " private rows of the form (gggg,bbxx) (block reservations)");
        }
        List<PrivateElement> elements = new ArrayList<>(byKey.values());
        elements.sort(Comparator.comparing(PrivateElement::creator)
                .thenComparing(PrivateElement::tag, TagPattern.ORDER));
        return elements;
    }

    /**
     * The forms the run-time lookup knows: (gggg,eeee) exact, (gggg,xxee) any block,
     * (ggxx,xxee) any group of a repeating range and any block.
     */
    static boolean isPrivateLookupForm(TagPattern tag) {
        return tag.mask == 0xFFFFFFFFL || tag.mask == 0xFFFF00FFL || tag.mask == 0xFF0000FFL;
    }

    static List<String> vrs(Table table, String[] row, String field) {
        if (field.equals("NONE")) {
            return List.of();
        }
        List<String> vrs = Arrays.asList(field.split(" or "));
        Set<String> seen = new HashSet<>();
        for (String vr : vrs) {
            if (!VR_CODE.matcher(vr).matches() || !seen.add(vr)) {
                throw table.error(row, "malformed VR '" + field + "'");
            }
        }
        return List.copyOf(vrs);
    }

    static String text(Table table, String[] row, String column) {
        return table.get(row, column);
    }

    static boolean flag(Table table, String[] row, String column) {
        return switch (table.get(row, column)) {
            case "Y" -> true;
            case "N" -> false;
            default -> throw table.error(row, "column " + column + " is neither Y nor N");
        };
    }

    static void warn(String message) {
        System.err.println("warning: " + message);
    }

    // ---------------------------------------------------------------- resources

    static String elementsResource(List<Element> elements) {
        StringBuilder out = new StringBuilder();
        out.append("# DICOM data elements (PS3.6) and command fields (PS3.7), read by ElementDictionary.\n")
                .append("# Generated by ").append(SELF).append(" from dicom_elements.tsv, pydicom's")
                .append(" generated tables (MIT License); registry content (c) NEMA. Do not edit.\n")
                .append("# tag (x = any hex digit)\tVRs ('/' between alternatives, '-' for none)")
                .append("\tVM\tretired (Y/N)\tkeyword\tname\n");
        for (Element e : elements) {
            out.append(e.tag.text).append('\t').append(vrField(e.vrs)).append('\t').append(e.vm)
                    .append('\t').append(e.retired ? 'Y' : 'N').append('\t').append(e.keyword)
                    .append('\t').append(e.name).append('\n');
        }
        return out.toString();
    }

    static String uidsResource(List<Uid> uids) {
        StringBuilder out = new StringBuilder();
        out.append("# DICOM UID registry (PS3.6 Table A-1 and others), read by UidRegistry.\n")
                .append("# Generated by ").append(SELF).append(" from dicom_uids.tsv, pydicom's")
                .append(" generated tables (MIT License); registry content (c) NEMA. Do not edit.\n")
                .append("# UID\tkeyword\ttype\tretired (Y/N)\tname\tinfo\n");
        for (Uid u : uids) {
            out.append(u.uid).append('\t').append(u.keyword).append('\t').append(u.type)
                    .append('\t').append(u.retired ? 'Y' : 'N').append('\t').append(u.name)
                    .append('\t').append(u.info).append('\n');
        }
        return out.toString();
    }

    static String privateResource(List<PrivateElement> elements) {
        StringBuilder out = new StringBuilder();
        out.append("# Private data elements by Private Creator, read by ElementDictionary.\n")
                .append("# NOTICE: data from GDCM's private dictionary, Copyright (c) 2006-2010")
                .append(" Mathieu Malaterre, Copyright (c) 1993-2005 CREATIS, BSD 3-Clause License;")
                .append(" see ").append(PRIVATE_NOTICE).append(".\n")
                .append("# Generated by ").append(SELF).append(" from private_dictionary.tsv")
                .append(" (via pydicom, MIT License). Do not edit.\n")
                .append("# private creator\ttag (x = any hex digit)\tVRs\tVM\tretired (Y/N)\tname\n");
        for (PrivateElement e : elements) {
            out.append(e.creator).append('\t').append(e.tag.text).append('\t')
                    .append(vrField(e.vrs)).append('\t').append(e.vm).append('\t')
                    .append(e.retired ? 'Y' : 'N').append('\t').append(e.name).append('\n');
        }
        return out.toString();
    }

    static String vrField(List<String> vrs) {
        return vrs.isEmpty() ? "-" : String.join("/", vrs);
    }

    // ---------------------------------------------------------------- Java sources

    static String header(String source) {
        return "/*\n"
                + " * Generated by " + SELF + " from " + source + ". Do not edit:\n"
                + " * change the generator or its input and regenerate (see dicom/README.md, section Regenerating).\n"
                + " */\n"
                + "package " + PACKAGE + ";\n\n";
    }

    /**
     * The tag a keyword stands for: the element's tag or, for a repeating-group element, the
     * lowest tag of its pattern that is neither a fixed-tag element nor a group length, e.g.
     * 0x60003000 for (60xx,3000) but 0x00280410 for (0028,04x0), since (0028,0400) is Transform
     * Label, and 0x10000010 for (1000,xxx0). ElementDictionary.tagOf() gives the same tags.
     */
    static Map<String, Long> keywordTags(List<Element> elements) {
        Set<Long> fixed = new HashSet<>();
        for (Element e : elements) {
            if (e.tag.isExact()) {
                fixed.add(e.tag.value);
            }
        }
        Map<String, Long> tags = new HashMap<>();
        for (Element e : elements) {
            long tag = e.tag.value;
            while (!e.tag.isExact() && (fixed.contains(tag) || (tag & 0xFFFF) == 0)) {
                tag = nextMatch(e.tag, tag);
            }
            tags.put(e.tag.text, tag);
        }
        return tags;
    }

    /** The next tag after {@code tag} that {@code pattern} matches: count in the wildcard bits. */
    static long nextMatch(TagPattern pattern, long tag) {
        long free = ~pattern.mask & 0xFFFFFFFFL;
        long next = ((tag | pattern.mask) + 1) & free;
        if (next == 0) {
            throw new IllegalStateException("every tag of " + pattern.display() + " is taken");
        }
        return pattern.value | next;
    }

    static String tagsSource(List<Element> elements) {
        StringBuilder out = new StringBuilder(header("dicom_elements.tsv"));
        out.append("""
                /**
                 * Tags of the standard data elements of PS3.6 and command fields of PS3.7, one
                 * constant per keyword, spelled exactly as the standard spells the keyword.
                 *
                 * <p>For repeating-group elements such as (60xx,3000) Overlay Data the constant is the
                 * tag in the first group of the range ({@code 0x60003000}); more generally it is the
                 * lowest tag of the pattern that is neither another element nor a group length:
                 * (0028,04x0) Rows For Nth Order Coefficients is {@code 0x00280410}, as (0028,0400)
                 * is Transform Label.
                 *
                 * <p>Retired elements are included and say so. VR, VM and name are available at run
                 * time from {@link ElementDictionary}.
                 */
                public final class Tags {

                    private Tags() {
                    }

                """);
        Map<String, Long> keywordTags = keywordTags(elements);
        Set<String> keywords = new HashSet<>();
        for (Element e : elements) {
            if (!keywords.add(e.keyword)) {
                warn("duplicate keyword " + e.keyword + " at " + e.tag.display()
                        + ": no constant, the first tag keeps it");
                continue;
            }
            String vr = e.vrs.isEmpty() ? "NONE" : String.join(" or ", e.vrs);
            out.append("    /** ").append(javadoc(e.tag.display() + " " + vr + " " + e.vm + " "
                    + e.name + (e.retired ? " (retired)" : ""))).append(" */\n");
            out.append("    public static final int ").append(e.keyword).append(" = ")
                    .append(String.format("0x%08X", keywordTags.get(e.tag.text))).append(";\n");
        }
        return out.append("}\n").toString();
    }

    static String uidSource(List<Uid> uids) {
        StringBuilder out = new StringBuilder(header("dicom_uids.tsv"));
        out.append("""
                /**
                 * The UIDs of the DICOM UID registry (PS3.6 Table A-1 and others) that have a
                 * keyword, one constant per keyword, spelled exactly as the standard spells it.
                 * Retired UIDs are included and say so. Names and types are available at run time
                 * from {@link UidRegistry}.
                 */
                public final class UID {

                    private UID() {
                    }

                """);
        Set<String> keywords = new HashSet<>();
        for (Uid u : uids) {
            if (u.keyword.isEmpty()) {
                continue;
            }
            if (!keywords.add(u.keyword)) {
                warn("duplicate UID keyword " + u.keyword + " for " + u.uid
                        + ": no constant, the first UID keeps it");
                continue;
            }
            String doc = u.name + " (" + u.type + (u.retired ? ", retired" : "") + ")"
                    + (u.info.isEmpty() ? "" : ": " + u.info);
            out.append("    /** ").append(javadoc(doc)).append(" */\n");
            out.append("    public static final String ").append(u.keyword).append(" = \"")
                    .append(u.uid).append("\";\n");
        }
        return out.append("}\n").toString();
    }

    /** Escapes text for a Javadoc comment: HTML specials, tags, comment ends, unicode escapes. */
    static String javadoc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '\\' -> out.append("&#92;");
                case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
