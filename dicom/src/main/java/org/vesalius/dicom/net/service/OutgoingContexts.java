package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.data.Dataset;
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
 * transfer syntax comes first, and its bytes go as they are. When only another one was accepted
 * (a C-GET requestor proposing one context per SOP Class, say) a native data set is transcoded to
 * a native syntax the peer accepted; encapsulated (compressed) pixel data cannot be, so such an
 * instance fails without its own syntax.
 */
final class OutgoingContexts {

    private OutgoingContexts() {
    }

    /** The context for {@code instance} on {@code association}, where we may invoke C-STORE. */
    static PresentationContext choose(Association association, OutgoingInstance instance)
            throws NoPresentationContextException {
        try {
            return DimseClient.context(association, instance.sopClassUid(), instance.transferSyntaxUid());
        } catch (NoPresentationContextException e) {
            if (!isNative(instance.transferSyntaxUid())) {
                throw e;
            }
            for (PresentationContext pc : association.presentationContexts()) {
                if (pc.isAccepted() && pc.abstractSyntax().equals(instance.sopClassUid())
                        && pc.localMayBeScu(association.isRequestor()) && isNative(pc.transferSyntax())) {
                    return pc;
                }
            }
            throw e;
        }
    }

    /**
     * What writes the data set on {@code pc}: its bytes as they are, or, in another syntax, the data
     * set read now (so that an unreadable one fails before anything is sent) and written anew.
     * Transcoding holds the data set in memory.
     */
    static DataWriter writer(InputStream data, OutgoingInstance instance, PresentationContext pc) throws IOException {
        if (pc.transferSyntax().equals(instance.transferSyntaxUid())) {
            return data::transferTo;
        }
        Dataset ds = DicomReader.readDataset(data, TransferSyntax.of(instance.transferSyntaxUid()), ReadOptions.DEFAULT);
        TransferSyntax to = TransferSyntax.of(pc.transferSyntax());
        return out -> DicomWriter.writeDataset(ds, to, out, EncodingOptions.DEFAULT);
    }

    /** Pixel data, if any, not encapsulated: the data set can be rewritten in any native syntax. */
    static boolean isNative(String transferSyntaxUid) {
        return TransferSyntax.of(transferSyntaxUid).isNative();
    }
}
