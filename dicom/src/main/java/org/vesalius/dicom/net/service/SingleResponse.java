package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.ul.AssociationAbortedException;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.AssociationException;
import org.vesalius.dicom.net.ul.AssociationTimeoutException;
import org.vesalius.dicom.net.ul.IncomingMessage;

/** Waits for the one response of a C-ECHO or C-STORE. */
final class SingleResponse implements DimseChannel.ResponseListener {

    private final CompletableFuture<DimseResponse> result = new CompletableFuture<>();

    @Override
    public boolean onResponse(CommandSet response, IncomingMessage message) {
        result.complete(DimseResponse.of(response));
        return true;
    }

    @Override
    public void onEnded(AssociationEnd end) {
        result.completeExceptionally(new AssociationAbortedException(end));
    }

    /**
     * The response, or an exception when the association ended first. After {@code timeout} the
     * association is aborted: a late response could be taken for the answer to a later request.
     */
    DimseResponse await(DimseChannel channel, int messageId, Duration timeout, String what) throws IOException {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            channel.forget(messageId);
            channel.association().abort();
            throw new AssociationTimeoutException(channel.association() + ": no " + what + " within " + timeout);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.forget(messageId);
            channel.association().abort();
            throw new AssociationException("interrupted waiting for " + what);
        }
    }
}
