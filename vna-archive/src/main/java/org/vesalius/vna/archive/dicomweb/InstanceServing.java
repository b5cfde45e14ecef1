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
import org.vesalius.vna.archive.api.retrieve.ServedInstance;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;

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
record InstanceServing(DicomChoice choice, List<ResolvedInstance> sent, Set<String> refusals,
        Map<ResolvedInstance, ServedInstance> opened) {

    static InstanceServing choose(List<? extends ResolvedInstance> found, List<DicomChoice> choices) {
        Map<ResolvedInstance, ServedInstance> opened = new HashMap<>();
        Map<ResolvedInstance, String> stored = new HashMap<>();
        InstanceServing best = null;
        for (DicomChoice c : choices) {
            List<ResolvedInstance> sent = new ArrayList<>();
            Set<String> refusals = new LinkedHashSet<>();
            for (ResolvedInstance l : found) {
                String ts = stored.computeIfAbsent(l, ResolvedInstance::transferSyntaxUid);
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

    private static Optional<String> refusal(ResolvedInstance l, String stored, String target,
            Map<ResolvedInstance, ServedInstance> opened) {
        TransferSyntax from = TransferSyntax.of(stored);
        if (from.isNative()) {
            return Transcoder.unsupported(from, TransferSyntax.of(target), null);
        }
        return opened.computeIfAbsent(l, ResolvedInstance::open).unavailableIn(target);
    }

    /** The instance, opened already or now. */
    ServedInstance open(ResolvedInstance l) {
        ServedInstance i = opened.get(l);
        return i != null ? i : l.open();
    }
}
