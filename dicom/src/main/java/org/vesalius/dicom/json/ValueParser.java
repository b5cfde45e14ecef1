package org.vesalius.dicom.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * Turns the elements of a {@code "Value"} array into a value field: the joined text of string
 * VRs (encoded later, once the character set is known) or the little-endian bytes of binary ones.
 * The parser stands on the array's START_ARRAY; each method consumes up to its END_ARRAY.
 */
final class ValueParser {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final String[] GROUP_NAMES = {"Alphabetic", "Ideographic", "Phonetic"};

    private final DatasetParser owner;

    ValueParser(DatasetParser owner) {
        this.owner = owner;
    }

    /** The values of a string VR joined with backslashes; null array elements are empty values. */
    String text(JsonParser p, VR vr) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (!first) {
                sb.append('\\');
            }
            first = false;
            switch (t) {
                case VALUE_NULL -> { }
                case VALUE_STRING -> sb.append(p.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (vr != VR.DS && vr != VR.IS) {
                        throw owner.fail("a number is not a valid " + vr + " value");
                    }
                    sb.append(p.getText()); // as written, so nothing is rounded
                }
                case START_OBJECT -> {
                    if (vr != VR.PN) {
                        throw owner.fail("an object is not a valid " + vr + " value");
                    }
                    sb.append(personName(p));
                }
                default -> throw owner.fail("unexpected " + describe(t) + " in the Value of a " + vr);
            }
        }
        return sb.toString();
    }

    /** A PN object: its groups joined with '=', trailing empty groups left out. */
    private String personName(JsonParser p) throws IOException {
        String[] groups = {"", "", ""};
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int g = indexOf(name);
            if (g < 0) {
                p.skipChildren(); // not a component group: ignored
                continue;
            }
            if (v == JsonToken.VALUE_STRING) {
                groups[g] = p.getText();
            } else if (v != JsonToken.VALUE_NULL) {
                throw owner.fail("person name group " + name + " must be a string, found " + describe(v));
            }
        }
        int last = !groups[2].isEmpty() ? 2 : !groups[1].isEmpty() ? 1 : 0;
        return switch (last) {
            case 2 -> groups[0] + '=' + groups[1] + '=' + groups[2];
            case 1 -> groups[0] + '=' + groups[1];
            default -> groups[0];
        };
    }

    private static int indexOf(String groupName) {
        for (int i = 0; i < GROUP_NAMES.length; i++) {
            if (GROUP_NAMES[i].equals(groupName)) {
                return i;
            }
        }
        return -1;
    }

    /** The values of AT, US, SS, UL, SL, UV, SV, FL or FD as little-endian bytes; nulls are left out. */
    byte[] numbers(JsonParser p, VR vr) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] one = new byte[8];
        int width = vr.bytesPerValue();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_NULL) {
                continue; // a binary number cannot be empty: left out rather than made up
            }
            switch (vr) {
                case AT -> LittleEndian.putTag(one, 0, tag(p, t));
                case FL -> LittleEndian.put(one, 0, 4, Float.floatToRawIntBits((float) floating(p, t, vr)));
                case FD -> LittleEndian.put(one, 0, 8, Double.doubleToRawLongBits(floating(p, t, vr)));
                default -> LittleEndian.put(one, 0, width, integer(p, t, vr));
            }
            out.write(one, 0, width);
        }
        return out.toByteArray();
    }

    private int tag(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw owner.fail("an AT value must be a string of 8 hex digits, found " + describe(t));
        }
        String text = p.getText();
        if (!isTagKey(text)) {
            throw owner.fail("'" + text + "' is not an AT value (8 hex digits)");
        }
        return Tag.parse(text);
    }

    private long integer(JsonParser p, JsonToken t, VR vr) throws IOException {
        BigInteger value;
        try {
            value = switch (t) {
                case VALUE_NUMBER_INT -> p.getBigIntegerValue();
                case VALUE_NUMBER_FLOAT -> p.getDecimalValue().toBigIntegerExact();
                case VALUE_STRING -> new BigInteger(p.getText().strip());
                default -> throw owner.fail("a " + vr + " value must be a number, found " + describe(t));
            };
        } catch (ArithmeticException | NumberFormatException e) {
            throw owner.fail("'" + p.getText() + "' is not an integer");
        }
        BigInteger min = switch (vr) {
            case SS -> BigInteger.valueOf(Short.MIN_VALUE);
            case SL -> BigInteger.valueOf(Integer.MIN_VALUE);
            case SV -> BigInteger.valueOf(Long.MIN_VALUE);
            default -> BigInteger.ZERO;
        };
        BigInteger max = switch (vr) {
            case US -> BigInteger.valueOf(0xFFFF);
            case SS -> BigInteger.valueOf(Short.MAX_VALUE);
            case UL -> BigInteger.valueOf(0xFFFFFFFFL);
            case SL -> BigInteger.valueOf(Integer.MAX_VALUE);
            case SV -> BigInteger.valueOf(Long.MAX_VALUE);
            default -> UINT64_MAX;
        };
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw owner.fail(value + " is out of range for " + vr);
        }
        return value.longValue(); // for UV above 2^63: the same 64 bits
    }

    private double floating(JsonParser p, JsonToken t, VR vr) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_STRING -> {
                // The writer's spelling of what JSON numbers cannot hold, plus xs:double's.
                String s = p.getText().strip();
                switch (s) {
                    case "NaN" -> {
                        return Double.NaN;
                    }
                    case "Infinity", "+Infinity", "INF" -> {
                        return Double.POSITIVE_INFINITY;
                    }
                    case "-Infinity", "-INF" -> {
                        return Double.NEGATIVE_INFINITY;
                    }
                    default -> {
                        try {
                            return Double.parseDouble(s);
                        } catch (NumberFormatException e) {
                            throw owner.fail("'" + s + "' is not a " + vr + " value");
                        }
                    }
                }
            }
            default -> throw owner.fail("a " + vr + " value must be a number, found " + describe(t));
        }
    }

    /** True for exactly eight hex digits, the form of tag keys and AT values. */
    static boolean isTagKey(String s) {
        if (s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> String.valueOf(t);
        };
    }
}
