package org.vesalius.vna.archive.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;
import org.vesalius.vna.archive.api.retrieve.ServedInstance;
import org.vesalius.vna.archive.dicomweb.RetrieveNegotiation.DicomChoice;
import org.vesalius.vna.archive.retrieve.InstanceNotFoundException;

/**
 * A study or series answer of WADO-RS: {@code multipart/related; type="application/dicom"}, one
 * part per instance, as stored or transcoded. When every part goes as stored it has a
 * Content-Length, known before the first byte (each instance's length from an earlier read of the
 * same stored object, or from one read now), each part is the stored object opened once, and the
 * next parts are opened ahead ({@link ReadAhead}).
 */
final class MultiInstanceAnswer {

    private static final Logger LOG = LoggerFactory.getLogger(MultiInstanceAnswer.class);

    private MultiInstanceAnswer() {
    }

    /**
     * Several instances: the first choice that serves every instance (as stored or transcoded),
     * else the one that serves most (206 with a Warning naming why the others were left out).
     */
    static WadoResponse of(List<? extends ResolvedInstance> found, List<DicomChoice> choices, WadoRequest rq) {
        InstanceServing serving = InstanceServing.choose(found, choices);
        if (serving.sent().isEmpty()) {
            Set<String> stored = new LinkedHashSet<>(found.stream().map(ResolvedInstance::transferSyntaxUid).toList());
            return WadoRs.cannotServe(stored, choices, serving.refusals());
        }
        DicomChoice chosen = serving.choice();
        List<ResolvedInstance> sent = serving.sent();
        boolean partial = sent.size() < found.size();
        String boundary = "vesalius-" + java.util.UUID.randomUUID();
        List<WadoResponse.Header> headers = new ArrayList<>(List.of(new WadoResponse.Header("Cache-Control", WadoRs.REVALIDATE),
                new WadoResponse.Header("Vary", "Accept")));
        if (partial) {
            headers.add(new WadoResponse.Header("Warning", "299 vesalius \"" + (found.size() - sent.size())
                    + " instance(s) left out: " + String.join("; ", serving.refusals()).replace('"', '\'') + "\""));
        }
        List<ResolvedInstance> asStored = sent.stream().filter(l -> chosen.accepts(l.transferSyntaxUid())).toList();
        // Known lengths, read once before the first byte: the parts' and the answer's.
        Map<ResolvedInstance, Long> lengths = new IdentityHashMap<>();
        long total = asStored.size() == sent.size() ? length(asStored, boundary, rq, lengths) : -1;
        return new WadoResponse.Content(partial ? 206 : 200, WadoRs.multipart(boundary), total, headers, out -> {
            MultipartWriter w = new MultipartWriter(out, boundary);
            try (ReadAhead<ResolvedInstance> ahead = new ReadAhead<>(asStored, ResolvedInstance::openPart10)) {
                for (ResolvedInstance l : sent) {
                    String location = rq.baseUrl() + "/" + WadoRs.path(l.ref());
                    if (chosen.accepts(l.transferSyntaxUid())) {
                        InputStream in;
                        try {
                            in = ahead.next();
                        } catch (InstanceNotFoundException gone) {
                            if (total >= 0) {
                                // The length is out already: a part left out would make it a lie.
                                throw new IOException("instance " + l.ref().sopInstanceUid() + " was deleted while being sent");
                            }
                            LOG.debug("{} deleted while being sent", LogValue.of(l.ref().sopInstanceUid()));
                            continue;
                        }
                        Long n = lengths.get(l);
                        w.part(part(l.transferSyntaxUid()), location, n != null ? n : l.part10Length(), in);
                        continue;
                    }
                    ServedInstance i;
                    try {
                        i = serving.open(l);
                    } catch (InstanceNotFoundException gone) {
                        LOG.debug("{} deleted while being sent", LogValue.of(l.ref().sopInstanceUid()));
                        continue;
                    }
                    w.part(part(chosen.syntax()), location, o -> i.writePart10(chosen.syntax(), o));
                }
            }
            w.finish();
        });
    }

    /**
     * The length of a multipart answer of instances all sent as stored, or -1 when one's length
     * is not known. Known without reading an instance that an earlier read showed is served as
     * stored, so a warm whole-study answer has its Content-Length before any file is opened.
     */
    private static long length(List<ResolvedInstance> asStored, String boundary, WadoRequest rq,
            Map<ResolvedInstance, Long> lengths) {
        long total = 0;
        boolean first = true;
        for (ResolvedInstance l : asStored) {
            long n = l.part10Length();
            if (n < 0) {
                return -1;
            }
            lengths.put(l, n);
            total += MultipartWriter.partHeader(boundary, first, part(l.transferSyntaxUid()), rq.baseUrl() + "/" + WadoRs.path(l.ref()), n).length + n;
            first = false;
        }
        return total + MultipartWriter.close(boundary, first).length;
    }

    private static String part(String transferSyntaxUid) {
        return "application/dicom; transfer-syntax=" + transferSyntaxUid;
    }
}
