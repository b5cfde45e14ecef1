package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.service.DimseServiceRegistry;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.Pdu;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/** Shared fixtures for association tests: AEs, requests, and a raw-socket peer that speaks PDUs by hand. */
final class Peers {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String IMPLICIT = "1.2.840.10008.1.2";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";
    /** A command set whose Command Data Set Type (0000,0800) announces a data set. */
    static final byte[] COMMAND_WITH_DATA = {0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00};
    /** A command set without data set. */
    static final byte[] COMMAND_WITHOUT_DATA = {0x00, 0x00, 0x00, 0x08, 0x02, 0x00, 0x00, 0x00, 0x01, 0x01};

    private Peers() {
    }

    /** Options with short timers so that timer tests finish quickly. */
    static AssociationOptions quick() {
        return AssociationOptions.DEFAULT.withArtimTimeout(Duration.ofSeconds(2)).withReleaseTimeout(Duration.ofSeconds(5));
    }

    static ApplicationEntity.Builder ae() {
        return ApplicationEntity.builder("VESALIUS").acceptScp(VERIFICATION, EXPLICIT, IMPLICIT)
                .acceptScp(CT_IMAGE_STORAGE, EXPLICIT, IMPLICIT).options(quick());
    }

    static AssociationRequest request(String calling, String called) {
        return AssociationRequest.builder(calling, called).propose(VERIFICATION, IMPLICIT)
                .propose(CT_IMAGE_STORAGE, EXPLICIT, IMPLICIT).build();
    }

    static DicomClient client() {
        return DicomClient.builder().options(quick()).build();
    }

    /** A requestor whose associations can carry DIMSE (C-ECHO here). */
    static DimseClient dimse() {
        return DimseClient.of(client());
    }

    /** The same over {@code client}. */
    static DimseClient dimse(DicomClient client) {
        return DimseClient.of(client);
    }

    /** An acceptor's handler that answers C-ECHO. */
    static MessageHandler verificationScp() {
        return DimseServiceRegistry.builder().build();
    }

    /** C-ECHO on {@code as}; the status code. */
    static int echo(Association as) throws IOException {
        return DimseClient.of(client()).echo(as).status().code();
    }

    /** An A-ASSOCIATE-RQ as bytes, for raw peers. */
    static AAssociateRq rawRequest(String calling, String called) {
        return new AAssociateRq(1, called, calling, AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRequest(1, CT_IMAGE_STORAGE, List.of(IMPLICIT))),
                UserInformation.of(16384, "1.2.3.4", "RAW"));
    }

    /** A socket peer that writes and reads PDUs without any state machine. */
    static final class Raw implements AutoCloseable {
        final Socket socket;
        final InputStream in;
        final OutputStream out;

        Raw(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(30_000); // hang guard only
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        Raw(Socket accepted) throws IOException {
            socket = accepted;
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void send(Pdu pdu) throws IOException {
            out.write(PduWriter.encode(pdu));
            out.flush();
        }

        void sendBytes(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        Pdu read() throws IOException {
            return new PduReader(in, 1 << 24).read();
        }

        /** True when the other side closed: end of stream (or a reset after it stopped reading). */
        boolean closedByPeer() {
            try {
                return in.read() < 0;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
