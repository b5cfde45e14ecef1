package org.vesalius.dicom.json;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/** Writes the elements it visits as PS3.19 Native DICOM Model {@code DicomAttribute}s. */
final class XmlVisitor implements DatasetVisitor {

    private static final String[] GROUP_NAMES = {"Alphabetic", "Ideographic", "Phonetic"};
    private static final String[] COMPONENT_NAMES = {"FamilyName", "GivenName", "MiddleName", "NamePrefix", "NameSuffix"};

    private final XMLStreamWriter xml;
    private final WriteOptions options;
    private final BulkDataChoice bulk;
    private final Position position = new Position();
    private final ElementDictionary dictionary = ElementDictionary.standard();

    XmlVisitor(XMLStreamWriter xml, WriteOptions options) {
        this.xml = xml;
        this.options = options;
        this.bulk = new BulkDataChoice(options);
    }

    @Override
    public void element(int tag, VR vr, Object value, SpecificCharacterSet charset, String privateCreator)
            throws IOException {
        if (Tag.isGroupLength(tag) && !options.includeGroupLengths()) {
            return;
        }
        VR shown = vr == VR.SQ ? VR.UN : vr;
        try {
            startAttribute(tag, shown, privateCreator);
            String uri = bulk.uriOf(position, tag, shown, value);
            if (uri != null) {
                bulkData(uri);
            } else if (value instanceof byte[] raw && raw.length > 0) {
                writeValue(shown, raw, charset);
            }
            endElement();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void startAttribute(int tag, VR vr, String privateCreator) throws XMLStreamException {
        xml.writeStartElement("DicomAttribute");
        boolean creatorKnown = privateCreator != null && !privateCreator.isEmpty();
        // PS3.19 A.1: a private element names its creator, and its tag loses the block number.
        int shownTag = creatorKnown ? tag & 0xFFFF00FF : tag;
        xml.writeAttribute("tag", Tag.toHexString(shownTag));
        xml.writeAttribute("vr", vr.name());
        String keyword = Tag.isPrivate(tag) ? "" : dictionary.keywordOf(tag);
        if (keyword != null && !keyword.isEmpty()) {
            xml.writeAttribute("keyword", keyword);
        }
        if (creatorKnown) {
            xml.writeAttribute("privateCreator", XmlText.clean(privateCreator));
        }
        xml.writeCharacters("\n");
    }

    private void writeValue(VR vr, byte[] raw, SpecificCharacterSet charset) throws XMLStreamException {
        switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> inlineBinary(raw);
            case AT, US, SS, UL, SL, FL, FD, UV, SV -> {
                int width = vr.bytesPerValue();
                for (int i = 0; i < raw.length / width; i++) {
                    value(i + 1, number(vr, raw, i * width));
                }
            }
            default -> {
                String[] values = ValueText.split(charset.decode(raw, 0, raw.length, vr), vr);
                for (int i = 0; i < values.length; i++) {
                    if (vr == VR.PN && values[i] != null) {
                        personName(i + 1, values[i]);
                    } else {
                        value(i + 1, values[i]);
                    }
                }
            }
        }
    }

    private static String number(VR vr, byte[] raw, int at) {
        return switch (vr) {
            case AT -> Tag.toHexString(LittleEndian.tag(raw, at));
            case US -> Integer.toString(LittleEndian.uint16(raw, at));
            case SS -> Integer.toString((short) LittleEndian.uint16(raw, at));
            case UL -> Long.toString(LittleEndian.int32(raw, at) & 0xFFFFFFFFL);
            case SL -> Integer.toString(LittleEndian.int32(raw, at));
            case FL -> XmlText.floating(Float.intBitsToFloat(LittleEndian.int32(raw, at)));
            case FD -> XmlText.floating(Double.longBitsToDouble(LittleEndian.int64(raw, at)));
            case UV -> Long.toUnsignedString(LittleEndian.int64(raw, at));
            case SV -> Long.toString(LittleEndian.int64(raw, at));
            default -> throw new IllegalStateException(vr.name());
        };
    }

    private void value(int number, String text) throws XMLStreamException {
        if (text == null) {
            xml.writeEmptyElement("Value");
            xml.writeAttribute("number", Integer.toString(number));
        } else {
            xml.writeStartElement("Value");
            xml.writeAttribute("number", Integer.toString(number));
            text(text);
            xml.writeEndElement();
        }
        xml.writeCharacters("\n");
    }

    private void personName(int number, String value) throws XMLStreamException {
        xml.writeStartElement("PersonName");
        xml.writeAttribute("number", Integer.toString(number));
        xml.writeCharacters("\n");
        String[] groups = ValueText.personNameGroups(value);
        for (int g = 0; g < 3; g++) {
            if (groups[g].isEmpty()) {
                continue;
            }
            xml.writeStartElement(GROUP_NAMES[g]);
            xml.writeCharacters("\n");
            String[] components = groups[g].split("\\^", 5);
            for (int c = 0; c < components.length; c++) {
                String component = ValueText.trimTrailing(components[c]);
                if (!component.isEmpty()) {
                    xml.writeStartElement(COMPONENT_NAMES[c]);
                    text(component);
                    endElement();
                }
            }
            endElement();
        }
        endElement();
    }

    /**
     * Text content. A CR is written as a character reference: XML parsers turn a literal CR (and
     * CR LF) into LF, and LT, ST and UT values keep their line ends.
     */
    private void text(String value) throws XMLStreamException {
        String clean = XmlText.clean(value);
        int start = 0;
        for (int cr = clean.indexOf('\r'); cr >= 0; cr = clean.indexOf('\r', start)) {
            xml.writeCharacters(clean.substring(start, cr));
            xml.writeEntityRef("#13");
            start = cr + 1;
        }
        xml.writeCharacters(clean.substring(start));
    }

    private void inlineBinary(byte[] bytes) throws XMLStreamException {
        xml.writeStartElement("InlineBinary");
        xml.writeCharacters(Base64.getEncoder().encodeToString(bytes));
        endElement();
    }

    private void bulkData(String uri) throws XMLStreamException {
        xml.writeEmptyElement("BulkData");
        xml.writeAttribute("uri", XmlText.clean(uri));
        xml.writeCharacters("\n");
    }

    private void endElement() throws XMLStreamException {
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    @Override
    public void startSequence(int tag, String privateCreator) throws IOException {
        try {
            startAttribute(tag, VR.SQ, privateCreator);
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
        position.enterSequence(tag);
    }

    @Override
    public void startItem() throws IOException {
        int index = position.nextItem();
        try {
            xml.writeStartElement("Item");
            xml.writeAttribute("number", Integer.toString(index + 1));
            xml.writeCharacters("\n");
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void endItem() throws IOException {
        try {
            endElement();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void endSequence() throws IOException {
        position.exitSequence();
        try {
            endElement();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void fragments(int tag, VR vr, List<Object> items, String privateCreator) throws IOException {
        try {
            startAttribute(tag, vr, privateCreator);
            String uri = bulk.uriOfFragments(position, tag, items);
            if (uri != null) {
                bulkData(uri);
            } else {
                inlineBinary(Encapsulated.itemsWithHeaders(items));
            }
            endElement();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
