package org.vesalius.vna.archive.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;

/**
 * Bounds what of a header goes to the index. The index turns a header into a document several
 * times its heap (text, a JSON tree, a request body) and the background writer holds headers until
 * they are written, so a large header that ingest accepts (an RT Structure Set with tens of MB of
 * contours) would otherwise cost the index side far more than it cost to parse it.
 *
 * <p>Standard top-level attributes with values up to {@value #SMALL_VALUE} bytes, and the
 * matchable sequences up to {@value #SMALL_SEQUENCE} elements and items, are always kept (the
 * index matches on them). Sequences, private or unknown attributes and larger values are
 * kept in tag order while the header stays within {@code maxNodes} elements and items and
 * {@value #MAX_VALUE_BYTES} bytes of values; the others are left out of the index only: the blob
 * keeps them, and retrieval (WADO-RS metadata, C-MOVE, C-GET) serves them whole. Ingest, the
 * catch-up and reindex all trim here, so the index holds the same documents whichever path wrote it.
 */
final class IndexedHeader {

    private static final Logger LOG = LoggerFactory.getLogger(IndexedHeader.class);
    /** Values up to this size of standard attributes are always indexed. */
    static final int SMALL_VALUE = 1024;
    /** Most bytes of values a trimmed header keeps. */
    static final long MAX_VALUE_BYTES = 8L * 1024 * 1024;
    /** Matchable sequences up to this many elements and items are always indexed. */
    static final long SMALL_SEQUENCE = 1000;
    private static final Set<Integer> MATCHABLE = QueryAttributes.all().stream().filter(QueryAttribute::matchable)
            .map(QueryAttribute::tag).collect(Collectors.toUnmodifiableSet());

    private IndexedHeader() {
    }

    /** Removes from {@code header} what does not fit (see the class comment); returns the number removed. */
    static int trim(Dataset header, long maxNodes) {
        ElementDictionary dictionary = ElementDictionary.standard();
        long nodes = 0;
        long bytes = 0;
        List<Integer> dropped = new ArrayList<>();
        long droppedNodes = 0;
        for (int i = 0; i < header.size(); i++) {
            int tag = header.tagAt(i);
            Object value = header.valueAt(i);
            long[] cost = cost(value);
            boolean always = value instanceof Sequence
                    ? MATCHABLE.contains(tag) && cost[0] <= SMALL_SEQUENCE && cost[1] <= SMALL_VALUE * SMALL_SEQUENCE
                    : cost[1] <= SMALL_VALUE && !Tag.isPrivate(tag) && dictionary.lookup(tag).isPresent();
            if (always || nodes + cost[0] <= maxNodes && bytes + cost[1] <= MAX_VALUE_BYTES) {
                nodes += cost[0];
                bytes += cost[1];
            } else {
                dropped.add(tag);
                droppedNodes += cost[0];
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("{}: {} large attribute(s) ({} elements and items) left out of the index, kept in the blob; first {}",
                    LogValue.of(header.getString(Tags.SOPInstanceUID, "")), dropped.size(), droppedNodes,
                    Tag.toString(dropped.get(0)));
            for (int tag : dropped) {
                header.remove(tag);
            }
        }
        return dropped.size();
    }

    /** Elements and items, and bytes of values, of one element's value (its subtree for a sequence). */
    private static long[] cost(Object value) {
        long[] total = {1, 0};
        add(value, total);
        return total;
    }

    private static void add(Object value, long[] total) {
        switch (value) {
            case byte[] b -> total[1] += b.length;
            case Fragments f -> total[1] += f.size() * 1024L; // left out as bulk data by the index; counted, not read
            case Sequence s -> {
                for (Dataset item : s) {
                    total[0]++;
                    for (int i = 0; i < item.size(); i++) {
                        total[0]++;
                        add(item.valueAt(i), total);
                    }
                }
            }
            case null, default -> { }
        }
    }
}
