package org.vesalius.dicom.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * A pull parser over DICOM input: Part 10 files (with or without preamble, magic or File Meta
 * Information) and bare data sets in a known transfer syntax.
 *
 * <p>Each {@link #next()} returns one {@link Token}; the element it concerns is described by
 * {@link #tag()}, {@link #vr()}, {@link #length()}, {@link #headerOffset()} and, for
 * {@link Token#ELEMENT} and {@link Token#FRAGMENT}, {@link #value()}. Nesting is handled with an
 * explicit stack (bounded by {@link ReadOptions#maxDepth()}), never by recursion, and no length
 * field makes it allocate more than the input actually holds. The number of elements and items
 * is bounded too ({@link ReadOptions#maxElements()}, {@link ReadOptions#maxItems()}): each costs
 * heap in a tree whatever its encoded size; beyond a limit the reader throws
 * {@link DatasetLimitException}.
 *
 * <p>Values are normalized to little endian. A {@link ReadOptions#stopBefore()} condition ends
 * the parse in front of a top-level element ({@link Token#STOPPED}); {@link #remainingInput()}
 * then gives the input from that element's first byte, for example to stream pixel data onward.
 *
 * <p>Malformed input raises {@link MalformedDicomException} (or its subclass
 * {@link TruncatedDicomException}) with the byte offset and tag concerned. Not thread-safe.
 */
public final class DicomStreamReader implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomStreamReader.class);
    private static final long NO_END = FrameStack.NO_END;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_TRAILING_KEPT = 64 * 1024;
    private static final int PIXEL_REPRESENTATION = 0x00280103;

    /** What {@link #next()} found. */
    public enum Token {
        /** An element with a value (or an empty one): see {@link #value()}. */
        ELEMENT,
        /** A sequence begins (VR SQ, or UN with undefined length). */
        SEQUENCE_START,
        /** An item of the current sequence begins. */
        ITEM_START,
        /** The current item ends. */
        ITEM_END,
        /** The current sequence ends. */
        SEQUENCE_END,
        /** An encapsulated value begins (undefined length, not a sequence). */
        FRAGMENTS_START,
        /** One item of an encapsulated value: see {@link #value()} and {@link #fragmentIndex()}. */
        FRAGMENT,
        /** The encapsulated value ends. */
        FRAGMENTS_END,
        /** The stop condition matched: the reader stands before the element's header. */
        STOPPED,
        /** The input ended cleanly. */
        END
    }

    private final ByteSource src;
    private final ReadOptions options;
    private final ElementDictionary dictionary = ElementDictionary.standard();
    private final InputStream closeable;

    private byte[] preamble;
    private boolean magic;
    private Dataset fileMeta;
    private TransferSyntax transferSyntax;
    private boolean inflating;
    private boolean metaMode;
    private byte[] trailing;
    private final java.util.List<String> irregularities = new java.util.ArrayList<>();

    private final FrameStack frames = new FrameStack();
    private int itemDepth;
    private long elementCount;
    private long itemCount;

    // Current token.
    private Token token;
    private int tag;
    private VR vr;
    private boolean vrFromDictionary;
    private boolean closedAtEndOfInput;
    private int fragmentsTag;
    private long length;
    private long headerOffset;
    private Object value;
    private int fragmentIndex;
    private boolean implicitItems;
    private boolean finished;

    private DicomStreamReader(InputStream in, long knownLength, ReadOptions options) {
        this.closeable = in;
        this.src = new ByteSource(in, BUFFER_SIZE, knownLength);
        this.options = options;
    }

    // ---------------------------------------------------------------- opening

    /**
     * Opens Part 10 input: reads the preamble, magic and File Meta Information if present (the
     * data set's transfer syntax is guessed from its first bytes when there is no meta header or
     * it names none), and stands before the first data set element.
     */
    public static DicomStreamReader open(InputStream in, ReadOptions options) throws IOException {
        DicomStreamReader r = new DicomStreamReader(in, -1, options);
        r.readHead();
        return r;
    }

    /** Opens a Part 10 file; its size bounds every length read from it. */
    public static DicomStreamReader open(Path file, ReadOptions options) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            DicomStreamReader r = new DicomStreamReader(in, Files.size(file), options);
            r.readHead();
            return r;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Opens a bare data set (no preamble, no File Meta) encoded in {@code syntax}, such as the
     * data set of a DIMSE message. A deflated syntax is inflated.
     */
    public static DicomStreamReader forDataset(InputStream in, TransferSyntax syntax, ReadOptions options) throws IOException {
        DicomStreamReader r = new DicomStreamReader(in, -1, options);
        r.begin(syntax);
        return r;
    }

    private void readHead() throws IOException {
        int n = src.fill(136);
        byte[] b = src.buffer();
        int p = src.bufferPosition();
        // "DICM" at 128 must be followed by File Meta: a data set can hold those bytes by chance.
        if (n >= 136 && EncodingGuess.isMagic(b, p + 128) && LittleEndian.uint16(b, p + 132) == 0x0002
                || n >= 132 && n < 136 && EncodingGuess.isMagic(b, p + 128)) {
            preamble = java.util.Arrays.copyOfRange(b, p, p + 128);
            magic = true;
            src.advance(132);
        } else if (n >= 4 && EncodingGuess.isMagic(b, p)) {
            magic = true;
            src.advance(4);
        }
        n = src.fill(8);
        b = src.buffer();
        p = src.bufferPosition();
        String declared = null;
        if (n >= 8 && LittleEndian.uint16(b, p) == 0x0002) {
            boolean metaExplicit = VR.ofCode((b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF)) != null;
            frames.push(FrameStack.Kind.DATASET, NO_END, metaExplicit, false);
            metaMode = true;
            fileMeta = DatasetBuilder.build(this, new Dataset());
            metaMode = false;
            finished = false;
            frames.clear();
            declared = fileMeta.getString(Tag.TRANSFER_SYNTAX_UID);
        } else if (!magic && preamble == null && !EncodingGuess.looksLikeDataset(b, p, n)) {
            throw new MalformedDicomException("not DICOM: no DICM magic, no File Meta Information"
                    + " and no recognizable data set", src.position(), MalformedDicomException.NO_TAG);
        }
        TransferSyntax syntax = declared == null || declared.isEmpty() ? null : TransferSyntax.of(declared);
        if (syntax == null) {
            syntax = guess();
            LOG.debug("no transfer syntax declared; data set looks like {}", syntax.uid());
        } else if (!syntax.deflated()) {
            TransferSyntax seen = guess();
            if (seen != null && seen.explicitVR() != syntax.explicitVR() && src.fill(8) >= 8) {
                LOG.warn("File Meta declares {} but the data set is {} VR; reading it as found",
                        syntax.uid(), seen.explicitVR() ? "explicit" : "implicit");
                syntax = new TransferSyntax(syntax.uid(), seen.explicitVR(), seen.bigEndian(), false, syntax.encapsulated());
            }
        }
        begin(syntax);
    }

    /** Guesses byte order and VR encoding from the next element header. */
    private TransferSyntax guess() throws IOException {
        int n = src.fill(8);
        return n < 8 ? TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN : EncodingGuess.of(src.buffer(), src.bufferPosition());
    }

    private void begin(TransferSyntax syntax) throws IOException {
        this.transferSyntax = syntax;
        if (syntax.deflated()) {
            InputStream rest = new BufferedInputStream(src.remaining(), 8192);
            rest.mark(2);
            int b0 = rest.read();
            int b1 = rest.read();
            rest.reset();
            // Some writers put a zlib header in front of what should be raw deflate.
            boolean zlib = b0 >= 0 && b1 >= 0 && (b0 & 0x0F) == 8 && ((b0 << 8) | b1) % 31 == 0;
            if (zlib) {
                LOG.warn("deflated data set starts with a zlib header; reading it anyway");
            }
            src.switchTo(new InflaterInputStream(rest, new Inflater(!zlib), 8192), 0);
            inflating = true;
        }
        frames.push(FrameStack.Kind.DATASET, NO_END, syntax.explicitVR(), syntax.bigEndian());
    }

    // ---------------------------------------------------------------- what was read

    /** The 128-byte preamble, or null when the input had none. */
    public byte[] preamble() {
        return preamble;
    }

    /** True when the input carried the "DICM" magic. */
    public boolean hasMagic() {
        return magic;
    }

    /** The File Meta Information (group 0002), or null when the input had none. */
    public Dataset fileMeta() {
        return fileMeta;
    }

    /** The encoding of the data set as actually read (declared, or guessed when undeclared). */
    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** The last token returned. */
    public Token token() {
        return token;
    }

    /** Tag of the current element, item or fragment. */
    public int tag() {
        return tag;
    }

    /** VR of the current element. */
    public VR vr() {
        return vr;
    }

    /** Length of the current element or item as encoded (possibly {@link Length#UNDEFINED}). */
    public long length() {
        return length;
    }

    /** Byte offset of the current header. */
    public long headerOffset() {
        return headerOffset;
    }

    /** Value of the current {@link Token#ELEMENT} or {@link Token#FRAGMENT}. */
    public Object value() {
        return value;
    }

    /** Index of the current fragment (0 is the Basic Offset Table). */
    public int fragmentIndex() {
        return fragmentIndex;
    }

    /** For {@link Token#SEQUENCE_START}: true when items are Implicit VR Little Endian (UN, CP-246). */
    public boolean implicitItems() {
        return implicitItems;
    }

    /** Nesting depth: 0 in the top-level data set, +1 per item entered. */
    public int depth() {
        return itemDepth;
    }

    /** Elements read so far, at every depth (sequences and encapsulated values included). */
    public long elementCount() {
        return elementCount;
    }

    /** Sequence items read so far, at every depth. */
    public long itemCount() {
        return itemCount;
    }

    /** Bytes after the end of the data set that were kept (all-zero padding seen in the wild), or null. */
    public byte[] trailingBytes() {
        return trailing;
    }

    /**
     * What was irregular but readable in the input (duplicate or unordered elements): a data set
     * built from it cannot be written back bit for bit.
     */
    public java.util.List<String> irregularities() {
        return java.util.List.copyOf(irregularities);
    }

    /** Records an irregularity found by a consumer of the tokens. */
    public void noteIrregularity(String what) {
        LOG.warn("{} (near offset {})", what, headerOffset);
        irregularities.add(what);
    }

    /** Position in the input (in inflated bytes once a deflated data set has begun). */
    public long position() {
        return src.position();
    }

    /**
     * The input from the current position on: after {@link Token#STOPPED}, starting with the
     * header of the element the reader stopped before. The reader must not be used afterwards.
     */
    public InputStream remainingInput() {
        finished = true;
        return src.remaining();
    }

    @Override
    public void close() throws IOException {
        closeable.close();
    }

    // ---------------------------------------------------------------- parsing

    /** Reads the next token. After {@link Token#END} or {@link Token#STOPPED} returns it again. */
    public Token next() throws IOException {
        if (finished) {
            return token;
        }
        value = null;
        try {
            return advance();
        } catch (java.util.zip.ZipException e) {
            throw new MalformedDicomException("corrupt deflated data set: " + e.getMessage(), src.position(), tag, e);
        } catch (java.io.EOFException e) {
            throw new TruncatedDicomException(1, src.position(), tag);
        }
    }

    private Token advance() throws IOException {
        while (true) {
            switch (frames.kind()) {
                case DATASET -> {
                    Token t = nextInDataset();
                    if (t != null) {
                        return token = t;
                    }
                }
                case SEQUENCE -> {
                    Token t = nextInSequence();
                    if (t != null) {
                        return token = t;
                    }
                }
                case FRAGMENTS -> {
                    return token = nextFragment();
                }
            }
        }
    }

    private Token nextInDataset() throws IOException {
        long end = frames.end();
        long at = src.position();
        if (end != NO_END && at >= end) {
            if (at > end) {
                throw malformed("item content runs " + (at - end) + " byte(s) past the item's length", at, tag);
            }
            frames.pop();
            itemDepth--;
            tag = Tag.ITEM_DELIMITATION;
            return Token.ITEM_END;
        }
        if (!readHeader()) {
            if (frames.atTopLevel()) {
                finished = true;
                return Token.END;
            }
            closeAtEndOfInput();
            return null;
        }
        if (Tag.group(tag) == 0xFFFE) {
            if (tag == Tag.ITEM_DELIMITATION && !frames.atTopLevel()) {
                if (end != NO_END) {
                    LOG.warn("item delimiter inside an item of defined length at offset {}; ignored", at);
                    return null;
                }
                frames.pop();
                itemDepth--;
                return Token.ITEM_END;
            }
            if (tag == Tag.SEQUENCE_DELIMITATION && !frames.atTopLevel() && end == NO_END) {
                // The writer forgot the item delimiter: this ends the item, and then the sequence.
                LOG.warn("sequence delimiter without item delimiter at offset {}", at);
                src.unread(8);
                frames.pop();
                itemDepth--;
                tag = Tag.ITEM_DELIMITATION;
                return Token.ITEM_END;
            }
            if (tag == Tag.ITEM) {
                throw malformed("item outside of a sequence", at, tag);
            }
            LOG.warn("stray delimiter {} at offset {}; ignored", Tag.toString(tag), at);
            return null;
        }
        if (frames.atTopLevel() && (metaMode ? Tag.group(tag) != 0x0002
                : options.stopBefore().test(new ElementHeader(tag, vr, length, at, 0)))) {
            src.unread((int) (src.position() - at));
            finished = true;
            return Token.STOPPED;
        }
        if (++elementCount > options.maxElements()) {
            throw new DatasetLimitException(DatasetLimitException.Limit.ELEMENTS, options.maxElements(), at, tag);
        }
        boolean undefined = Length.isUndefined(length);
        if (!undefined) {
            checkFits(at, vr == VR.SQ);
        }
        if (vr == VR.SQ && vrFromDictionary && !undefined && length > 0 && !valueStartsWithItem()) {
            // The dictionary says SQ but the value is no sequence (dcm4che's Tag-0040-A170-VR-CS):
            // keep the bytes as UN rather than refuse the file.
            LOG.warn("element {} at offset {} is not encoded as the sequence the dictionary expects; kept as UN",
                    Tag.toString(tag), at);
            vr = VR.UN;
        }
        if (vr == VR.SQ || vr == VR.UN && undefined) {
            boolean unSequence = vr == VR.UN;
            frames.push(FrameStack.Kind.SEQUENCE, undefined ? NO_END : src.position() + length,
                    unSequence ? false : frames.explicitVr(), unSequence ? false : frames.bigEndian());
            // A UN sequence's items are Implicit VR LE (CP-246), unless probing finds explicit VRs.
            frames.setProbeItems(unSequence);
            implicitItems = unSequence;
            return Token.SEQUENCE_START;
        }
        if (undefined) {
            fragmentsTag = tag;
            frames.push(FrameStack.Kind.FRAGMENTS, NO_END, frames.explicitVr(), frames.bigEndian());
            fragmentIndex = -1;
            return Token.FRAGMENTS_START;
        }
        value = readValue(tag, vr, length, -1);
        if (tag == PIXEL_REPRESENTATION && value instanceof byte[] raw && raw.length >= 2) {
            frames.setPixelRepresentation(LittleEndian.uint16(raw, 0));
        }
        if (Tag.isPrivateCreator(tag) && value instanceof byte[] raw) {
            rememberCreator(tag, raw);
        }
        return Token.ELEMENT;
    }

    private Token nextInSequence() throws IOException {
        long end = frames.end();
        long at = src.position();
        if (end != NO_END && at >= end) {
            if (at > end) {
                throw malformed("sequence content runs " + (at - end) + " byte(s) past the sequence's length", at, tag);
            }
            frames.pop();
            return Token.SEQUENCE_END;
        }
        if (src.atEnd()) {
            closeAtEndOfInput();
            return null;
        }
        readItemHeader(at);
        if (tag == Tag.ITEM) {
            if (itemDepth + 1 > options.maxDepth()) {
                throw new DatasetLimitException(DatasetLimitException.Limit.DEPTH, options.maxDepth(), at, tag);
            }
            if (++itemCount > options.maxItems()) {
                throw new DatasetLimitException(DatasetLimitException.Limit.ITEMS, options.maxItems(), at, tag);
            }
            boolean undefined = Length.isUndefined(length);
            if (!undefined) {
                long itemEnd = src.position() + length;
                if (end != NO_END && itemEnd > end) {
                    // Seen in the wild: a sequence length that is too short for its items. The
                    // item lengths are the more local truth; the sequence is stretched to fit.
                    noteIrregularity("item of " + length + " bytes overruns its sequence's length by "
                            + (itemEnd - end) + " byte(s); the sequence is extended");
                    frames.setEnd(itemEnd);
                }
                checkFits(at, true);
            }
            boolean itemExplicit = frames.explicitVr();
            boolean itemBig = frames.bigEndian();
            if (frames.probeItems()) {
                itemExplicit = probeExplicitVr();
                itemBig = false;
                frames.setExplicitVr(itemExplicit);
                frames.setProbeItems(false);
            }
            frames.push(FrameStack.Kind.DATASET, undefined ? NO_END : src.position() + length, itemExplicit, itemBig);
            itemDepth++;
            return Token.ITEM_START;
        }
        if (tag == Tag.SEQUENCE_DELIMITATION) {
            frames.pop();
            return Token.SEQUENCE_END;
        }
        if (tag == Tag.ITEM_DELIMITATION) {
            LOG.warn("item delimiter outside of an item at offset {}; ignored", at);
            return null;
        }
        throw malformed("expected an item in the sequence, found " + Tag.toString(tag), at, tag);
    }

    private Token nextFragment() throws IOException {
        long at = src.position();
        if (src.atEnd()) {
            closeAtEndOfInput();
            frames.pop();
            return Token.FRAGMENTS_END;
        }
        readItemHeader(at);
        if (tag == Tag.SEQUENCE_DELIMITATION) {
            frames.pop();
            return Token.FRAGMENTS_END;
        }
        if (tag != Tag.ITEM) {
            throw malformed("expected a fragment item in encapsulated data, found " + Tag.toString(tag), at, tag);
        }
        if (Length.isUndefined(length)) {
            throw malformed("fragment with undefined length", at, tag);
        }
        checkFits(at, false);
        fragmentIndex++;
        // Fragments are described by the element that holds them, so descriptors see (7FE0,0010).
        value = readValue(fragmentsTag, VR.OB, length, fragmentIndex);
        return Token.FRAGMENT;
    }

    /**
     * Refuses a length that cannot fit in the enclosing item or sequence, or (for values, not for
     * sequences and items, whose content may end early: see {@link #closeAtEndOfInput}) in the input.
     */
    private void checkFits(long at, boolean container) throws IOException {
        long valueStart = src.position();
        long end = frames.innermostDefinedEnd();
        if (end != NO_END && valueStart + length > end) {
            throw malformed("length " + length + " exceeds the enclosing item or sequence by "
                    + (valueStart + length - end) + " byte(s)", at, tag);
        }
        if (!container && src.lengthKnown() && length > src.remainingKnown() && !truncatedBulkValueAccepted()) {
            throw new TruncatedDicomException(length - src.remainingKnown(), at, tag);
        }
    }

    /** True when the current value is bulk data whose handler describes truncated values. */
    private boolean truncatedBulkValueAccepted() {
        BulkDataHandler handler = options.bulkHandler();
        boolean fragment = frames.kind() == FrameStack.Kind.FRAGMENTS;
        return handler != null && handler.acceptsTruncatedValues() && !inflating
                && options.bulkData().isBulkData(itemDepth, fragment ? fragmentsTag : tag, fragment ? VR.OB : vr, length);
    }

    /**
     * The input ended exactly between two elements, items or fragments while sequences, items or
     * encapsulated data were still open: their delimiters are missing or their declared lengths
     * too long. dcmtk and pydicom read such files (a DICOMDIR whose last record is short, pixel
     * data without its sequence delimiter), so the open levels are closed here and the file is
     * marked irregular. A value cut in the middle still raises {@link TruncatedDicomException}.
     */
    private void closeAtEndOfInput() {
        if (!closedAtEndOfInput) {
            noteIrregularity("input ends inside " + frames.openLevels() + " open sequence, item or fragment level(s); closed there");
            closedAtEndOfInput = true;
        }
        frames.endAllLevelsAt(src.position());
    }

    /** Reads an element header; false at a clean end of input (or all-zero trailing padding). */
    private boolean readHeader() throws IOException {
        long at = src.position();
        int n = src.fill(8);
        if (n == 0) {
            return false;
        }
        byte[] b = src.buffer();
        int p = src.bufferPosition();
        if (frames.atTopLevel() && !metaMode && allZero(b, p, n)) {
            keepTrailing();
            return false;
        }
        if (n < 8) {
            throw new TruncatedDicomException(8 - n, at, MalformedDicomException.NO_TAG);
        }
        headerOffset = at;
        vrFromDictionary = false;
        boolean big = frames.bigEndian();
        tag = tagAt(b, p, big);
        if (Tag.group(tag) == 0xFFFE) {
            length = Length.fromField(big ? int32be(b, p + 4) : LittleEndian.int32(b, p + 4));
            vr = null;
            src.advance(8);
            return true;
        }
        if (frames.explicitVr()) {
            VR explicitVr = VR.ofCode((b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF));
            if (explicitVr == null) {
                // Seen in the wild: an implicitly encoded element inside an explicit data set.
                vr = dictionaryVr(tag);
                vrFromDictionary = true;
                length = Length.fromField(big ? int32be(b, p + 4) : LittleEndian.int32(b, p + 4));
                // Reading the File Meta, the first data set element is looked at only to see
                // that the meta ended: in an implicit VR data set it has no VR bytes, rightly.
                if (!(metaMode && Tag.group(tag) != 0x0002)) {
                    LOG.warn("invalid VR bytes {} {} in element {} at offset {}; reading it as implicit VR {}",
                            b[p + 4] & 0xFF, b[p + 5] & 0xFF, Tag.toString(tag), at, vr);
                }
                src.advance(8);
                return true;
            }
            vr = explicitVr;
            if (explicitVr.hasLongHeader()) {
                if (src.fill(12) < 12) {
                    throw new TruncatedDicomException(12 - src.available(), at, tag);
                }
                b = src.buffer();
                p = src.bufferPosition();
                length = Length.fromField(big ? int32be(b, p + 8) : LittleEndian.int32(b, p + 8));
                src.advance(12);
            } else {
                length = big ? uint16be(b, p + 6) : LittleEndian.uint16(b, p + 6);
                src.advance(8);
            }
        } else {
            length = Length.fromField(LittleEndian.int32(b, p + 4));
            vr = dictionaryVr(tag);
            vrFromDictionary = true;
            src.advance(8);
        }
        return true;
    }

    private void readItemHeader(long at) throws IOException {
        int n = src.fill(8);
        if (n < 8) {
            throw new TruncatedDicomException(8 - n, at, tag);
        }
        byte[] b = src.buffer();
        int p = src.bufferPosition();
        boolean big = frames.bigEndian();
        tag = tagAt(b, p, big);
        length = Length.fromField(big ? int32be(b, p + 4) : LittleEndian.int32(b, p + 4));
        headerOffset = at;
        vr = null;
        src.advance(8);
    }

    /** True when the value about to be read begins with an item or a sequence delimiter. */
    private boolean valueStartsWithItem() throws IOException {
        if (length < 8 || src.fill(4) < 4) {
            return false;
        }
        byte[] b = src.buffer();
        int p = src.bufferPosition();
        int first = tagAt(b, p, frames.bigEndian());
        return first == Tag.ITEM || first == Tag.SEQUENCE_DELIMITATION;
    }

    /** In a UN sequence, looks at the first element of the item for an explicit VR. */
    private boolean probeExplicitVr() throws IOException {
        if (src.fill(8) < 8) {
            return false;
        }
        byte[] b = src.buffer();
        int p = src.bufferPosition();
        return VR.ofCode((b[p + 4] & 0xFF) << 8 | (b[p + 5] & 0xFF)) != null && transferSyntax.explicitVR();
    }

    private Object readValue(int tag, VR vr, long length, int fragment) throws IOException {
        long at = src.position();
        if ((length & 1) != 0) {
            switch (options.oddLength()) {
                case FAIL -> throw malformed("odd value length " + length, at, tag);
                case NEXT_EVEN -> length++;
                case ACCEPT -> { }
            }
        }
        if (options.bulkHandler() != null && options.bulkData().isBulkData(itemDepth, tag, vr, length)) {
            if (src.lengthKnown() && length > src.remainingKnown()) {
                long present = src.remainingKnown();
                noteIrregularity("value of " + Tag.toString(tag) + " declares " + length
                        + " bytes but the input ends after " + present);
                length = present;
            }
            InputStream view = src.bounded(length);
            Object result = options.bulkHandler().handle(
                    new BulkDataHandler.Value(tag, vr, at, length, fragment, itemDepth, !inflating), view);
            view.close();
            long missing = ByteSource.unreadOf(view);
            if (missing > 0) {
                throw new TruncatedDicomException(missing, src.position(), tag);
            }
            if (result instanceof byte[] bytes && frames.bigEndian() && fragment < 0) {
                LittleEndian.swap(bytes, 0, bytes.length, vr.swapUnit());
            }
            return result;
        }
        if (length > ByteSource.MAX_ARRAY) {
            if (src.lengthKnown() && length > src.remainingKnown()) {
                throw new TruncatedDicomException(length - src.remainingKnown(), at, tag);
            }
            throw malformed("value of " + length + " bytes is too large to hold in memory;"
                    + " read it as bulk data", at, tag);
        }
        byte[] bytes = src.readValue((int) length);
        if (bytes == null) {
            throw new TruncatedDicomException(length - (src.position() - at), src.position(), tag);
        }
        if (frames.bigEndian() && fragment < 0) {
            LittleEndian.swap(bytes, 0, bytes.length, vr.swapUnit());
        }
        return bytes;
    }

    private VR dictionaryVr(int t) {
        if (Tag.isPrivate(t) && !Tag.isPrivateCreator(t)) {
            String creator = frames.creator(Tag.creatorTagOf(t));
            return creator == null ? VR.UN : dictionary.vrOf(t, creator);
        }
        VR found = dictionary.vrOf(t);
        if (found == VR.US && frames.pixelRepresentation() == 1 && signedWithPixelData(t)) {
            return VR.SS;
        }
        return found;
    }

    /**
     * True for the "US or SS" elements whose sign follows Pixel Representation (smallest and
     * largest pixel values, padding values...), as dcmtk decides; not the three-valued LUT
     * descriptors, whose first and third values are always unsigned.
     */
    private boolean signedWithPixelData(int t) {
        return dictionary.lookup(t).map(e -> e.vrs().contains(VR.SS) && !"3".equals(e.vm())).orElse(false);
    }

    private void rememberCreator(int creatorTag, byte[] raw) {
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == ' ' || raw[end - 1] == 0)) {
            end--;
        }
        frames.rememberCreator(creatorTag, new String(raw, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1).strip());
    }

    /** Keeps the zero padding after the data set (up to a limit) so it can be written back. */
    private void keepTrailing() throws IOException {
        long at = src.position();
        byte[] kept = new byte[MAX_TRAILING_KEPT];
        int n = src.read(kept, 0, kept.length);
        if (n == kept.length && !src.atEnd()) {
            long more = src.skip(Long.MAX_VALUE);
            LOG.warn("{} byte(s) after the data set at offset {} were skipped", n + more, at);
            trailing = null;
        } else {
            trailing = java.util.Arrays.copyOf(kept, n);
            LOG.debug("{} byte(s) of padding after the data set at offset {}", n, at);
        }
    }

    private static boolean allZero(byte[] b, int p, int n) {
        for (int i = 0; i < n; i++) {
            if (b[p + i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static MalformedDicomException malformed(String reason, long at, int tag) {
        return new MalformedDicomException(reason, at, tag);
    }

    private static int tagAt(byte[] b, int p, boolean big) {
        return big ? (uint16be(b, p) << 16 | uint16be(b, p + 2)) : (LittleEndian.uint16(b, p) << 16 | LittleEndian.uint16(b, p + 2));
    }

    private static int uint16be(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    private static int int32be(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }
}
