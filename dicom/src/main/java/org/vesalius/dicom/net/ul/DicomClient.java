package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Opens associations as requestor. Immutable and thread-safe: configure once, connect many times.
 *
 * <pre>{@code
 * DicomClient client = DicomClient.builder().options(AssociationOptions.DEFAULT).build();
 * try (Association as = client.connect("pacs", 104, request, responses)) {
 *     int pc = as.acceptedContext(VERIFICATION).orElseThrow().id();
 *     as.send(pc, echoCommand, null);
 *     ...
 * }
 * }</pre>
 */
public final class DicomClient {

    private final AssociationOptions options;
    private final TlsOptions tls;
    private final Executor executor;
    private final InetAddress localAddress;

    private DicomClient(AssociationOptions options, TlsOptions tls, Executor executor, InetAddress localAddress) {
        this.options = options;
        this.tls = tls;
        this.executor = executor;
        this.localAddress = localAddress;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The options associations are opened with. */
    public AssociationOptions options() {
        return options;
    }

    /**
     * Connects, negotiates and returns the established association; incoming messages (responses,
     * or requests such as C-GET's C-STORE sub-operations) go to {@code handler} on the association's
     * reader thread.
     *
     * @throws AssociationRejectedException with the (result, source, reason) triple on A-ASSOCIATE-RJ
     * @throws AssociationTimeoutException  when the connection or the answer did not come in time
     * @throws AssociationException         when the peer aborted, accepted no presentation context, or broke the protocol
     * @throws IOException                  when the connection failed (refused, TLS handshake failed, ...)
     */
    public Association connect(String host, int port, AssociationRequest request, MessageHandler handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        return new RequestorHandshake(options, tls, executor, localAddress).connect(host, port, request, handler);
    }

    /** Builds a {@link DicomClient}. */
    public static final class Builder {
        private AssociationOptions options = AssociationOptions.DEFAULT;
        private TlsOptions tls;
        private Executor executor = task -> Thread.ofVirtual().name("dicom-association").start(task);
        private InetAddress localAddress;

        private Builder() {
        }

        public Builder options(AssociationOptions options) {
            this.options = Objects.requireNonNull(options);
            return this;
        }

        /** Use DICOM TLS; the handshake counts toward the connect timeout. */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /** Runs each association's reader loop; default: a new virtual thread per association. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor);
            return this;
        }

        /**
         * Connect from this local address (on a host with several, the one a peer's network rules
         * expect); default: whichever the system routes through.
         */
        public Builder localAddress(InetAddress address) {
            this.localAddress = address;
            return this;
        }

        public DicomClient build() {
            return new DicomClient(options, tls, executor, localAddress);
        }
    }
}
