package org.vesalius.dicom.data;

import java.nio.charset.CharsetEncoder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes one value field with ISO 2022 escape sequences (PS3.5 6.1.2.5).
 *
 * <p>A character goes out through the code element currently in G0 or G1 when it can; else
 * the first code element in (0008,0005) order that can encode it is designated. Before each
 * delimiter and at the end of the value the designations of the first value are restored,
 * emitting their escape sequences, as PS3.5 6.1.2.5.3 requires; a G1 element cannot be
 * undesignated, so when the first value leaves G1 empty the next use simply re-designates,
 * as in the Korean example of PS3.5 Annex I. Characters no element can encode become
 * {@code ?} and set {@link #unmappable()}. One instance encodes one value; not thread-safe.
 */
final class Iso2022Encoder {

    private final CodeElement initialG0;
    private final CodeElement initialG1;
    private final List<CodeElement> elements;
    private final VR vr;
    private final Map<CodeElement, CharsetEncoder> encoders = new EnumMap<>(CodeElement.class);
    private byte[] buf;
    private int size;
    private CodeElement g0;
    private CodeElement g1;
    private boolean unmappable;

    Iso2022Encoder(CodeElement initialG0, CodeElement initialG1, List<CodeElement> elements, VR vr) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.elements = elements;
        this.vr = vr;
    }

    byte[] encode(String value) {
        buf = new byte[value.length() * 2 + 8];
        size = 0;
        g0 = initialG0;
        g1 = initialG1;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80 && SpecificCharacterSet.resetsDesignations(cp, vr)) {
                restoreInitial();
                write((byte) cp);
            } else if (!tryWrite(g0, cp) && !tryWrite(g1, cp)) {
                designateAndWrite(cp);
            }
        }
        restoreInitial();
        return Arrays.copyOf(buf, size);
    }

    /** True when some characters could not be encoded and were written as {@code ?}. */
    boolean unmappable() {
        return unmappable;
    }

    private void designateAndWrite(int cp) {
        for (CodeElement element : elements) {
            byte[] bytes = element.encode(cp, encoderFor(element));
            if (bytes != null) {
                if (element.area() == CodeElement.Area.G0) {
                    g0 = element;
                } else {
                    g1 = element;
                }
                write(element.escape());
                write(bytes);
                return;
            }
        }
        unmappable = true;
        if (g0.width() != 1) {
            designateG0(initialG0);
        }
        write((byte) '?');
    }

    private boolean tryWrite(CodeElement element, int cp) {
        if (element == null) {
            return false;
        }
        byte[] bytes = element.encode(cp, encoderFor(element));
        if (bytes == null) {
            return false;
        }
        write(bytes);
        return true;
    }

    private void restoreInitial() {
        if (g0 != initialG0) {
            designateG0(initialG0);
        }
        if (g1 != initialG1) {
            if (initialG1 != null) {
                write(initialG1.escape());
            }
            g1 = initialG1;
        }
    }

    private void designateG0(CodeElement element) {
        write(element.escape());
        g0 = element;
    }

    private CharsetEncoder encoderFor(CodeElement element) {
        if (element.width() == 1) {
            return null;
        }
        return encoders.computeIfAbsent(element, CodeElement::newEncoder);
    }

    private void write(byte b) {
        ensure(1);
        buf[size++] = b;
    }

    private void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
