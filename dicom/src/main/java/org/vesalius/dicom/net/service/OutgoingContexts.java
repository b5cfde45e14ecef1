package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vesalius.dicom.codec.Transcoder;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.DataWriter;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * Which context a retrieve sub-operation goes on, and what crosses it. The instance's own
 * transfer syntax comes first, and its bytes go as they are. When only others were accepted (a
 * C-GET requestor or a move destination that takes native syntaxes only, say) the data set is
 * rewritten in a native syntax the peer accepted, Explicit VR Little Endian first: a native data
 * set always; encapsulated (compressed) pixel data when the instance's {@link
 * OutgoingInstance.Transcoding} says it can be decoded. Otherwise the instance fails, with the
 * reason, before anything is sent.
 */
final class OutgoingContexts {

    /** The native syntaxes in the order they are chosen when the own one was not accepted. */
    private static final List<String> NATIVE = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian,
            UID.DeflatedExplicitVRLittleEndian, UID.ExplicitVRBigEndian);

    private OutgoingContexts() {
    }

    /** The context for {@code instance} on {@code association}, where we may invoke C-STORE. */
    static PresentationContext choose(Association association, OutgoingInstance instance)
            throws NoPresentationContextException {
        try {
            return DimseClient.context(association, instance.sopClassUid(), instance.transferSyntaxUid());
        } catch (NoPresentationContextException e) {
            List<PresentationContext> others = new ArrayList<>();
            for (PresentationContext pc : association.presentationContexts()) {
                if (pc.isAccepted() && pc.abstractSyntax().equals(instance.sopClassUid())
                        && pc.localMayBeScu(association.isRequestor()) && NATIVE.contains(pc.transferSyntax())) {
                    others.add(pc);
                }
            }
            others.sort(Comparator.comparingInt(pc -> NATIVE.indexOf(pc.transferSyntax())));
            Set<String> refusals = new LinkedHashSet<>();
            for (PresentationContext pc : others) {
                Optional<String> why = unavailableIn(instance, pc.transferSyntax());
                if (why.isEmpty()) {
                    return pc;
                }
                refusals.add(why.get());
            }
            if (refusals.isEmpty()) {
                throw e;
            }
            throw new NoPresentationContextException(e.getMessage() + ", and the data set cannot be transcoded to the"
                    + " native syntaxes accepted: " + String.join("; ", refusals));
        }
    }

    /** Why {@code instance} cannot be sent in {@code transferSyntaxUid}; empty when it can. */
    static Optional<String> unavailableIn(OutgoingInstance instance, String transferSyntaxUid) {
        if (transferSyntaxUid.equals(instance.transferSyntaxUid())) {
            return Optional.empty();
        }
        if (instance.transcoding() != null) {
            return instance.transcoding().unavailableIn(transferSyntaxUid);
        }
        if (isNative(instance.transferSyntaxUid()) && isNative(transferSyntaxUid)) {
            return Optional.empty();
        }
        return Optional.of("encapsulated pixel data in " + DimseLog.name(instance.transferSyntaxUid())
                + ": the sender offered no decoding");
    }

    /**
     * What writes the data set on {@code pc}: its bytes as they are; with a {@link
     * OutgoingInstance.Transcoding}, transcoded as they stream (one decoded frame at a time); else,
     * between native syntaxes, the data set read now (so that an unreadable one fails before
     * anything is sent) and written anew, held in memory.
     */
    static DataWriter writer(InputStream data, OutgoingInstance instance, PresentationContext pc) throws IOException {
        if (pc.transferSyntax().equals(instance.transferSyntaxUid())) {
            return data::transferTo;
        }
        TransferSyntax from = TransferSyntax.of(instance.transferSyntaxUid());
        TransferSyntax to = TransferSyntax.of(pc.transferSyntax());
        if (instance.transcoding() != null) {
            return out -> Transcoder.transcode(data, from, to, out);
        }
        Dataset ds = DicomReader.readDataset(data, from, ReadOptions.DEFAULT);
        return out -> DicomWriter.writeDataset(ds, to, out, EncodingOptions.DEFAULT);
    }

    /** Pixel data, if any, not encapsulated: the data set can be rewritten in any native syntax. */
    static boolean isNative(String transferSyntaxUid) {
        return TransferSyntax.of(transferSyntaxUid).isNative();
    }

    /** Whether a native context is worth proposing for {@code instance}, should its own syntax be refused. */
    static boolean mayGoNative(OutgoingInstance instance) {
        return unavailableIn(instance, UID.ExplicitVRLittleEndian).isEmpty();
    }
}
