package org.vesalius.vna.archive.storage.s3;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The in-JVM S3 peer of test-support ({@link org.vesalius.testsupport.peers.S3ProxyServer}) with
 * the store settings that point {@link S3BlobStore} at it.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = org.vesalius.testsupport.peers.S3ProxyServer.ACCESS_KEY;
    public static final String SECRET_KEY = org.vesalius.testsupport.peers.S3ProxyServer.SECRET_KEY;

    private final org.vesalius.testsupport.peers.S3ProxyServer peer;

    private S3ProxyServer(org.vesalius.testsupport.peers.S3ProxyServer peer) {
        this.peer = peer;
    }

    public static S3ProxyServer start(Path directory) throws Exception {
        return new S3ProxyServer(org.vesalius.testsupport.peers.S3ProxyServer.start(directory));
    }

    public URI endpoint() {
        return peer.endpoint();
    }

    /** Store settings for this server; the caller adds bucket-specific ones. */
    public S3BlobStoreConfig.Builder config(String bucket) {
        return S3BlobStoreConfig.builder(bucket)
                .endpoint(endpoint())
                .pathStyleAccess(true)
                .credentials(ACCESS_KEY, SECRET_KEY);
    }

    /** A client of our own, for looking into the bucket or injecting failures. */
    public S3Client client(int maxAttempts, List<ExecutionInterceptor> interceptors) {
        return peer.client(maxAttempts, interceptors);
    }

    /** Stops the server (idempotent). */
    @Override
    public void close() {
        peer.close();
    }
}
