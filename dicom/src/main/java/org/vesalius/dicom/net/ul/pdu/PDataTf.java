package org.vesalius.dicom.net.ul.pdu;

import java.util.List;

/**
 * P-DATA-TF (PS3.8 9.3.5): one or more presentation data values.
 *
 * <p>Associations stream PDVs without building this record; it serves tools and tests that
 * handle whole PDUs.
 *
 * @param pdvs the PDV items, at least one
 */
public record PDataTf(List<Pdv> pdvs) implements Pdu {

    /** PDU-type of P-DATA-TF. */
    public static final int TYPE = 0x04;

    public PDataTf {
        pdvs = List.copyOf(pdvs);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
