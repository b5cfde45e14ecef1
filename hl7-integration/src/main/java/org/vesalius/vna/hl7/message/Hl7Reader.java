package org.vesalius.vna.hl7.message;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.preparser.PreParser;
import ca.uhn.hl7v2.util.idgenerator.UUIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.component.hl7.HL7Charset;
import org.vesalius.vna.hl7.log.MessageKey;

/**
 * Reads received bytes into a HAPI message: the character set of MSH-18 (Camel's
 * {@link HL7Charset} table), the header with HAPI's critical-response reading, then the whole
 * message with HAPI's pipe parser into the v2.5.1 model, whatever version (2.3 to 2.8) it was sent
 * in. Segment terminators LF and CR LF, common in the field, are read as CR; a UTF-8 byte order
 * mark is skipped. HAPI's validation is off: real feeds break its strict rules every day, and
 * what the archive needs from a message is checked where it is used.
 *
 * <p>Thread-safe.
 */
public final class Hl7Reader {

    /** The versions read (MSH-12); others are rejected with 203. */
    public static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2");

    private final ModelClassFactory model = new CanonicalModelClassFactory("2.5.1");
    private final PipeParser parser;

    public Hl7Reader() {
        HapiContext context = new DefaultHapiContext(model);
        context.setValidationContext(ValidationContextFactory.noValidation());
        // HAPI's default numbers acknowledgements from a counter file in the working directory.
        context.getParserConfiguration().setIdGenerator(new UUIDGenerator());
        this.parser = context.getPipeParser();
    }

    /** The parser (v2.5.1 model), for encoding acknowledgements. */
    PipeParser parser() {
        return parser;
    }

    /**
     * The message as HAPI writes it again (its canonical form), or the text as received when it did
     * not parse: two senders' encodings of one message (trailing empty fields, escapes) compare equal.
     */
    public String canonical(Reading reading) {
        if (reading.message() != null) {
            try {
                return parser.encode(reading.message().message());
            } catch (HL7Exception | RuntimeException e) {
                // fall back to the text
            }
        }
        return reading.text();
    }

    /** The model every message is read into. */
    ModelClassFactory model() {
        return model;
    }

    /**
     * Reads {@code raw}. Never throws: a message that cannot be read is a {@link Reading} with a
     * refusal, and as much of its header as could be read (so that it can be acknowledged).
     */
    public Reading read(byte[] raw) {
        Charset charset = charsetOf(raw);
        String text = normalized(decode(raw, charset));
        if (!text.startsWith("MSH") || text.length() < 8) {
            return Reading.refused(text, charset, null, null, "", "", new Hl7Refusal(Hl7Refusal.Kind.REJECT,
                    ErrorCode.SEGMENT_SEQUENCE_ERROR, "the message does not start with an MSH segment"));
        }
        Segment header;
        try {
            header = parser.getCriticalResponseData(text);
        } catch (HL7Exception | RuntimeException e) {
            return Reading.refused(text, charset, null, null, "", "", new Hl7Refusal(Hl7Refusal.Kind.REJECT,
                    ErrorCode.SEGMENT_SEQUENCE_ERROR, "the MSH segment cannot be read: " + e.getMessage(), e));
        }
        String[] fields;
        try {
            fields = PreParser.getFields(text, "MSH-3", "MSH-4", "MSH-10", "MSH-9-1", "MSH-9-2", "MSH-12-1", "MSH-15");
        } catch (HL7Exception | RuntimeException e) {
            fields = new String[7];
        }
        String sendingApplication = value(fields[0]);
        String sendingFacility = value(fields[1]);
        String controlId = value(fields[2]);
        String type = value(fields[3]);
        String trigger = value(fields[4]);
        String version = value(fields[5]);
        String acceptAckType = value(fields[6]);
        String messageType = type + (trigger.isEmpty() ? "" : "^" + trigger);
        MessageKey key = controlId.isEmpty() ? null : new MessageKey(sendingApplication + "|" + sendingFacility, controlId);
        if (key == null) {
            return Reading.refused(text, charset, header, null, messageType, version, new Hl7Refusal(Hl7Refusal.Kind.REJECT,
                    ErrorCode.REQUIRED_FIELD_MISSING, "MSH-10 (message control ID) is empty"));
        }
        if (!VERSIONS.contains(version)) {
            return Reading.refused(text, charset, header, key, messageType, version, new Hl7Refusal(Hl7Refusal.Kind.REJECT,
                    ErrorCode.UNSUPPORTED_VERSION_ID, "version \"" + version + "\" (MSH-12) is not supported: 2.3 to 2.8 are"));
        }
        Message message;
        try {
            message = parser.parse(text);
        } catch (HL7Exception e) {
            ErrorCode code = e.getError() == null || e.getError() == ErrorCode.MESSAGE_ACCEPTED ? ErrorCode.DATA_TYPE_ERROR : e.getError();
            return Reading.refused(text, charset, header, key, messageType, version,
                    new Hl7Refusal(Hl7Refusal.Kind.ERROR, code, "the message cannot be parsed: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            return Reading.refused(text, charset, header, key, messageType, version, new Hl7Refusal(Hl7Refusal.Kind.ERROR,
                    ErrorCode.SEGMENT_SEQUENCE_ERROR, "the message cannot be parsed: " + e, e));
        }
        InboundMessage inbound = new InboundMessage(key, type, trigger, version, charset, acceptAckType, message);
        return new Reading(text, charset, header, key, messageType, version, inbound, null);
    }

    private static String value(String s) {
        return s == null ? "" : s.strip();
    }

    /**
     * True when the message names {@code patient} in its first PID-3: {@code ID} (any assigning
     * authority) or {@code ID^^^AUTHORITY}; false for a message without one or unreadable.
     */
    public static boolean namesPatient(byte[] raw, String patient) {
        String[] wanted = patient.split("\\^\\^\\^", 2);
        try {
            String[] fields = PreParser.getFields(normalizedText(raw), "PID-3-1", "PID-3-4-1");
            return fields[0] != null && fields[0].strip().equals(wanted[0].strip())
                    && (wanted.length == 1 || (fields[1] == null ? "" : fields[1].strip()).equals(wanted[1].strip()));
        } catch (HL7Exception | RuntimeException e) {
            return false;
        }
    }

    /** {@code raw} decoded in its character set, segments ended by CR, without byte order mark. */
    public static String normalizedText(byte[] raw) {
        return normalized(decode(raw, charsetOf(raw)));
    }

    /**
     * The character set MSH-18 names, read from the header (ASCII in every character set HL7
     * allows): Camel's table of HL7 names ({@link HL7Charset}), plus the DICOM-style names some
     * senders write ({@code ISO IR100}, {@code ISO IR192}, {@code ISO IR6}); Japanese ({@code ISO IR87},
     * {@code ISO IR159}, alone or as a repetition beside {@code ISO IR6}) is ISO 2022 with escape
     * sequences, as HL7 specifies. Undeclared or unknown: UTF-8 if the bytes are UTF-8, else ISO 8859-1.
     */
    public static Charset charsetOf(byte[] raw) {
        List<String> declared = declaredCharsets(raw);
        for (String name : declared) {
            if (name.equals("ISO IR87") || name.equals("ISO IR159")) {
                return Charset.forName("ISO-2022-JP");
            }
        }
        if (!declared.isEmpty()) {
            String name = declared.getFirst();
            Charset known = switch (name) {
                case "ISO IR100" -> StandardCharsets.ISO_8859_1;
                case "ISO IR192" -> StandardCharsets.UTF_8;
                case "ISO IR6" -> StandardCharsets.US_ASCII;
                default -> {
                    HL7Charset hl7 = HL7Charset.getHL7Charset(name);
                    yield hl7 == null || !Charset.isSupported(hl7.getJavaCharsetName()) ? null : Charset.forName(hl7.getJavaCharsetName());
                }
            };
            if (known != null) {
                return known;
            }
        }
        return isUtf8(raw) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    /** The repetitions of MSH-18, read from the header alone. */
    private static List<String> declaredCharsets(byte[] raw) {
        int start = raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF ? 3 : 0;
        int end = start;
        while (end < raw.length && raw[end] != '\r' && raw[end] != '\n') {
            end++;
        }
        String header = new String(raw, start, end - start, StandardCharsets.ISO_8859_1);
        List<String> names = new ArrayList<>();
        try {
            for (String value : PreParser.getFields(header + "\r", "MSH-18(0)", "MSH-18(1)", "MSH-18(2)")) {
                if (value != null && !value.isBlank()) {
                    names.add(value.strip());
                }
            }
        } catch (HL7Exception | RuntimeException e) {
            // an unreadable header: undeclared
        }
        return names;
    }

    private static boolean isUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String decode(byte[] raw, Charset charset) {
        int start = raw.length >= 3 && (raw[0] & 0xFF) == 0xEF && (raw[1] & 0xFF) == 0xBB && (raw[2] & 0xFF) == 0xBF ? 3 : 0;
        return new String(raw, start, raw.length - start, charset);
    }

    /** Segments ended by CR only, nothing after the last. */
    static String normalized(String text) {
        String s = text.indexOf('\n') < 0 ? text : text.replace("\r\n", "\r").replace('\n', '\r');
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\u0000')) {
            end--;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(s.charAt(start))) {
            start++;
        }
        return s.substring(start, end);
    }
}
