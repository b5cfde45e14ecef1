package org.vesalius.vna.archive.storage.s3;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lazy listing: ListObjectsV2 one page (up to 1,000 keys) at a time, as the stream is consumed.
 * Objects under the store's prefix whose names are not valid keys (put there by other tools)
 * are skipped and logged.
 */
final class S3Listing {

    private static final Logger LOG = LoggerFactory.getLogger(S3Listing.class);

    private S3Listing() {
    }

    static Stream<BlobKey> list(S3Client s3, String bucket, String storePrefix, String prefix) {
        Iterable<S3Object> objects = s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(storePrefix + prefix))
                .contents();
        return StreamSupport.stream(new Translating(objects, bucket, storePrefix + prefix), false)
                .map(o -> toKey(o.key(), storePrefix, bucket))
                .filter(k -> k != null);
    }

    private static BlobKey toKey(String objectKey, String storePrefix, String bucket) {
        String key = objectKey.substring(storePrefix.length());
        if (BlobKey.isValid(key)) {
            return BlobKey.of(key);
        }
        if (!key.endsWith("/")) { // "folder" markers made by consoles are expected; say nothing
            LOG.warn("listing skips s3://{}/{}: not a valid blob key (not written by this store)", bucket, objectKey);
        }
        return null;
    }

    /**
     * Pages are fetched inside {@code iterator()} (the first) and {@code hasNext} (the others),
     * both called on first use: translate their failures, not the caller's.
     */
    private static final class Translating implements Spliterator<S3Object> {
        private final Iterable<S3Object> pages;
        private Iterator<S3Object> objects;
        private final String bucket;
        private final String prefix;

        Translating(Iterable<S3Object> pages, String bucket, String prefix) {
            this.pages = pages;
            this.bucket = bucket;
            this.prefix = prefix;
        }

        @Override
        public boolean tryAdvance(Consumer<? super S3Object> action) {
            S3Object next;
            try {
                if (objects == null) {
                    objects = pages.iterator();
                }
                if (!objects.hasNext()) {
                    return false;
                }
                next = objects.next();
            } catch (SdkException e) {
                throw S3Failures.unavailable("listing s3://" + bucket + "/" + prefix, e);
            }
            action.accept(next);
            return true;
        }

        @Override
        public Spliterator<S3Object> trySplit() {
            return null;
        }

        @Override
        public long estimateSize() {
            return Long.MAX_VALUE;
        }

        @Override
        public int characteristics() {
            return Spliterator.NONNULL | Spliterator.ORDERED;
        }
    }
}
