package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Sends messages on an association: one message at a time under the message lock, each command
 * and data set cut into PDUs by {@link PDataOutputStream}.
 */
final class MessageSender {

    private final UpperLayer ul;
    private final PresentationContexts contexts;
    private final long sendLimit;
    private final Consumer<String> abort;
    private final ReentrantLock messageLock = new ReentrantLock();

    MessageSender(UpperLayer ul, PresentationContexts contexts, long sendLimit, Consumer<String> abort) {
        this.ul = ul;
        this.contexts = contexts;
        this.sendLimit = sendLimit;
        this.abort = abort;
    }

    /** Held while a message is being sent; release waits for it. */
    ReentrantLock lock() {
        return messageLock;
    }

    void send(int presentationContextId, byte[] command, DataWriter dataSet) throws IOException {
        messageLock.lock();
        try {
            writeOrAbort(openPData(presentationContextId, true), out -> out.write(command));
            if (dataSet != null) {
                writeOrAbort(openPData(presentationContextId, false), dataSet);
            }
        } finally {
            messageLock.unlock();
        }
    }

    OutputStream openPData(int presentationContextId, boolean command) throws IOException {
        if (!contexts.isAccepted(presentationContextId)) {
            throw new IllegalArgumentException("presentation context " + presentationContextId + " is not accepted");
        }
        ul.checkCanSend();
        messageLock.lock();
        return new LockedOutputStream(new PDataOutputStream(ul.transport(), ul, presentationContextId, command, sendLimit),
                messageLock);
    }

    /** Aborts before closing on failure: closing would send the last-fragment bit after a truncated stream. */
    private void writeOrAbort(OutputStream out, DataWriter writer) throws IOException {
        try {
            writer.writeTo(out);
        } catch (IOException | RuntimeException e) {
            abort.accept("sending a message failed: " + e);
            try {
                out.close(); // sends nothing now that the association is aborted; releases the lock
            } catch (IOException expected) {
                e.addSuppressed(expected);
            }
            throw e;
        }
        out.close();
    }
}
