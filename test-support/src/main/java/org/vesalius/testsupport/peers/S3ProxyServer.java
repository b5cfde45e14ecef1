package org.vesalius.testsupport.peers;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy in this JVM: the real S3 REST API (SigV4, multipart, conditional writes, checksums)
 * over a filesystem directory, on an ephemeral port of 127.0.0.1, with fixed test credentials.
 *
 * <p>S3Proxy and the AWS SDK are optional dependencies of this module: a module that starts this
 * peer declares {@code org.gaul:s3proxy} (test scope) and has the SDK's S3 client already.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "vesalius-test";
    public static final String SECRET_KEY = "vesalius-test-secret";

    private final S3Proxy proxy;
    private boolean stopped;

    private S3ProxyServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static S3ProxyServer start(Path directory) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start(); // returns once Jetty listens
        if (!"STARTED".equals(proxy.getState())) {
            proxy.stop();
            throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        return new S3ProxyServer(proxy);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client of our own, for looking into the bucket or injecting failures. */
    public S3Client client(int maxAttempts, List<ExecutionInterceptor> interceptors) {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(Apache5HttpClient.builder())
                .overrideConfiguration(o -> {
                    o.retryStrategy(b -> b.maxAttempts(maxAttempts));
                    interceptors.forEach(o::addExecutionInterceptor);
                })
                .build();
    }

    /** Stops the server (idempotent). */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping S3Proxy failed", e);
        }
    }
}
