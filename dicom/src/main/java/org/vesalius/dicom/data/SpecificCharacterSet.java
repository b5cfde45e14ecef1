package org.vesalius.dicom.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Placeholder with the final API; replaced by the full implementation (ISO 2022 and all defined
 * terms).
 */
public final class SpecificCharacterSet {

    public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(List.of(""), StandardCharsets.US_ASCII);

    private final List<String> terms;
    private final Charset charset;

    private SpecificCharacterSet(List<String> terms, Charset charset) {
        this.terms = terms;
        this.charset = charset;
    }

    public static SpecificCharacterSet of(String... values) {
        if (values.length == 0) {
            return ASCII;
        }
        String t = values[0].strip();
        Charset cs = switch (t) {
            case "ISO_IR 192" -> StandardCharsets.UTF_8;
            case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
            default -> StandardCharsets.ISO_8859_1;
        };
        return new SpecificCharacterSet(List.of(values), cs);
    }

    public String decode(byte[] bytes, int offset, int length, VR vr) {
        return new String(bytes, offset, length, vr.usesSpecificCharacterSet() ? charset : StandardCharsets.ISO_8859_1);
    }

    public byte[] encode(String value, VR vr) {
        return value.getBytes(vr.usesSpecificCharacterSet() ? charset : StandardCharsets.ISO_8859_1);
    }

    public List<String> definedTerms() {
        return terms;
    }
}
