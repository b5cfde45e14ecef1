package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AReleaseRp;
import org.vesalius.dicom.net.ul.pdu.AReleaseRq;
import org.vesalius.dicom.net.ul.pdu.PDataTf;
import org.vesalius.dicom.net.ul.pdu.Pdu;
import org.vesalius.dicom.net.ul.pdu.Pdv;

/** Encodes PDUs. Large data sets do not come here: {@link PDataOutputStream} writes them PDU by PDU. */
final class PduWriter {

    private PduWriter() {
    }

    /** The complete encoding of {@code pdu}, header included. */
    static byte[] encode(Pdu pdu) {
        ItemEncoder out = new ItemEncoder();
        out.u8(pdu.type()).u8(0).u32(0);
        switch (pdu) {
            case AAssociateRq rq -> AssociateCodec.encodeRq(rq, out);
            case AAssociateAc ac -> AssociateCodec.encodeAc(ac, out);
            case AAssociateRj rj -> out.u8(0).u8(rj.result()).u8(rj.source()).u8(rj.reason());
            case PDataTf data -> {
                for (Pdv pdv : data.pdvs()) {
                    byte[] bytes = pdv.bytes();
                    out.u32(bytes.length + 2L).u8(pdv.contextId()).u8(pdv.messageControlHeader()).bytes(bytes);
                }
            }
            case AReleaseRq rq -> out.u32(0);
            case AReleaseRp rp -> out.u32(0);
            case AAbort abort -> out.u8(0).u8(0).u8(abort.source()).u8(abort.reason());
        }
        out.patch32(2, out.size() - 6L);
        return out.toByteArray();
    }

    static void write(Pdu pdu, OutputStream out) throws IOException {
        out.write(encode(pdu));
        out.flush();
    }
}
