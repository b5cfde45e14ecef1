package org.vesalius.dicom.net.ul.pdu;

/**
 * A-ASSOCIATE-RJ (PS3.8 9.3.4): the acceptor's refusal, as the standard's (result, source,
 * reason/diag.) triple of Table 9-21. {@link #toString()} spells the triple out.
 *
 * @param result 1 rejected-permanent, 2 rejected-transient
 * @param source 1 service-user, 2 service-provider (ACSE related function), 3 service-provider
 *               (presentation related function)
 * @param reason meaning depends on the source, see the constants
 */
public record AAssociateRj(int result, int source, int reason) implements Pdu {

    /** PDU-type of A-ASSOCIATE-RJ. */
    public static final int TYPE = 0x03;

    /** Result 1: the same request will be rejected again. */
    public static final int RESULT_PERMANENT = 1;
    /** Result 2: the request may succeed later. */
    public static final int RESULT_TRANSIENT = 2;

    /** Source 1: DICOM UL service-user. */
    public static final int SOURCE_SERVICE_USER = 1;
    /** Source 2: DICOM UL service-provider, ACSE related function. */
    public static final int SOURCE_SERVICE_PROVIDER_ACSE = 2;
    /** Source 3: DICOM UL service-provider, presentation related function. */
    public static final int SOURCE_SERVICE_PROVIDER_PRESENTATION = 3;

    /** (1, 1, 1): no reason given, by the service-user. */
    public static final AAssociateRj NO_REASON_GIVEN = new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, 1);
    /** (1, 1, 2): application context name not supported. */
    public static final AAssociateRj APPLICATION_CONTEXT_NOT_SUPPORTED = new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, 2);
    /** (1, 1, 3): calling AE title not recognized. */
    public static final AAssociateRj CALLING_AE_TITLE_NOT_RECOGNIZED = new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, 3);
    /** (1, 1, 7): called AE title not recognized. */
    public static final AAssociateRj CALLED_AE_TITLE_NOT_RECOGNIZED = new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_USER, 7);
    /** (1, 2, 2): protocol version not supported. */
    public static final AAssociateRj PROTOCOL_VERSION_NOT_SUPPORTED = new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_PROVIDER_ACSE, 2);
    /**
     * (1, 2, 1): no reason given, by the service-provider's ACSE function: how PS3.7 D.3.3.7 says
     * an association refused for its User Identity (an authorisation failure) is rejected.
     */
    public static final AAssociateRj USER_IDENTITY_REFUSED = new AAssociateRj(RESULT_PERMANENT, SOURCE_SERVICE_PROVIDER_ACSE, 1);
    /** (2, 3, 1): temporary congestion. */
    public static final AAssociateRj TEMPORARY_CONGESTION = new AAssociateRj(RESULT_TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, 1);
    /** (2, 3, 2): local limit exceeded, e.g. too many associations. */
    public static final AAssociateRj LOCAL_LIMIT_EXCEEDED = new AAssociateRj(RESULT_TRANSIENT, SOURCE_SERVICE_PROVIDER_PRESENTATION, 2);

    public AAssociateRj {
        checkByte(result, "result");
        checkByte(source, "source");
        checkByte(reason, "reason");
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** "rejected-permanent", "rejected-transient" or the raw value. */
    public String resultText() {
        return switch (result) {
            case RESULT_PERMANENT -> "rejected-permanent";
            case RESULT_TRANSIENT -> "rejected-transient";
            default -> "result " + result;
        };
    }

    /** The source in the standard's words. */
    public String sourceText() {
        return switch (source) {
            case SOURCE_SERVICE_USER -> "DICOM UL service-user";
            case SOURCE_SERVICE_PROVIDER_ACSE -> "DICOM UL service-provider (ACSE related function)";
            case SOURCE_SERVICE_PROVIDER_PRESENTATION -> "DICOM UL service-provider (presentation related function)";
            default -> "source " + source;
        };
    }

    /** The reason in the standard's words (its meaning depends on the source). */
    public String reasonText() {
        String text = switch (source) {
            case SOURCE_SERVICE_USER -> switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "application-context-name-not-supported";
                case 3 -> "calling-AE-title-not-recognized";
                case 7 -> "called-AE-title-not-recognized";
                default -> null;
            };
            case SOURCE_SERVICE_PROVIDER_ACSE -> switch (reason) {
                case 1 -> "no-reason-given";
                case 2 -> "protocol-version-not-supported";
                default -> null;
            };
            case SOURCE_SERVICE_PROVIDER_PRESENTATION -> switch (reason) {
                case 1 -> "temporary-congestion";
                case 2 -> "local-limit-exceeded";
                default -> null;
            };
            default -> null;
        };
        return text != null ? text : "reserved reason " + reason;
    }

    /** For example {@code rejected-permanent by DICOM UL service-user: called-AE-title-not-recognized (1/1/7)}. */
    @Override
    public String toString() {
        return resultText() + " by " + sourceText() + ": " + reasonText() + " (" + result + "/" + source + "/" + reason + ")";
    }

    static void checkByte(int value, String name) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(name + " must fit in one byte: " + value);
        }
    }
}
