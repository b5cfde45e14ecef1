package org.vesalius.vna.archive.storage.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client from an {@link S3BlobStoreConfig}: Apache HttpClient 5 (streams request
 * bodies from the spool file; no Netty), bounded connect and read timeouts, the standard
 * retry strategy with a bounded number of attempts and no circuit breaker, so an unreachable
 * endpoint fails in bounded time instead of hanging and a transient fault is retried even
 * right after an outage.
 */
final class S3ClientFactory {

    private S3ClientFactory() {
    }

    static S3Client create(S3BlobStoreConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(config.connectTimeout())
                        .socketTimeout(config.socketTimeout()))
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyleAccess())
                .credentialsProvider(credentials(config))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(config.maxAttempts())
                        // The SDK's retry "circuit breaker" stops all retries once an outage has
                        // drained its token bucket (about 50 failed requests: a minute of health
                        // probes), until hundreds of successes refill it; a transient 503 after
                        // S3 is back would then fail the instance. maxAttempts bounds the load.
                        .circuitBreakerEnabled(false)
                        .build()));
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint());
        }
        if (!config.integrityChecksums()) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3BlobStoreConfig config) {
        if (config.accessKeyId() == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
    }
}
