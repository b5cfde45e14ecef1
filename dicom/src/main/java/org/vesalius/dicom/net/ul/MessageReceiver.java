package org.vesalius.dicom.net.ul;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.vesalius.dicom.net.ul.pdu.AAbort;

/**
 * The reader loop of an established association: assembles command fragments into messages,
 * hands each to the {@link MessageHandler} with a stream over its data set, and answers release
 * requests, until the connection is closed.
 */
final class MessageReceiver implements Runnable {

    /** MDC key holding the association's name on its reader thread. */
    static final String MDC_KEY = "dicom.association";
    private static final Logger LOG = LoggerFactory.getLogger(MessageReceiver.class);
    /** Command sets are a few hundred bytes; anything this large is not one. */
    private static final int MAX_COMMAND_LENGTH = 1 << 20;

    private final Association association;
    private final UpperLayer ul;
    private final PDataReceiver pdata;
    private final MessageHandler handler;
    private final Runnable onFinished;
    private volatile boolean dispatching;
    private volatile PDataInputStream currentDataSet;

    MessageReceiver(Association association, PDataReceiver pdata, MessageHandler handler, Runnable onFinished) {
        this.association = association;
        this.ul = association.upperLayer();
        this.pdata = pdata;
        this.handler = handler;
        this.onFinished = onFinished;
    }

    /** True while the handler works on a message. */
    boolean isDispatching() {
        return dispatching;
    }

    /** True while a data set is only partly received. */
    boolean isMidMessage() {
        PDataInputStream data = currentDataSet;
        return data != null && !data.isComplete();
    }

    @Override
    public void run() {
        association.readerThread(Thread.currentThread());
        MDC.put(MDC_KEY, ul.name());
        Thread idle = IdleMonitor.start(association, this);
        try {
            handler.onEstablished(association);
            loop();
        } catch (RuntimeException e) {
            handlerFailed("onEstablished", e);
            drainToEnd();
        } finally {
            if (idle != null) {
                idle.interrupt();
            }
            ul.transport().close();
            AssociationLog.ended(association);
            try {
                handler.onClosed(association, ul.end() != null ? ul.end()
                        : new AssociationEnd(AssociationEnd.Kind.CONNECTION_LOST, null, "unknown"));
            } catch (RuntimeException e) {
                LOG.warn("{}: onClosed failed", ul.name(), e);
            } finally {
                // Even after an Error in the handler: the association's slot must be freed.
                MDC.remove(MDC_KEY);
                onFinished.run();
            }
        }
    }

    private void loop() {
        while (ul.state() != State.STA1) {
            PDataReceiver.PdvHeader pdv = pdata.next();
            if (pdv == null) {
                afterControlPdu();
            } else if (!pdv.command()) {
                pdata.protocolError(new PduException(AAbort.REASON_UNEXPECTED_PDU_PARAMETER,
                        "data set fragment on context " + pdv.contextId() + " without a command"));
            } else {
                try {
                    byte[] command = readCommand(pdv);
                    if (command != null) {
                        dispatch(pdv.contextId(), command);
                    }
                } catch (IOException e) {
                    LOG.debug("{}: {}", ul.name(), e.toString()); // the state machine has recorded why
                }
            }
        }
    }

    private void drainToEnd() {
        while (ul.state() != State.STA1) {
            if (pdata.next() == null) {
                afterControlPdu();
            }
        }
    }

    private byte[] readCommand(PDataReceiver.PdvHeader first) throws IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream(256);
        byte[] chunk = new byte[4096];
        PDataReceiver.PdvHeader pdv = first;
        while (true) {
            if (command.size() + pdv.length() > MAX_COMMAND_LENGTH) {
                pdata.protocolError(PduException.invalid("command set longer than " + MAX_COMMAND_LENGTH + " bytes"));
                return null;
            }
            int n;
            while ((n = pdata.read(chunk, 0, chunk.length)) > 0) {
                command.write(chunk, 0, n);
            }
            if (pdv.last()) {
                return command.toByteArray();
            }
            do {
                pdv = pdata.next();
            } while (pdv == null && (ul.state() == State.STA6 || ul.state() == State.STA7));
            if (pdv == null) {
                return null; // the association ended; the half command is dropped with it
            }
            if (!pdv.command() || pdv.contextId() != first.contextId()) {
                pdata.protocolError(new PduException(AAbort.REASON_UNEXPECTED_PDU_PARAMETER,
                        "command fragments interrupted by " + pdv));
                return null;
            }
        }
    }

    private void dispatch(int contextId, byte[] command) {
        PresentationContext pc = association.contexts().byId(contextId).orElseThrow();
        PDataInputStream data = IncomingMessage.declaresDataSet(command) ? new PDataInputStream(pdata, ul, contextId) : null;
        currentDataSet = data;
        dispatching = true;
        try {
            handler.onMessage(association, new IncomingMessage(pc, command, data));
        } catch (IOException | RuntimeException e) {
            handlerFailed("onMessage", e);
        } finally {
            dispatching = false;
        }
        if (data != null && !data.isComplete()) {
            try {
                data.drain();
            } catch (IOException e) {
                LOG.debug("{}: data set not complete: {}", ul.name(), e.toString());
            }
        }
        currentDataSet = null;
    }

    private void afterControlPdu() {
        switch (ul.state()) {
            case STA8 -> {
                try {
                    handler.onReleaseRequested(association);
                } catch (RuntimeException e) {
                    LOG.warn("{}: onReleaseRequested failed", ul.name(), e);
                }
                if (ul.state() == State.STA8) {
                    ul.fire(Event.EVT14, null, "peer asked");
                }
            }
            case STA9, STA12 -> ul.fire(Event.EVT14, null, "release collision");
            default -> { } // keep reading: awaiting release response or the peer's close
        }
    }

    private void handlerFailed(String callback, Exception e) {
        State s = ul.state();
        if (s == State.STA6 || s == State.STA7 || s == State.STA8) {
            LOG.warn("{}: {} failed, aborting the association", ul.name(), callback, e);
            association.abort(callback + " failed: " + e);
        } else {
            LOG.debug("{}: {} ended after the association: {}", ul.name(), callback, e.toString());
        }
    }
}
