package org.vesalius.vna.hl7.message;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Severity;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.Terser;
import java.io.IOException;

/**
 * Acknowledgements, built by HAPI: MSA-1 AA, AE or AR (CA, CE, CR when the sender asked for
 * enhanced mode with MSH-15), MSA-2 the message's control ID, and for a refusal an ERR segment with
 * its HL7 table 0357 code (ERR-3), severity (ERR-4) and the reason (ERR-8). A message whose header
 * could not be read still gets an answer, with what was readable.
 */
public final class Acknowledgements {

    /** An acknowledgement: MSA-1 and the bytes to send (without MLLP framing). */
    public record Ack(String code, byte[] bytes) {
    }

    private final PipeParser parser;
    private final ModelClassFactory model;

    public Acknowledgements(Hl7Reader reader) {
        this.parser = reader.parser();
        this.model = reader.model();
    }

    /** The message was accepted (and applied). */
    public Ack accepted(Reading reading) {
        boolean enhanced = reading.message() != null && reading.message().enhancedMode();
        return build(reading, enhanced ? AcknowledgmentCode.CA : AcknowledgmentCode.AA, null);
    }

    /** The message was refused for {@code refusal}. */
    public Ack refused(Reading reading, Hl7Refusal refusal) {
        boolean enhanced = reading.message() != null && reading.message().enhancedMode();
        AcknowledgmentCode code = refusal.kind() == Hl7Refusal.Kind.REJECT
                ? (enhanced ? AcknowledgmentCode.CR : AcknowledgmentCode.AR)
                : (enhanced ? AcknowledgmentCode.CE : AcknowledgmentCode.AE);
        HL7Exception error = new HL7Exception(oneLine(refusal.getMessage()), refusal.code());
        error.setSeverity(Severity.ERROR);
        return build(reading, code, error);
    }

    private Ack build(Reading reading, AcknowledgmentCode code, HL7Exception error) {
        Message ack;
        try {
            if (reading.message() != null) {
                ack = reading.message().message().generateACK(code, error);
            } else {
                ack = fromHeader(reading, code, error);
            }
            return new Ack(code.name(), parser.encode(ack).getBytes(reading.charset()));
        } catch (HL7Exception | IOException | RuntimeException e) {
            return new Ack(code.name(), minimal(reading, code, error).getBytes(reading.charset()));
        }
    }

    /**
     * An acknowledgement from the header alone (the message itself could not be parsed): the MSH
     * segment read into a stand-in message, whose acknowledgement HAPI builds as for any other; with
     * no readable header, a fresh ACK with an empty MSA-2.
     */
    private Message fromHeader(Reading reading, AcknowledgmentCode code, HL7Exception error) throws HL7Exception, IOException {
        if (reading.header() != null) {
            try {
                GenericMessage standIn = new GenericMessage.V251(model);
                standIn.setParser(parser);
                String msh = reading.text().split("\r", 2)[0];
                parser.parse((Segment) standIn.get("MSH"), msh, encodingOf(msh));
                return standIn.generateACK(code, error);
            } catch (HL7Exception | IOException | RuntimeException e) {
                // fall through: an answer without the sender's header fields
            }
        }
        ACK fresh = new ACK(model);
        fresh.setParser(parser);
        fresh.initQuickstart("ACK", "", "P");
        if (error == null) {
            new Terser(fresh).set("/MSA-1", code.name());
        } else {
            error.populateResponse(fresh, code, 0);
        }
        if (reading.key() != null) {
            fresh.getMSA().getMessageControlID().setValue(reading.key().controlId());
        }
        return fresh;
    }

    /** MSH-1 and MSH-2 of {@code msh}, the header segment's text. */
    private static EncodingCharacters encodingOf(String msh) {
        char fieldSeparator = msh.charAt(3);
        int end = msh.indexOf(fieldSeparator, 4);
        return new EncodingCharacters(fieldSeparator, msh.substring(4, end < 0 ? msh.length() : end));
    }

    /** The last resort when HAPI cannot build an answer: MSH, MSA and ERR by hand, v2.5.1. */
    private static String minimal(Reading reading, AcknowledgmentCode code, HL7Exception error) {
        String controlId = reading.key() == null ? "" : clean(reading.key().controlId());
        StringBuilder ack = new StringBuilder("MSH|^~\\&|||||||ACK|").append(System.currentTimeMillis()).append("|P|2.5.1\r")
                .append("MSA|").append(code.name()).append('|').append(controlId).append('\r');
        if (error != null) {
            ErrorCode errorCode = error.getError();
            ack.append("ERR|||").append(errorCode.getCode()).append('^').append(errorCode.getMessage()).append("^HL70357|E\r");
        }
        return ack.toString();
    }

    private static String clean(String s) {
        return s.replaceAll("[|^~\\\\&\r\n]", " ");
    }

    private static String oneLine(String s) {
        String text = s == null ? "" : s.replaceAll("[\r\n]+", " ");
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
