package org.vesalius.dicom.net.echo;

import java.io.IOException;
import java.util.Map;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.IncomingMessage;
import org.vesalius.dicom.net.ul.MessageHandler;

/** Answers C-ECHO-RQ with success; any other command aborts the association (nothing else is supported here). */
public final class VerificationScp implements MessageHandler {

    /** Status 0000H: success. */
    public static final int SUCCESS = 0x0000;

    /** The Verification SOP Class UID, 1.2.840.10008.1.1. */
    public static final String SOP_CLASS = EchoCommand.VERIFICATION_SOP_CLASS;

    @Override
    public void onMessage(Association association, IncomingMessage message) throws IOException {
        Map<Integer, Integer> values = EchoCommand.usValues(message.command());
        Integer field = values.get(EchoCommand.COMMAND_FIELD);
        Integer messageId = values.get(EchoCommand.MESSAGE_ID);
        if (field == null || field != EchoCommand.C_ECHO_RQ || messageId == null) {
            throw new IOException("unsupported command " + (field == null ? "(none)" : String.format("%04XH", field)));
        }
        association.send(message.presentationContextId(), EchoCommand.response(messageId, SUCCESS), null);
    }
}
