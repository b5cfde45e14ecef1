package org.vesalius.dicom.net.ul;

import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;

/** The two INFO lines every association leaves: what was negotiated, and how it ended. */
final class AssociationLog {

    private static final Logger LOG = LoggerFactory.getLogger("org.vesalius.dicom.net.ul.Association");

    private AssociationLog() {
    }

    static void established(Association a) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        StringJoiner accepted = new StringJoiner(", ");
        int rejected = 0;
        for (PresentationContext pc : a.presentationContexts()) {
            if (pc.isAccepted()) {
                accepted.add(pc.id() + ":" + LogValue.escape(pc.abstractSyntax()) + "/" + LogValue.escape(pc.transferSyntax()));
            } else {
                rejected++;
            }
        }
        LOG.info("{}: established {} {} ({} {}); contexts accepted [{}], {} rejected; max PDU receive {} send {}{}", a,
                a.isRequestor() ? "to" : "from", a.remoteAddress(), LogValue.of(a.peerImplementationClassUid()),
                LogValue.of(a.peerImplementationVersionName().orElse("")), accepted, rejected, a.maxPduLengthReceive(),
                a.maxPduLengthSend(), a.userIdentity().map(id -> "; identity " + LogValue.escape(String.valueOf(id))).orElse(""));
    }

    static void ended(Association a) {
        UpperLayer ul = a.upperLayer();
        AssociationEnd end = ul.end();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - a.startNanos());
        String how = end != null ? end.toString() : "closed";
        if (end != null && end.kind() == AssociationEnd.Kind.ABORTED_LOCALLY && end.abort() != null
                && end.abort().source() != 0) {
            LOG.warn("{}: {} after {} ms; {} bytes in, {} bytes out", a, how, millis, ul.transport().bytesIn(),
                    ul.transport().bytesOut());
        } else {
            LOG.info("{}: {} after {} ms; {} bytes in, {} bytes out", a, how, millis, ul.transport().bytesIn(),
                    ul.transport().bytesOut());
        }
    }
}
