package org.vesalius.vna.archive.api.failure;

/**
 * The kinds of failure the archive reports to its edges, each with a stable code (as HAPI's
 * {@code Msg.code}): the code goes into logs, problem documents, OperationOutcomes and
 * acknowledgements unchanged, so a message can be matched to its cause whatever the protocol.
 * Codes are never reused or renamed.
 *
 * <p>Each kind is mapped once per protocol. DIMSE ({@code archive.dimse.DimseFailures}), HTTP
 * ({@link HttpFailure}) and FHIR ({@code fhir.Failures}) have their mappers beside their edges;
 * HL7 v2 and SOAP, whose modules are still to come, have theirs here:
 *
 * <table>
 *   <caption>Failure kinds and their protocol terms</caption>
 *   <tr><th>kind</th><th>code</th><th>HTTP</th><th>HL7 v2 ERR-3 (table 0357) / MSA-1</th><th>SOAP 1.2 fault code</th></tr>
 *   <tr><td>{@link #NOT_FOUND}</td><td>VNA-NOT-FOUND</td><td>404</td><td>204 Unknown key identifier / AE</td><td>env:Sender</td></tr>
 *   <tr><td>{@link #INVALID_REQUEST}</td><td>VNA-INVALID-REQUEST</td><td>400 (416 for {@code Range})</td><td>102 Data type error / AE</td><td>env:Sender</td></tr>
 *   <tr><td>{@link #CONFLICT}</td><td>VNA-CONFLICT</td><td>409</td><td>205 Duplicate key identifier / AE</td><td>env:Sender</td></tr>
 *   <tr><td>{@link #UNAVAILABLE}</td><td>VNA-UNAVAILABLE</td><td>503 + Retry-After</td><td>207 Application internal error / AR</td><td>env:Receiver</td></tr>
 *   <tr><td>{@link #REFUSED}</td><td>VNA-REFUSED</td><td>403</td><td>207 Application internal error / AR</td><td>env:Sender</td></tr>
 *   <tr><td>{@link #TOO_LARGE}</td><td>VNA-TOO-LARGE</td><td>413</td><td>207 Application internal error / AE</td><td>env:Sender</td></tr>
 *   <tr><td>{@link #UNSUPPORTED}</td><td>VNA-UNSUPPORTED</td><td>406 (415 for {@code Content-Type})</td><td>200 Unsupported message type / AR</td><td>env:Sender</td></tr>
 * </table>
 *
 * <p>HL7: MSA-1 {@code AE} (application error) says the message was understood and something in
 * it is wrong, so resending it unchanged will fail again; {@code AR} (application reject) says it
 * was refused for reasons that are not its content (the archive is down, the sender is not
 * allowed, the message type is not handled). An HL7 edge that knows more about an invalid
 * message may answer a more precise 0357 code (100 segment sequence, 101 required field
 * missing, 103 table value not found) with the same MSA-1. SOAP: {@code env:Sender} when the
 * message itself is the cause, {@code env:Receiver} when the archive is (SOAP 1.2 Part 1, 5.4.6);
 * the kind's code goes into the fault's Subcode.
 */
public enum FailureKind {

    /** The archive holds no such thing (study, series, instance, frame, patient). */
    NOT_FOUND("VNA-NOT-FOUND", 204, "AE", "env:Sender"),
    /** The request cannot be run as asked; the exception names the parameter at fault. */
    INVALID_REQUEST("VNA-INVALID-REQUEST", 102, "AE", "env:Sender"),
    /** The request contradicts what the archive holds (other content under the same UID, another build running). */
    CONFLICT("VNA-CONFLICT", 205, "AE", "env:Sender"),
    /** A part of the archive cannot answer now (index, blob store); the same request may succeed later. */
    UNAVAILABLE("VNA-UNAVAILABLE", 207, "AR", "env:Receiver"),
    /** A policy of the archive does not allow it for this caller (not authorized, a refused source). */
    REFUSED("VNA-REFUSED", 207, "AR", "env:Sender"),
    /** More than the archive takes in one request (a body, a header, a result window). */
    TOO_LARGE("VNA-TOO-LARGE", 207, "AE", "env:Sender"),
    /** Something the archive does not do (a media type, a transfer syntax, a feature). */
    UNSUPPORTED("VNA-UNSUPPORTED", 200, "AR", "env:Sender");

    private final String code;
    private final int hl7ErrorCode;
    private final String hl7AcknowledgmentCode;
    private final String soapFaultCode;

    FailureKind(String code, int hl7ErrorCode, String hl7AcknowledgmentCode, String soapFaultCode) {
        this.code = code;
        this.hl7ErrorCode = hl7ErrorCode;
        this.hl7AcknowledgmentCode = hl7AcknowledgmentCode;
        this.soapFaultCode = soapFaultCode;
    }

    /** The stable code, e.g. {@code VNA-NOT-FOUND}. */
    public String code() {
        return code;
    }

    /** HL7 v2 ERR-3 HL7 Error Code (HL7 table 0357), e.g. 204 Unknown key identifier. */
    public int hl7ErrorCode() {
        return hl7ErrorCode;
    }

    /** HL7 v2 MSA-1 Acknowledgment Code in original mode: {@code AE} or {@code AR}. */
    public String hl7AcknowledgmentCode() {
        return hl7AcknowledgmentCode;
    }

    /** SOAP 1.2 fault code value: {@code env:Sender} or {@code env:Receiver}. */
    public String soapFaultCode() {
        return soapFaultCode;
    }
}
