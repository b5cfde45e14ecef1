package org.vesalius.vna.hl7.receive;

import java.net.Socket;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.component.mllp.MllpConfiguration;
import org.apache.camel.component.mllp.MllpEndpoint;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.MllpSocketBuffer;
import org.apache.camel.component.mllp.internal.TcpServerConsumerValidationRunnable;
import org.apache.camel.support.CamelContextHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * camel-mllp's component with its first read of each connection guarded. In camel-mllp 4.17 that
 * read runs on an unbounded thread pool, and a first message larger than {@code maxBufferSize}
 * ends it with an exception that nothing catches: the connection is then neither served nor
 * closed, and its sender waits forever (MllpListenerTest, the 50 MB message). Here the first read
 * runs on a bounded pool, and a connection whose first read fails in any way is reset. PHI is
 * kept out of the component's log lines ({@code logPhi} off, at most one byte of a message).
 */
final class GuardedMllpComponent extends MllpComponent {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedMllpComponent.class);

    private final int maxFirstReads;
    private final int maxMessageBytes;
    private final SSLContextParameters tls;

    /**
     * {@code maxFirstReads}: connections whose first message is being read at once (more are reset);
     * {@code maxMessageBytes}: the largest message read (set here: camel-mllp's own endpoint
     * configurer does not apply to this subclass, and its component-level value is not copied);
     * {@code tls}: TLS parameters, or null for plain TCP (set the same way, for the same reason).
     */
    GuardedMllpComponent(int maxFirstReads, int maxMessageBytes, SSLContextParameters tls) {
        this.maxFirstReads = maxFirstReads;
        this.maxMessageBytes = maxMessageBytes;
        this.tls = tls;
        setLogPhi(false);
        setLogPhiMaxBytes(1);
    }

    /** As {@link MllpComponent#createEndpoint}, with the guarded endpoint (no component-level configuration is used here). */
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        MllpEndpoint endpoint = new GuardedEndpoint(uri, this, new MllpConfiguration(), maxFirstReads);
        endpoint.setCharsetName(getDefaultCharset());
        int colon = remaining.lastIndexOf(':');
        if (colon >= 0) {
            endpoint.setHostname(remaining.substring(0, colon));
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining.substring(colon + 1)));
        } else {
            endpoint.setPort(CamelContextHelper.parseInt(getCamelContext(), remaining));
        }
        setProperties(endpoint, parameters);
        // After the endpoint copied its configuration: MllpConfiguration.copy() leaves the buffer limits out.
        endpoint.getConfiguration().setMaxBufferSize(maxMessageBytes);
        if (tls != null) {
            endpoint.getConfiguration().setSslContextParameters(tls);
        }
        return endpoint;
    }

    private static final class GuardedEndpoint extends MllpEndpoint {

        private final int maxFirstReads;

        GuardedEndpoint(String uri, MllpComponent component, MllpConfiguration configuration, int maxFirstReads) {
            super(uri, component, configuration);
            this.maxFirstReads = maxFirstReads;
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            Consumer consumer = new GuardedConsumer(this, processor, maxFirstReads);
            configureConsumer(consumer);
            return consumer;
        }
    }

    private static final class GuardedConsumer extends MllpTcpServerConsumer {

        private final ThreadPoolExecutor firstReads;

        GuardedConsumer(MllpEndpoint endpoint, Processor processor, int maxFirstReads) {
            super(endpoint, processor);
            this.firstReads = new ThreadPoolExecutor(0, maxFirstReads, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    Thread.ofPlatform().name("hl7-mllp-first-read-", 0).daemon().factory());
        }

        @Override
        public void validateConsumer(Socket socket) {
            MllpSocketBuffer buffer = new MllpSocketBuffer(getEndpoint());
            TcpServerConsumerValidationRunnable firstRead = new TcpServerConsumerValidationRunnable(this, socket, buffer);
            try {
                firstReads.execute(() -> {
                    try {
                        firstRead.run();
                    } catch (RuntimeException | Error e) {
                        LOG.warn("HL7 MLLP connection from {} reset: its first message could not be read ({})",
                                socket.getRemoteSocketAddress(), e.toString());
                        buffer.reset();
                        buffer.resetSocket(socket);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.warn("HL7 MLLP connection from {} reset: {} connections are already sending their first message",
                        socket.getRemoteSocketAddress(), firstReads.getMaximumPoolSize());
                buffer.resetSocket(socket);
            }
        }

        @Override
        protected void doStop() throws Exception {
            firstReads.shutdownNow();
            super.doStop();
        }
    }
}
