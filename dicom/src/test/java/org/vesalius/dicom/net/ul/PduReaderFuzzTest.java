package org.vesalius.dicom.net.ul;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The PDU decoder on an arbitrary byte stream from a peer: whole PDUs or a {@link PduException}
 * (an {@link IOException}, answered with an A-ABORT), nothing else, and a claimed length never
 * allocates by itself. Replayed by {@code ./vna test}, searched by {@code ./vna fuzz}
 * (dicom/README.md, "Fuzzing").
 */
class PduReaderFuzzTest {

    /** As the acceptor's default maximum PDU length; small enough to keep each input cheap. */
    private static final long MAX_PDU_LENGTH = 1 << 20;

    @FuzzTest(maxExecutions = 100_000)
    void pduStream(byte[] input) {
        PduReader reader = new PduReader(new ByteArrayInputStream(input), MAX_PDU_LENGTH);
        try {
            while (reader.read() != null) {
                // decode every PDU the peer sent
            }
        } catch (IOException expected) {
            // the typed answer to bad input
        }
    }
}
