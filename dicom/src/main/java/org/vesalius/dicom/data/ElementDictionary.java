package org.vesalius.dicom.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DICOM data dictionary: VR, VM, keyword and name of the standard data elements of PS3.6
 * and command fields of PS3.7 (DICOM 2026a), plus the private data elements of well-known
 * Private Creators (GDCM's private dictionary).
 *
 * <p>The tables are generated from the standard by {@code dicom/tools/GenerateDictionary.java},
 * and are loaded once, on first use of {@link #standard()}; the private dictionary is loaded
 * separately, on the first private lookup. The dictionary is immutable and safe to share between
 * threads.
 *
 * <p>{@link #vrOf(int)} is meant for decoding Implicit VR data element by element: it neither
 * allocates nor boxes. Lookups resolve, in this order:
 * <ol>
 *   <li>standard elements with a fixed tag;
 *   <li>group lengths (gggg,0000): UL;
 *   <li>private groups (odd groups above 0007): Private Creator elements (gggg,0010-00FF) are LO,
 *       other private elements need their Private Creator ({@link #vrOf(int, String)});
 *   <li>repeating groups such as (60xx,3000) Overlay Data, which PS3.5 7.6 restricts to the even
 *       groups xx = 00-1E for 50xx, 60xx and 7Fxx;
 *   <li>anything else is unknown: VR UN, empty keyword and name.
 * </ol>
 */
public final class ElementDictionary {

    private static final Logger LOG = LoggerFactory.getLogger(ElementDictionary.class);

    static final String RESOURCE = "elements.tsv";

    /** PS3.5 7.2 retired the group length of every group other than 0000 and 0002. */
    private static final ElementEntry GROUP_LENGTH =
            new ElementEntry(0, "", "Group Length", List.of(VR.UL), "1", true);
    private static final ElementEntry PRIVATE_CREATOR =
            new ElementEntry(0x00090010, "", "Private Creator", List.of(VR.LO), "1", false);
    private static final List<VR> OB_OR_OW = List.of(VR.OB, VR.OW);

    /** Every entry: standard entries in resource order, then the two generic ones above. */
    private final ElementEntry[] entries;
    /** The VR of each entry for Implicit VR decoding, see {@link #implicitVr(int, List)}. */
    private final VR[] implicitVrs;
    private final int groupLengthIndex;
    private final int privateCreatorIndex;
    /** Fixed tag to entry index. */
    private final IntIndex exact;
    /**
     * The distinct masks of the repeating-group patterns, most specific first, each with an
     * index from masked tag to entry: a handful of hash lookups instead of testing 88 patterns.
     */
    private final int[] repeatingMasks;
    private final IntIndex[] repeatingIndexes;
    /** Per mask: whether it is that of 50xx, 60xx, 7Fxx, which repeat in even groups 00-1E only. */
    private final boolean[] repeatingGroupRanges;
    /** Keyword to tag; the first entry in resource (tag) order wins, as in {@link Tags}. */
    private final Map<String, Integer> tagsByKeyword;

    private static final class Holder {
        static final ElementDictionary STANDARD = load();
    }

    /**
     * The dictionary of the standard and the bundled private dictionary. Loaded on the first
     * call, then shared.
     */
    public static ElementDictionary standard() {
        return Holder.STANDARD;
    }

    private ElementDictionary(List<ElementEntry> standardEntries, int[] masks) {
        int n = standardEntries.size();
        entries = standardEntries.toArray(new ElementEntry[n + 2]);
        groupLengthIndex = n;
        privateCreatorIndex = n + 1;
        entries[groupLengthIndex] = GROUP_LENGTH;
        entries[privateCreatorIndex] = PRIVATE_CREATOR;

        exact = indexOfMask(TagPattern.EXACT, masks);
        repeatingMasks = distinctRepeatingMasks(masks);
        repeatingIndexes = new IntIndex[repeatingMasks.length];
        repeatingGroupRanges = new boolean[repeatingMasks.length];
        for (int m = 0; m < repeatingMasks.length; m++) {
            repeatingIndexes[m] = indexOfMask(repeatingMasks[m], masks);
            repeatingGroupRanges[m] = repeatingMasks[m] >>> 16 == 0xFF00;
        }
        for (int i = 0; i < n; i++) {
            if (masks[i] != TagPattern.EXACT) {
                entries[i] = entries[i].withTag(keywordTag(i, masks[i]));
            }
        }

        implicitVrs = new VR[n + 2];
        tagsByKeyword = new HashMap<>(n * 2);
        for (int i = 0; i < entries.length; i++) {
            implicitVrs[i] = implicitVr(entries[i].tag(), entries[i].vrs());
            if (i < n) {
                tagsByKeyword.putIfAbsent(entries[i].keyword(), entries[i].tag());
            }
        }
    }

    /** Index from tag pattern value to entry, for the entries whose pattern has {@code mask}. */
    private IntIndex indexOfMask(int mask, int[] masks) {
        int count = 0;
        for (int m : masks) {
            count += m == mask ? 1 : 0;
        }
        int[] keys = new int[count];
        int[] values = new int[count];
        count = 0;
        for (int i = 0; i < masks.length; i++) {
            if (masks[i] == mask) {
                keys[count] = entries[i].tag(); // still the pattern's value, which is its first tag
                values[count++] = i;
            }
        }
        return new IntIndex(keys, values);
    }

    /** The masks other than {@link TagPattern#EXACT}, most significant bits first. */
    private static int[] distinctRepeatingMasks(int[] masks) {
        // plain loops: this runs once, early, where stream and lambda setup would dominate
        int[] distinct = new int[masks.length];
        int count = 0;
        for (int mask : masks) {
            boolean seen = mask == TagPattern.EXACT;
            for (int i = 0; i < count && !seen; i++) {
                seen = distinct[i] == mask;
            }
            if (!seen) {
                distinct[count++] = mask;
            }
        }
        // insertion sort: more significant bits first, then by unsigned value
        for (int i = 1; i < count; i++) {
            int mask = distinct[i];
            int j = i;
            while (j > 0 && isMoreSpecific(mask, distinct[j - 1])) {
                distinct[j] = distinct[j - 1];
                j--;
            }
            distinct[j] = mask;
        }
        return Arrays.copyOf(distinct, count);
    }

    private static boolean isMoreSpecific(int mask, int other) {
        int bits = Integer.bitCount(mask);
        int otherBits = Integer.bitCount(other);
        return bits > otherBits || bits == otherBits && Integer.compareUnsigned(mask, other) < 0;
    }

    /**
     * The tag that the keyword of the repeating-group entry {@code index} stands for, as in
     * {@link Tags}: the lowest tag of its pattern that looks up to this entry, so not a group
     * length nor a fixed-tag element (0x60003000 for (60xx,3000), but 0x00280410 for (0028,04x0),
     * as (0028,0400) is Transform Label).
     */
    private int keywordTag(int index, int patternMask) {
        long mask = patternMask & 0xFFFFFFFFL;
        long value = entries[index].tag() & 0xFFFFFFFFL;
        long tag = value;
        while (indexOf((int) tag) != index) {
            // count up in the wildcard bits only: 1s in the fixed bits carry over them
            long next = ((tag | mask) + 1) & ~mask & 0xFFFFFFFFL;
            if (next == 0) {
                throw new IllegalStateException("no tag of a repeating pattern resolves to it");
            }
            tag = value | next;
        }
        return (int) tag;
    }

    private static ElementDictionary load() {
        long start = System.nanoTime();
        DictionaryResource resource = new DictionaryResource();
        List<ElementEntry> entries = new ArrayList<>(6000);
        List<TagPattern> patterns = new ArrayList<>(6000);
        // columns: tag pattern, VRs, VM, retired, keyword, name
        resource.read(RESOURCE, 6, fields -> {
            TagPattern pattern = TagPattern.parse(fields[0]);
            patterns.add(pattern);
            entries.add(new ElementEntry(pattern.value(), fields[4], fields[5],
                    resource.vrs(fields[1]), resource.shared(fields[2]),
                    DictionaryResource.flag(fields[3])));
        });
        int[] masks = new int[patterns.size()];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = patterns.get(i).mask();
        }
        ElementDictionary dictionary = new ElementDictionary(entries, masks);
        LOG.debug("Loaded {} standard data elements in {} ms", entries.size(),
                (System.nanoTime() - start) / 1_000_000);
        return dictionary;
    }

    /**
     * The VR with which an Implicit VR encoding decodes {@code tag}.
     *
     * @return the standard VR; for elements that allow several VRs the first one listed, except
     *         that "OB or OW" elements, Pixel Data (7FE0,0010) among them, are OW (PS3.5 A.1: in
     *         Implicit VR Little Endian, Pixel Data is OW); UL for group lengths; LO for Private
     *         Creator elements; UN for private data elements (their VR depends on the Private
     *         Creator, see {@link #vrOf(int, String)}) and for unknown tags; {@code null} for the
     *         item and delimitation tags (FFFE,E000), (FFFE,E00D) and (FFFE,E0DD), which have no
     *         VR
     */
    public VR vrOf(int tag) {
        int i = indexOf(tag);
        return i < 0 ? VR.UN : implicitVrs[i];
    }

    /**
     * The VR with which an Implicit VR encoding decodes {@code tag}, taking private data elements
     * from the private dictionary.
     *
     * @param privateCreator the value of the Private Creator element that reserves the block of
     *        {@code tag}; leading and trailing spaces and NULs are ignored. Ignored for tags
     *        that are not private data elements; {@code null} when unknown
     * @return as {@link #vrOf(int)}, and for a private data element the VR the private dictionary
     *         gives it under that creator (resolved like a standard one), UN when it has none
     */
    public VR vrOf(int tag, String privateCreator) {
        if (privateCreator == null || !isPrivateDataElement(tag)) {
            return vrOf(tag);
        }
        return PrivateDictionary.bundled().vrOf(tag, privateCreator);
    }

    /** The keyword of a standard element, e.g. {@code PatientName}; empty when none is known. */
    public String keywordOf(int tag) {
        int i = indexOf(tag);
        return i < 0 ? "" : entries[i].keyword();
    }

    /**
     * The name of a standard element, e.g. {@code Patient's Name}, or "Group Length" or "Private
     * Creator" for those generic elements; empty when none is known.
     */
    public String nameOf(int tag) {
        int i = indexOf(tag);
        return i < 0 ? "" : entries[i].name();
    }

    /** The value multiplicity of a standard element, e.g. {@code 1-n}; empty when unknown. */
    public String vmOf(int tag) {
        int i = indexOf(tag);
        return i < 0 ? "" : entries[i].vm();
    }

    /** True when the standard retired the element; false for unknown tags. */
    public boolean isRetired(int tag) {
        int i = indexOf(tag);
        return i >= 0 && entries[i].retired();
    }

    /**
     * The tag of a standard keyword, e.g. 0x00100010 for {@code PatientName}; for repeating-group
     * elements the tag in the first group, e.g. 0x60003000 for {@code OverlayData} (exactly the
     * value of the constant in {@link Tags}).
     *
     * @return the tag, or -1 when the keyword is unknown (no standard tag is (FFFF,FFFF))
     */
    public int tagOf(String keyword) {
        Integer tag = keyword == null ? null : tagsByKeyword.get(keyword);
        return tag == null ? -1 : tag;
    }

    /**
     * What the standard dictionary knows about {@code tag}, including the generic Group Length
     * and Private Creator entries; empty for unknown tags and for private data elements (see
     * {@link #lookup(int, String)}).
     */
    public Optional<ElementEntry> lookup(int tag) {
        int i = indexOf(tag);
        return i < 0 ? Optional.empty() : Optional.of(entries[i].withTag(tag));
    }

    /**
     * As {@link #lookup(int)}, and for a private data element the private dictionary's entry
     * under {@code privateCreator} (leading and trailing spaces and NULs ignored; {@code null}
     * when unknown). Private entries have an empty keyword.
     */
    public Optional<ElementEntry> lookup(int tag, String privateCreator) {
        if (privateCreator == null || !isPrivateDataElement(tag)) {
            return lookup(tag);
        }
        return PrivateDictionary.bundled().lookup(tag, privateCreator);
    }

    /** The standard entries, repeating-group ones with the tag their keyword stands for. */
    Stream<ElementEntry> standardEntries() {
        return Arrays.stream(entries, 0, groupLengthIndex);
    }

    /** Index into {@link #entries}, or -1 when the tag is unknown. The hot path: no allocation. */
    private int indexOf(int tag) {
        int fixed = exact.get(tag);
        if (fixed >= 0) {
            return fixed;
        }
        if (Tag.isGroupLength(tag)) {
            return groupLengthIndex;
        }
        if (Tag.isPrivate(tag)) {
            return Tag.isPrivateCreator(tag) ? privateCreatorIndex : -1;
        }
        for (int m = 0; m < repeatingMasks.length; m++) {
            int repeating = repeatingIndexes[m].get(tag & repeatingMasks[m]);
            if (repeating >= 0 && (!repeatingGroupRanges[m] || isInRepeatingGroupRange(tag))) {
                return repeating;
            }
        }
        return -1;
    }

    /**
     * PS3.5 7.6: the repeating groups 50xx, 60xx and 7Fxx are the even groups xx = 00-1E; odd
     * ones are private groups, and e.g. (7FE0,0010) is Pixel Data, not Variable Pixel Data.
     */
    private static boolean isInRepeatingGroupRange(int tag) {
        int xx = (tag >>> 16) & 0xFF;
        return (xx & 1) == 0 && xx <= 0x1E;
    }

    /** A private element other than a group length or Private Creator. */
    private static boolean isPrivateDataElement(int tag) {
        return Tag.isPrivate(tag) && !Tag.isGroupLength(tag) && !Tag.isPrivateCreator(tag);
    }

    /**
     * The single VR to decode an element with when the encoding does not say: none for items and
     * delimiters; OW for "OB or OW" elements and Pixel Data; otherwise the first VR listed (US
     * for "US or SS", the sign being decided by Pixel Representation, which a dictionary cannot
     * see).
     */
    static VR implicitVr(int tag, List<VR> vrs) {
        if (vrs.isEmpty()) {
            return null;
        }
        if (tag == Tag.PIXEL_DATA || vrs.equals(OB_OR_OW)) {
            return VR.OW;
        }
        return vrs.get(0);
    }
}
