package org.vesalius.vna.hl7.tool;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.llp.LLPException;
import ca.uhn.hl7v2.llp.MinLowerLayerProtocol;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.util.Hl7InputStreamMessageStringIterator;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.UUIDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vesalius.vna.hl7.message.Hl7Reader;

/**
 * {@code vna hl7 send [--host H] [--port P] FILE...}: sends every message of the files (one or
 * more per file, in their own character set) over MLLP with HAPI's client, one connection, and
 * prints each acknowledgement's code. Exit status 0 when every message was accepted, 1 when one
 * was not, 2 when they could not be sent.
 */
public final class Hl7Send {

    private Hl7Send() {
    }

    /** Runs the command ({@code args} without the words {@code hl7 send}); output to {@code out}. */
    public static int run(String[] args, PrintStream out) {
        String host = "127.0.0.1";
        int port = 2575;
        List<Path> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--host" -> host = args[++i];
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    default -> files.add(Path.of(args[i]));
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            files.clear();
        }
        if (files.isEmpty()) {
            out.println("usage: vna hl7 send [--host HOST] [--port PORT] FILE...");
            return 2;
        }
        try (HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"))) {
            context.setValidationContext(ValidationContextFactory.noValidation());
            context.getParserConfiguration().setIdGenerator(new UUIDGenerator());
            // Each message's bytes in the character set its MSH-18 names.
            context.setLowerLayerProtocol(new MinLowerLayerProtocol(true));
            Connection connection = context.newClient(host, port, false);
            connection.getInitiator().setTimeout(60, TimeUnit.SECONDS);
            int refused = 0;
            for (Path file : files) {
                refused += send(file, context, connection, out);
            }
            connection.close();
            return refused == 0 ? 0 : 1;
        } catch (HL7Exception | IOException | LLPException e) {
            out.println("vna hl7 send: " + host + ":" + port + ": " + e);
            return 2;
        }
    }

    private static int send(Path file, HapiContext context, Connection connection, PrintStream out)
            throws IOException, HL7Exception, LLPException {
        byte[] raw = Files.readAllBytes(file);
        Hl7InputStreamMessageStringIterator messages = new Hl7InputStreamMessageStringIterator(
                new StringReader(new String(raw, Hl7Reader.charsetOf(raw))));
        int refused = 0;
        int n = 0;
        while (messages.hasNext()) {
            n++;
            String text = messages.next();
            Message message;
            try {
                message = context.getPipeParser().parse(text);
            } catch (HL7Exception e) {
                out.println(file + " #" + n + ": not sent, HAPI cannot parse it: " + e.getMessage());
                refused++;
                continue;
            }
            Terser ack;
            try {
                ack = new Terser(connection.getInitiator().sendAndReceive(message));
            } catch (HL7Exception e) {
                out.println(file + " #" + n + ": not sent, or its answer unreadable to HAPI: " + e.getMessage());
                refused++;
                continue;
            }
            String code = ack.get("/MSA-1");
            String error = ack.get("/ERR-3-1");
            out.println(file + " #" + n + ": " + code + " " + ack.get("/MSA-2") + (error == null || error.isEmpty() ? "" : " ERR " + error
                    + " " + ack.get("/ERR-3-2")));
            if (!"AA".equals(code) && !"CA".equals(code)) {
                refused++;
            }
        }
        return refused;
    }
}
