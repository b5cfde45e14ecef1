package org.vesalius.dicom.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VR, VM and name of the private data elements of well-known Private Creators, from GDCM's
 * private dictionary (BSD-3-Clause, see {@code private-elements-NOTICE.txt} next to the
 * resource). Loaded on first use, separately from the standard dictionary, since many
 * applications never look at private elements.
 *
 * <p>A private data element (gggg,bbee) belongs to the creator whose name is the value of
 * (gggg,00bb). Entries are keyed by creator and by one of three patterns, tried from the most
 * specific: (gggg,eeee), exactly that tag; (gggg,xxee), in any block bb; (ggxx,xxee), in any
 * group of a repeating range (such as 60xx) and any block.
 */
final class PrivateDictionary {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateDictionary.class);

    static final String RESOURCE = "private-elements.tsv";

    /** The masks of the three patterns, in lookup order. */
    private static final int[] FORMS = {TagPattern.EXACT, 0xFFFF00FF, 0xFF0000FF};

    private final Map<String, Creator> creators;
    private final ElementEntry[] entries;
    private final VR[] implicitVrs;

    private static final class Holder {
        static final PrivateDictionary BUNDLED = load();
    }

    static PrivateDictionary bundled() {
        return Holder.BUNDLED;
    }

    private PrivateDictionary(Map<String, Creator> creators, List<ElementEntry> entries) {
        this.creators = creators;
        this.entries = entries.toArray(ElementEntry[]::new);
        this.implicitVrs = new VR[this.entries.length];
        for (int i = 0; i < this.entries.length; i++) {
            ElementEntry entry = this.entries[i];
            implicitVrs[i] = ElementDictionary.implicitVr(entry.tag(), entry.vrs());
        }
    }

    private static PrivateDictionary load() {
        long start = System.nanoTime();
        DictionaryResource resource = new DictionaryResource();
        List<ElementEntry> entries = new ArrayList<>(12000);
        Map<String, Creator.Builder> builders = new HashMap<>(1024);
        // columns: creator, tag pattern, VRs, VM, retired, name
        resource.read(RESOURCE, 6, fields -> {
            String creator = DictionaryResource.trimPadding(fields[0]);
            TagPattern pattern = TagPattern.parse(fields[1]);
            int index = entries.size();
            entries.add(new ElementEntry(pattern.value(), "", fields[5], resource.vrs(fields[2]),
                    resource.shared(fields[3]), DictionaryResource.flag(fields[4])));
            Creator.Builder builder = builders.get(creator);
            if (builder == null) {
                builder = new Creator.Builder();
                builders.put(creator, builder);
            }
            builder.add(formOf(pattern), pattern.value(), index);
        });
        Map<String, Creator> creators = new HashMap<>(builders.size() * 2);
        for (Map.Entry<String, Creator.Builder> builder : builders.entrySet()) {
            creators.put(builder.getKey(), builder.getValue().build());
        }
        LOG.debug("Loaded {} private data elements of {} private creators in {} ms",
                entries.size(), creators.size(), (System.nanoTime() - start) / 1_000_000);
        return new PrivateDictionary(creators, entries);
    }

    private static int formOf(TagPattern pattern) {
        for (int form = 0; form < FORMS.length; form++) {
            if (pattern.mask() == FORMS[form]) {
                return form;
            }
        }
        throw new IllegalStateException("unsupported private tag pattern mask "
                + Integer.toHexString(pattern.mask()));
    }

    /**
     * The VR of a private data element under {@code creator}, resolved as for standard ones;
     * UN when unknown.
     */
    VR vrOf(int tag, String creator) {
        int i = indexOf(tag, creator);
        return i < 0 ? VR.UN : implicitVrs[i];
    }

    /** The entry of a private data element under {@code creator}, for the concrete {@code tag}. */
    Optional<ElementEntry> lookup(int tag, String creator) {
        int i = indexOf(tag, creator);
        return i < 0 ? Optional.empty() : Optional.of(entries[i].withTag(tag));
    }

    /** The number of creators, for tests. */
    int creatorCount() {
        return creators.size();
    }

    private int indexOf(int tag, String creator) {
        Creator elements = creators.get(creator);
        if (elements == null) {
            String trimmed = DictionaryResource.trimPadding(creator);
            if (trimmed != creator) {
                elements = creators.get(trimmed);
            }
        }
        return elements == null ? -1 : elements.find(tag);
    }

    /** The elements of one creator: per pattern form, sorted keys and their entry indexes. */
    private static final class Creator {

        private final int[][] keys;
        private final int[][] indexes;

        private Creator(int[][] keys, int[][] indexes) {
            this.keys = keys;
            this.indexes = indexes;
        }

        int find(int tag) {
            for (int form = 0; form < FORMS.length; form++) {
                int k = Arrays.binarySearch(keys[form], tag & FORMS[form]);
                if (k >= 0) {
                    return indexes[form][k];
                }
            }
            return -1;
        }

        /** Collects (key, index) pairs, packed in a long with the key in the high half. */
        static final class Builder {

            private final long[][] packed = new long[FORMS.length][8];
            private final int[] sizes = new int[FORMS.length];

            void add(int form, int key, int index) {
                if (sizes[form] == packed[form].length) {
                    packed[form] = Arrays.copyOf(packed[form], sizes[form] * 2);
                }
                packed[form][sizes[form]++] = (long) key << 32 | index;
            }

            Creator build() {
                int[][] keys = new int[FORMS.length][];
                int[][] indexes = new int[FORMS.length][];
                for (int form = 0; form < FORMS.length; form++) {
                    // sorting the packed longs sorts by (signed) key, as binarySearch expects
                    long[] sorted = Arrays.copyOf(packed[form], sizes[form]);
                    Arrays.sort(sorted);
                    keys[form] = new int[sorted.length];
                    indexes[form] = new int[sorted.length];
                    for (int i = 0; i < sorted.length; i++) {
                        keys[form][i] = (int) (sorted[i] >> 32);
                        indexes[form][i] = (int) sorted[i];
                    }
                }
                return new Creator(keys, indexes);
            }
        }
    }
}
