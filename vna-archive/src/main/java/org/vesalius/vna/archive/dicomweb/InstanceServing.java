package org.vesalius.vna.archive.dicomweb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vesalius.dicom.codec.Transcoder;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.archive.dicomweb.RetrieveNegotiation.DicomChoice;
import org.vesalius.vna.archive.retrieve.RetrievableInstance;
import org.vesalius.vna.archive.retrieve.RetrieveService;

/**
 * Which transfer syntax a multi-instance answer uses and which instances it can carry: an
 * instance is served as stored, or transcoded. Native instances need only their stored syntax to
 * decide; compressed ones are opened (their header says whether a decoder can handle them), and
 * kept open for sending.
 *
 * @param choice   the representation chosen
 * @param sent     the instances it serves, in order
 * @param refusals why the others cannot be served
 */
record InstanceServing(DicomChoice choice, List<RetrieveService.Located> sent, Set<String> refusals,
        Map<RetrieveService.Located, RetrievableInstance> opened) {

    static InstanceServing choose(List<RetrieveService.Located> found, List<DicomChoice> choices) {
        Map<RetrieveService.Located, RetrievableInstance> opened = new HashMap<>();
        Map<RetrieveService.Located, String> stored = new HashMap<>();
        InstanceServing best = null;
        for (DicomChoice c : choices) {
            List<RetrieveService.Located> sent = new ArrayList<>();
            Set<String> refusals = new LinkedHashSet<>();
            for (RetrieveService.Located l : found) {
                String ts = stored.computeIfAbsent(l, RetrieveService.Located::transferSyntaxUid);
                Optional<String> why = c.accepts(ts) ? Optional.empty() : refusal(l, ts, c.syntax(), opened);
                if (why.isEmpty()) {
                    sent.add(l);
                } else {
                    refusals.add(why.get());
                }
            }
            if (best == null || sent.size() > best.sent().size()) {
                best = new InstanceServing(c, sent, refusals, opened);
            }
            if (sent.size() == found.size()) {
                break;
            }
        }
        return best;
    }

    private static Optional<String> refusal(RetrieveService.Located l, String stored, String target,
            Map<RetrieveService.Located, RetrievableInstance> opened) {
        TransferSyntax from = TransferSyntax.of(stored);
        if (from.isNative()) {
            return Transcoder.unsupported(from, TransferSyntax.of(target), null);
        }
        return opened.computeIfAbsent(l, RetrieveService.Located::open).unavailableIn(target);
    }

    /** The instance, opened already or now. */
    RetrievableInstance open(RetrieveService.Located l) {
        RetrievableInstance i = opened.get(l);
        return i != null ? i : l.open();
    }
}
