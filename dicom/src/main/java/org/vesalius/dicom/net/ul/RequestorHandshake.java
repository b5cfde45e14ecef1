package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.PDataTf;
import org.vesalius.dicom.net.ul.pdu.Pdu;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;

/**
 * The requestor's way to an established association: connect and TLS handshake within the
 * connect timeout (AE-1), A-ASSOCIATE-RQ (AE-2), then A-ASSOCIATE-AC (AE-3) or -RJ (AE-4) within
 * the ACSE timeout.
 */
final class RequestorHandshake {

    private final AssociationOptions options;
    private final TlsOptions tls;
    private final Executor executor;
    private final InetAddress localAddress;

    /** {@code localAddress}: the source address to connect from, or null for the system's choice. */
    RequestorHandshake(AssociationOptions options, TlsOptions tls, Executor executor, InetAddress localAddress) {
        this.options = options;
        this.tls = tls;
        this.executor = executor;
        this.localAddress = localAddress;
    }

    Association connect(String host, int port, AssociationRequest request, MessageHandler handler) throws IOException {
        String name = request.callingAeTitle() + "->" + request.calledAeTitle();
        Transport transport = new Transport(open(new InetSocketAddress(host, port), name));
        UpperLayer ul = new UpperLayer(transport, true, options.artimTimeout(), name);
        ul.fire(Event.EVT1, null, "connect to " + host + ":" + port); // AE-1: done by open() above
        AAssociateRq rq = request.toPdu(options);
        PduReader reader = new PduReader(transport.input(), options.maxIncomingPduLength());
        AAssociateAc ac;
        try {
            transport.socket().setSoTimeout(millis(options.acseTimeout()));
            ul.fire(Event.EVT2, rq, "connected"); // AE-2
            ac = awaitAnswer(ul, reader);
            transport.socket().setSoTimeout(0);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
        Association association = new Association(ul, rq, ac, options, null);
        checkAccept(association, rq, ac);
        AssociationLog.established(association);
        PDataReceiver pdata = new PDataReceiver(ul, reader, options.effectiveReceiveLimit(),
                association.contexts()::isAccepted);
        try {
            executor.execute(new MessageReceiver(association, pdata, handler, () -> { }));
        } catch (RejectedExecutionException e) {
            association.abort("no thread for the reader");
            transport.close();
            throw new AssociationException(name + ": executor refused the reader task", e);
        }
        if (association.contexts().accepted().isEmpty()) {
            association.close();
            throw new AssociationException(name + ": no presentation context accepted: " + ac.presentationContexts());
        }
        return association;
    }

    private Socket open(InetSocketAddress remote, String name) throws IOException {
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(options.tcpNoDelay());
            if (options.sendBufferSize() > 0) {
                socket.setSendBufferSize(options.sendBufferSize());
            }
            if (options.receiveBufferSize() > 0) {
                socket.setReceiveBufferSize(options.receiveBufferSize());
            }
            if (localAddress != null) {
                socket.bind(new InetSocketAddress(localAddress, 0));
            }
            socket.connect(remote, millis(options.connectTimeout()));
            if (tls == null) {
                return socket;
            }
            SSLSocket ssl = TlsSockets.clientSocket(socket, remote, tls);
            ssl.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            ssl.startHandshake();
            return ssl;
        } catch (SocketTimeoutException e) {
            socket.close();
            throw new AssociationTimeoutException(name + ": no connection to " + remote + " within "
                    + options.connectTimeout());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static AAssociateAc awaitAnswer(UpperLayer ul, PduReader reader) throws IOException {
        Pdu answer;
        try {
            PduReader.Header header = reader.readHeader();
            if (header == null) {
                ul.fire(Event.EVT17, null, "closed before A-ASSOCIATE-AC");
                throw new AssociationException(ul.name() + ": connection closed before the association was accepted");
            }
            if (header.type() == PDataTf.TYPE) {
                ul.fire(Event.EVT10, AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU), "P-DATA-TF before A-ASSOCIATE-AC");
                throw new AssociationException(ul.name() + ": P-DATA-TF before A-ASSOCIATE-AC");
            }
            answer = reader.readBody(header);
        } catch (SocketTimeoutException e) {
            ul.fire(Event.EVT15, AAbort.BY_USER, "ACSE timeout");
            throw new AssociationTimeoutException(ul.name() + ": no answer to A-ASSOCIATE-RQ in time");
        } catch (PduException e) {
            ul.fire(Event.EVT19, e.toAbort(), e.getMessage());
            throw new AssociationException(ul.name() + ": invalid answer to A-ASSOCIATE-RQ: " + e.getMessage(), e);
        } catch (AssociationException e) {
            throw e;
        } catch (IOException e) {
            ul.fire(Event.EVT17, null, e.toString());
            throw e;
        }
        AAbort unexpected = AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU);
        switch (answer) {
            case AAssociateAc ac -> {
                ul.fire(Event.EVT3, unexpected, "accepted");
                return ac;
            }
            case AAssociateRj rj -> {
                ul.fire(Event.EVT4, unexpected, "rejected");
                throw new AssociationRejectedException(rj);
            }
            case AAbort abort -> {
                ul.fire(Event.EVT16, abort, "aborted during negotiation");
                throw new AssociationAbortedException(ul.end());
            }
            default -> {
                Event event = answer.type() == AAssociateRq.TYPE ? Event.EVT6 : answer.type() == 5 ? Event.EVT12 : Event.EVT13;
                ul.fire(event, unexpected, "unexpected " + answer);
                throw new AssociationException(ul.name() + ": unexpected answer " + answer);
            }
        }
    }

    /** An accept must only choose among proposed transfer syntaxes, and leave us room to send. */
    private static void checkAccept(Association association, AAssociateRq rq, AAssociateAc ac) throws AssociationException {
        String problem = null;
        long peerMax = ac.userInformation().maxPduLength();
        if (peerMax != 0 && peerMax < AssociationOptions.MIN_PDU_LENGTH) {
            problem = "maximum PDU length " + peerMax + " is too small to work with";
        }
        for (PresentationContextResult result : ac.presentationContexts()) {
            PresentationContextRequest proposed = rq.presentationContexts().stream().filter(p -> p.id() == result.id())
                    .findFirst().orElse(null);
            if (result.isAccepted() && (proposed == null || !proposed.transferSyntaxes().contains(result.transferSyntax()))) {
                problem = "context " + result.id() + " accepted with a transfer syntax not proposed: " + result;
            }
        }
        if (problem != null) {
            association.upperLayer().fire(Event.EVT19, AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE), problem);
            association.upperLayer().transport().close();
            throw new AssociationException(association + ": " + problem);
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
    }
}
