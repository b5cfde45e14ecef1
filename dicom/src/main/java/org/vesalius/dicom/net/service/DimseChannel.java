package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.net.dimse.CommandField;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationAbortedException;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.DataWriter;
import org.vesalius.dicom.net.ul.IncomingMessage;
import org.vesalius.dicom.net.ul.MessageHandler;

/**
 * One association's DIMSE messaging, the same on both sides: Message IDs for our requests,
 * responses routed by Message ID Being Responded To to whoever waits for them, C-CANCEL routed to
 * the operation it cancels, and every other request handed to a {@link RequestHandler}.
 *
 * <p>Channels of open associations are found with {@link #of(Association)}, so that the SCU API
 * can take a plain {@link Association}.
 */
final class DimseChannel implements MessageHandler {

    /** Receives the responses to one request, on the association's reader thread. */
    interface ResponseListener {

        /** One response; may read its data set. Returns true when it was the final one. */
        boolean onResponse(CommandSet response, IncomingMessage message);

        /** The association ended before the final response. */
        void onEnded(AssociationEnd end);
    }

    /** Performs incoming requests (anything but responses and C-CANCEL), on the reader thread. */
    @FunctionalInterface
    interface RequestHandler {
        void onRequest(DimseChannel channel, CommandSet request, IncomingMessage message) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DimseChannel.class);
    private static final Map<Association, DimseChannel> OPEN = new ConcurrentHashMap<>();

    private final RequestHandler requests;
    private final DimseOptions options;
    private final Map<Integer, ResponseListener> awaiting = new ConcurrentHashMap<>();
    private final Map<Integer, Runnable> performing = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition performed = lock.newCondition();
    private volatile Association association;
    private volatile AssociationEnd end;
    private volatile CStoreHandler subOperationReceiver;

    DimseChannel(RequestHandler requests, DimseOptions options) {
        this.requests = requests;
        this.options = options;
    }

    /**
     * The channel of an association opened by {@link DimseClient} or served by
     * {@link DimseServiceRegistry}.
     *
     * @throws IllegalStateException for any other association, or one already ended
     */
    static DimseChannel of(Association association) {
        DimseChannel channel = OPEN.get(association);
        if (channel == null) {
            throw new IllegalStateException(association + " is not open through DimseClient or DimseServiceRegistry"
                    + (association.isEstablished() ? "" : " (it has ended)"));
        }
        return channel;
    }

    /** Attaches the association; called once it is established, from whichever side learns it first. */
    void bind(Association established) {
        association = established;
        OPEN.put(established, this);
        if (end != null) {
            OPEN.remove(established); // it ended before we got here
        }
    }

    Association association() {
        return association;
    }

    DimseOptions options() {
        return options;
    }

    /** A Message ID (1..65535) not used by any request still awaiting its response. */
    int nextMessageId() {
        while (true) {
            int id = messageIds.incrementAndGet() & 0xFFFF;
            if (id != 0 && !awaiting.containsKey(id)) {
                return id;
            }
        }
    }

    /** Sends one message (a response, or a request nobody waits on such as C-CANCEL). */
    void send(int presentationContextId, CommandSet command, DataWriter dataSet) throws IOException {
        association.send(presentationContextId, command.encode(), dataSet);
    }

    /** Sends a request; its responses go to {@code listener} (registered first: a fast peer may answer before send returns). */
    void request(int presentationContextId, CommandSet request, DataWriter dataSet, ResponseListener listener)
            throws IOException {
        int id = request.messageId();
        awaiting.put(id, listener);
        try {
            AssociationEnd ended = end;
            if (ended != null) {
                throw new AssociationAbortedException(ended);
            }
            send(presentationContextId, request, dataSet);
        } catch (IOException | RuntimeException e) {
            awaiting.remove(id, listener);
            throw e;
        }
    }

    /** Stops routing responses for a message ID (its requestor gave up waiting). */
    void forget(int messageId) {
        awaiting.remove(messageId);
    }

    /** Registers an incoming operation that a C-CANCEL can stop; false when the Message ID is already in use. */
    boolean startOperation(int messageId, Runnable cancel) {
        return performing.putIfAbsent(messageId, cancel) == null;
    }

    void endOperation(int messageId) {
        lock.lock();
        try {
            performing.remove(messageId);
            performed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * While a C-GET invoked on this association is in progress, the C-STORE-RQs that come in are
     * its sub-operations and go to {@code receiver}. False when another C-GET is in progress.
     */
    boolean receiveSubOperations(CStoreHandler receiver) {
        lock.lock();
        try {
            if (subOperationReceiver != null) {
                return false;
            }
            subOperationReceiver = receiver;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The C-GET is over: C-STOREs are requests of their own again. */
    void stopReceivingSubOperations() {
        subOperationReceiver = null;
    }

    /** Answers a request with a status only, as for an operation we do not perform. */
    void respond(IncomingMessage message, CommandSet request, DicomStatus status, String comment) throws IOException {
        send(message.presentationContextId(), CommandSet.responseTo(request, status, false).withErrorComment(comment), null);
    }

    @Override
    public void onEstablished(Association established) {
        bind(established);
    }

    @Override
    public void onMessage(Association as, IncomingMessage message) throws IOException {
        CommandSet command;
        try {
            command = CommandSet.decode(message.command());
        } catch (MalformedDicomException e) {
            // Without a readable Message ID there is nothing to answer: the peer is broken.
            LOG.warn("{}: unreadable command set, aborting: {}", as, e.getMessage());
            as.abort();
            return;
        }
        int field = command.commandFieldCode();
        if ((field & 0x8000) != 0) {
            route(command, message);
        } else if (command.commandField() == CommandField.C_CANCEL_RQ) {
            Runnable cancel = performing.get(command.messageIdBeingRespondedTo());
            LOG.debug("{}: C-CANCEL-RQ for message {}{}", as, command.messageIdBeingRespondedTo(),
                    cancel == null ? " (not in progress)" : "");
            if (cancel != null) {
                cancel.run();
            }
        } else if (command.commandField() == CommandField.C_STORE_RQ && subOperationReceiver != null) {
            StoreService.perform(this, command, message, subOperationReceiver);
        } else {
            requests.onRequest(this, command, message);
        }
    }

    private void route(CommandSet response, IncomingMessage message) {
        int id = response.messageIdBeingRespondedTo();
        ResponseListener listener = awaiting.get(id);
        if (listener == null) {
            LOG.debug("{}: {} answers no request in progress; ignored", association, response);
            return;
        }
        if (listener.onResponse(response, message)) {
            awaiting.remove(id, listener);
        }
    }

    /** Lets operations in progress send their final responses before A-RELEASE-RP, within the response timeout. */
    @Override
    public void onReleaseRequested(Association as) {
        long deadline = System.nanoTime() + options.responseTimeout().toNanos();
        lock.lock();
        try {
            while (!performing.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.warn("{}: release requested while {} operations are in progress; cancelling them", as,
                            performing.size());
                    performing.values().forEach(Runnable::run);
                    return;
                }
                performed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onClosed(Association as, AssociationEnd how) {
        end = how;
        OPEN.remove(as);
        for (ResponseListener listener : List.copyOf(awaiting.values())) {
            listener.onEnded(how);
        }
        awaiting.clear();
        performing.values().forEach(Runnable::run); // their sends fail from now on; stop them early
    }
}
