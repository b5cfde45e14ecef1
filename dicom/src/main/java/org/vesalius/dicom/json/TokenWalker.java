package org.vesalius.dicom.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomStreamReader;

/**
 * Feeds the tokens of a {@link DicomStreamReader} to a {@link DatasetVisitor} without building a
 * tree: memory stays proportional to the nesting depth plus the largest value the reader loads.
 *
 * <p>It tracks per item what a tree would know: the Specific Character Set in effect (inherited
 * unless the item declares its own) and the private creators. An element whose tag is not above
 * the previous one in its item (a duplicate, or out of order) cannot be written in the ascending
 * order DICOM JSON requires; it is skipped with a warning, which keeps the first of duplicates as
 * {@link org.vesalius.dicom.io.DatasetBuilder} and dcmtk do.
 */
final class TokenWalker {

    private static final Logger LOG = LoggerFactory.getLogger(TokenWalker.class);

    private final DicomStreamReader reader;
    private final DatasetVisitor visitor;
    private SpecificCharacterSet[] charsets = new SpecificCharacterSet[8];
    private long[] lastTags = new long[8];
    @SuppressWarnings("unchecked")
    private Map<Integer, String>[] creators = new Map[8];
    private int level;

    private TokenWalker(DicomStreamReader reader, DatasetVisitor visitor) {
        this.reader = reader;
        this.visitor = visitor;
        charsets[0] = SpecificCharacterSet.ASCII;
        lastTags[0] = -1;
    }

    /** Reads tokens until the end of the data set (or the reader's stop condition). */
    static void walk(DicomStreamReader reader, DatasetVisitor visitor) throws IOException {
        new TokenWalker(reader, visitor).run();
    }

    private void run() throws IOException {
        List<Object> fragments = null;
        int fragmentsTag = 0;
        VR fragmentsVr = null;
        while (true) {
            switch (reader.next()) {
                case ELEMENT -> element();
                case SEQUENCE_START -> {
                    if (inOrder(reader.tag())) {
                        visitor.startSequence(reader.tag(), creatorOf(reader.tag()));
                    } else {
                        skipStructure();
                    }
                }
                case ITEM_START -> {
                    push();
                    visitor.startItem();
                }
                case ITEM_END -> {
                    level--;
                    visitor.endItem();
                }
                case SEQUENCE_END -> visitor.endSequence();
                case FRAGMENTS_START -> {
                    if (inOrder(reader.tag())) {
                        fragments = new ArrayList<>();
                        fragmentsTag = reader.tag();
                        fragmentsVr = reader.vr();
                    } else {
                        skipStructure();
                    }
                }
                case FRAGMENT -> fragments.add(reader.value() == null ? new byte[0] : reader.value());
                case FRAGMENTS_END -> {
                    visitor.fragments(fragmentsTag, fragmentsVr, fragments, creatorOf(fragmentsTag));
                    fragments = null;
                }
                case END, STOPPED -> {
                    return;
                }
            }
        }
    }

    private void element() throws IOException {
        int tag = reader.tag();
        if (!inOrder(tag)) {
            return;
        }
        Object value = reader.value();
        SpecificCharacterSet charset = charsets[level];
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            if (value instanceof byte[] raw) {
                charsets[level] = SpecificCharacterSet.of(definedTerms(raw));
            }
            charset = SpecificCharacterSet.ASCII;
        } else if (Tag.isPrivateCreator(tag) && value instanceof byte[] raw) {
            if (creators[level] == null) {
                creators[level] = new HashMap<>();
            }
            creators[level].put(tag, creatorName(raw, charset));
        }
        visitor.element(tag, reader.vr(), value, charset, creatorOf(tag));
    }

    /** True when {@code tag} may follow the previous element of the item; records it if so. */
    private boolean inOrder(int tag) {
        long unsigned = tag & 0xFFFFFFFFL;
        if (unsigned > lastTags[level]) {
            lastTags[level] = unsigned;
            return true;
        }
        LOG.warn("element {} {} at offset {}; left out", Tag.toString(tag),
                unsigned == lastTags[level] ? "appears twice" : "is out of order", reader.headerOffset());
        return false;
    }

    /** Skips a sequence or encapsulated value that was left out, with everything inside it. */
    private void skipStructure() throws IOException {
        int open = 1;
        while (open > 0) {
            switch (reader.next()) {
                case SEQUENCE_START, FRAGMENTS_START -> open++;
                case SEQUENCE_END, FRAGMENTS_END -> open--;
                case END, STOPPED -> open = 0;
                default -> { }
            }
        }
    }

    private String creatorOf(int tag) {
        if (!Tag.isPrivate(tag) || Tag.isPrivateCreator(tag)) {
            return null;
        }
        Map<Integer, String> known = creators[level];
        return known == null ? null : known.get(Tag.creatorTagOf(tag));
    }

    private void push() {
        level++;
        if (level == charsets.length) {
            charsets = Arrays.copyOf(charsets, level * 2);
            lastTags = Arrays.copyOf(lastTags, level * 2);
            creators = Arrays.copyOf(creators, level * 2);
        }
        charsets[level] = charsets[level - 1];
        lastTags[level] = -1;
        creators[level] = null;
    }

    /**
     * The name a Private Creator element holds, read as LO whatever VR it came with (implicit VR
     * files without a dictionary entry give it UN), without padding.
     */
    static String creatorName(byte[] raw, SpecificCharacterSet charset) {
        return charset.decode(raw, 0, raw.length, VR.LO).replace("\0", "").strip();
    }

    /** The values of (0008,0005), which is in the default repertoire, without padding. */
    static String[] definedTerms(byte[] raw) {
        String[] terms = new String(raw, StandardCharsets.ISO_8859_1).split("\\\\", -1);
        for (int i = 0; i < terms.length; i++) {
            terms[i] = terms[i].replace("\0", "").strip();
        }
        return terms;
    }
}
