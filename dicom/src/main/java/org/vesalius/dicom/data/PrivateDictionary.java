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
        this.creators = Map.copyOf(creators);
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
        Map<String, List<List<Long>>> keysByCreator = new HashMap<>();
        resource.read(RESOURCE, 6, fields -> {
            String creator = DictionaryResource.trimPadding(fields[0]);
            TagPattern pattern = TagPattern.parse(fields[1]);
            int form = formOf(pattern);
            int index = entries.size();
            entries.add(new ElementEntry(pattern.value(), "", fields[5], resource.vrs(fields[2]),
                    resource.shared(fields[3]), DictionaryResource.flag(fields[4])));
            keysByCreator.computeIfAbsent(creator, c -> newForms())
                    .get(form).add((long) pattern.value() << 32 | index);
        });
        Map<String, Creator> creators = new HashMap<>(keysByCreator.size() * 2);
        keysByCreator.forEach((name, keys) -> creators.put(name, new Creator(keys)));
        LOG.debug("Loaded {} private data elements of {} private creators in {} ms",
                entries.size(), creators.size(), (System.nanoTime() - start) / 1_000_000);
        return new PrivateDictionary(creators, entries);
    }

    private static List<List<Long>> newForms() {
        List<List<Long>> forms = new ArrayList<>(FORMS.length);
        for (int i = 0; i < FORMS.length; i++) {
            forms.add(new ArrayList<>());
        }
        return forms;
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

        private final int[][] keys = new int[FORMS.length][];
        private final int[][] indexes = new int[FORMS.length][];

        Creator(List<List<Long>> keysAndIndexes) {
            for (int form = 0; form < FORMS.length; form++) {
                // The key sits in the high half, so sorting the longs sorts by (signed) key.
                long[] packed = keysAndIndexes.get(form).stream()
                        .mapToLong(Long::longValue).sorted().toArray();
                keys[form] = new int[packed.length];
                indexes[form] = new int[packed.length];
                for (int i = 0; i < packed.length; i++) {
                    keys[form][i] = (int) (packed[i] >> 32);
                    indexes[form][i] = (int) packed[i];
                }
            }
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
    }
}
