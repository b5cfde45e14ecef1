package org.vesalius.dicom.net.echo;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationAbortedException;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.AssociationException;
import org.vesalius.dicom.net.ul.AssociationTimeoutException;
import org.vesalius.dicom.net.ul.IncomingMessage;
import org.vesalius.dicom.net.ul.MessageHandler;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * Sends C-ECHO-RQ and waits for the response. Pass it as the association's {@link MessageHandler}
 * when connecting; it matches responses to requests by message ID, the way the DIMSE layer will.
 */
public final class EchoScu implements MessageHandler {

    private final AtomicInteger messageIds = new AtomicInteger();
    private final Map<Integer, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();

    /**
     * Sends one C-ECHO-RQ on the association's Verification context and returns the status.
     * On timeout the association is aborted (a late response would otherwise confuse the next request).
     */
    public int echo(Association association, Duration timeout) throws IOException {
        PresentationContext pc = association.acceptedContext(EchoCommand.VERIFICATION_SOP_CLASS)
                .orElseThrow(() -> new AssociationException("Verification not accepted on " + association));
        int messageId = messageIds.incrementAndGet() & 0xFFFF;
        CompletableFuture<Integer> response = new CompletableFuture<>();
        pending.put(messageId, response);
        try {
            association.send(pc.id(), EchoCommand.request(messageId), null);
            return response.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            association.abort();
            throw new AssociationTimeoutException("no C-ECHO-RSP within " + timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            association.abort();
            throw new AssociationException("interrupted waiting for C-ECHO-RSP");
        } finally {
            pending.remove(messageId);
        }
    }

    @Override
    public void onMessage(Association association, IncomingMessage message) throws IOException {
        Map<Integer, Integer> values = EchoCommand.usValues(message.command());
        Integer field = values.get(EchoCommand.COMMAND_FIELD);
        Integer respondedTo = values.get(EchoCommand.MESSAGE_ID_BEING_RESPONDED_TO);
        CompletableFuture<Integer> waiting = respondedTo != null ? pending.get(respondedTo) : null;
        if (field == null || field != EchoCommand.C_ECHO_RSP || waiting == null) {
            throw new IOException("unexpected message on " + association + ": command field " + field);
        }
        waiting.complete(values.getOrDefault(EchoCommand.STATUS, -1));
    }

    @Override
    public void onClosed(Association association, AssociationEnd end) {
        pending.values().forEach(f -> f.completeExceptionally(new AssociationAbortedException(end)));
    }
}
