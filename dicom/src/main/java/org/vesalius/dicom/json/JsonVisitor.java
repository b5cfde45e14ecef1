package org.vesalius.dicom.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/** Writes the elements it visits as DICOM JSON (PS3.18 F.2) attribute objects. */
final class JsonVisitor implements DatasetVisitor {

    /** Integers beyond ±(2^53 - 1) lose precision as JSON numbers in most parsers: they become strings. */
    private static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    private static final String[] GROUP_NAMES = {"Alphabetic", "Ideographic", "Phonetic"};

    private final JsonGenerator gen;
    private final WriteOptions options;
    private final BulkDataChoice bulk;
    private final Position position = new Position();
    // Per open sequence: whether its "Value" array was started (it is not for an empty sequence).
    private boolean[] valueOpen = new boolean[16];

    JsonVisitor(JsonGenerator gen, WriteOptions options) {
        this.gen = gen;
        this.options = options;
        this.bulk = new BulkDataChoice(options);
    }

    @Override
    public void element(int tag, VR vr, Object value, SpecificCharacterSet charset, String privateCreator)
            throws IOException {
        if (Tag.isGroupLength(tag) && !options.includeGroupLengths()) {
            return;
        }
        // Bytes under SQ cannot be items: show them for what they are.
        VR shown = vr == VR.SQ ? VR.UN : vr;
        gen.writeFieldName(Tag.toHexString(tag));
        gen.writeStartObject();
        gen.writeStringField("vr", shown.name());
        String uri = bulk.uriOf(position, tag, shown, value);
        if (uri != null) {
            gen.writeStringField("BulkDataURI", uri);
        } else if (value instanceof byte[] raw && raw.length > 0) {
            writeValue(shown, raw, charset);
        }
        gen.writeEndObject();
    }

    private void writeValue(VR vr, byte[] raw, SpecificCharacterSet charset) throws IOException {
        switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> {
                gen.writeFieldName("InlineBinary");
                gen.writeBinary(raw);
            }
            case AT, US, SS, UL, SL, FL, FD, UV, SV -> writeNumbers(vr, raw);
            default -> writeStrings(vr, ValueText.split(charset.decode(raw, 0, raw.length, vr), vr));
        }
    }

    private void writeNumbers(VR vr, byte[] raw) throws IOException {
        int width = vr.bytesPerValue();
        int count = raw.length / width;
        if (count == 0) {
            return;
        }
        gen.writeArrayFieldStart("Value");
        for (int i = 0; i < count; i++) {
            int at = i * width;
            switch (vr) {
                case AT -> gen.writeString(Tag.toHexString(LittleEndian.tag(raw, at)));
                case US -> gen.writeNumber(LittleEndian.uint16(raw, at));
                case SS -> gen.writeNumber((short) LittleEndian.uint16(raw, at));
                case UL -> gen.writeNumber(LittleEndian.int32(raw, at) & 0xFFFFFFFFL);
                case SL -> gen.writeNumber(LittleEndian.int32(raw, at));
                case FL -> writeFloating(Float.intBitsToFloat(LittleEndian.int32(raw, at)));
                case FD -> writeFloating(Double.longBitsToDouble(LittleEndian.int64(raw, at)));
                case UV -> {
                    long v = LittleEndian.int64(raw, at);
                    if (v >= 0 && v <= MAX_SAFE_INTEGER) {
                        gen.writeNumber(v);
                    } else {
                        gen.writeString(Long.toUnsignedString(v));
                    }
                }
                case SV -> {
                    long v = LittleEndian.int64(raw, at);
                    if (v >= -MAX_SAFE_INTEGER && v <= MAX_SAFE_INTEGER) {
                        gen.writeNumber(v);
                    } else {
                        gen.writeString(Long.toString(v));
                    }
                }
                default -> throw new IllegalStateException(vr.name());
            }
        }
        gen.writeEndArray();
    }

    /** JSON has no NaN or infinities: they are written as the strings "NaN", "Infinity", "-Infinity". */
    private void writeFloating(float f) throws IOException {
        if (Math.abs(f) < Float.MIN_NORMAL && f != 0) {
            // The shortest text of a subnormal float ("1.4E-45") is far from its value as a double.
            gen.writeNumber((double) f);
        } else if (Float.isFinite(f)) {
            gen.writeNumber(f);
        } else {
            gen.writeString(Float.toString(f));
        }
    }

    private void writeFloating(double d) throws IOException {
        if (Double.isFinite(d)) {
            gen.writeNumber(d);
        } else {
            gen.writeString(Double.toString(d));
        }
    }

    private void writeStrings(VR vr, String[] values) throws IOException {
        if (values.length == 0) {
            return;
        }
        gen.writeArrayFieldStart("Value");
        for (String value : values) {
            if (value == null) {
                gen.writeNull();
            } else if (vr == VR.PN) {
                writePersonName(value);
            } else if ((vr == VR.DS || vr == VR.IS) && options.numberMode() == NumberMode.NUMBER) {
                String number = ValueText.jsonNumber(value, vr);
                if (number != null) {
                    gen.writeNumber(number);
                } else {
                    gen.writeString(ValueText.wellFormed(value));
                }
            } else {
                gen.writeString(ValueText.wellFormed(value));
            }
        }
        gen.writeEndArray();
    }

    private void writePersonName(String value) throws IOException {
        String[] groups = ValueText.personNameGroups(value);
        if (groups[0].isEmpty() && groups[1].isEmpty() && groups[2].isEmpty()) {
            gen.writeNull();
            return;
        }
        gen.writeStartObject();
        for (int g = 0; g < 3; g++) {
            if (!groups[g].isEmpty()) {
                gen.writeStringField(GROUP_NAMES[g], ValueText.wellFormed(groups[g]));
            }
        }
        gen.writeEndObject();
    }

    @Override
    public void startSequence(int tag, String privateCreator) throws IOException {
        gen.writeFieldName(Tag.toHexString(tag));
        gen.writeStartObject();
        gen.writeStringField("vr", VR.SQ.name());
        position.enterSequence(tag);
        if (position.depth() >= valueOpen.length) {
            valueOpen = Arrays.copyOf(valueOpen, valueOpen.length * 2);
        }
        valueOpen[position.depth()] = false;
    }

    @Override
    public void startItem() throws IOException {
        if (!valueOpen[position.depth()]) {
            gen.writeArrayFieldStart("Value");
            valueOpen[position.depth()] = true;
        }
        position.nextItem();
        gen.writeStartObject();
    }

    @Override
    public void endItem() throws IOException {
        gen.writeEndObject();
    }

    @Override
    public void endSequence() throws IOException {
        if (valueOpen[position.depth()]) {
            gen.writeEndArray();
        }
        gen.writeEndObject();
        position.exitSequence();
    }

    @Override
    public void fragments(int tag, VR vr, List<Object> items, String privateCreator) throws IOException {
        gen.writeFieldName(Tag.toHexString(tag));
        gen.writeStartObject();
        gen.writeStringField("vr", vr.name());
        String uri = bulk.uriOfFragments(position, tag, items);
        if (uri != null) {
            gen.writeStringField("BulkDataURI", uri);
        } else {
            gen.writeFieldName("InlineBinary");
            gen.writeBinary(Encapsulated.itemsWithHeaders(items));
        }
        gen.writeEndObject();
    }
}
