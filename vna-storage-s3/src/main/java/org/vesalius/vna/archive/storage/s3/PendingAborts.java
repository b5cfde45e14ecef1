package org.vesalius.vna.archive.storage.s3;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Multipart uploads whose abort failed (S3 went away in the middle of the upload, so the abort
 * could not reach it either). Their parts are invisible but stored, and billed: they are aborted
 * again after the next write that S3 accepts, so an outage leaves no incomplete uploads once S3 is
 * back. Held in memory only; after a restart the bucket's lifecycle rule "abort incomplete
 * multipart uploads" is the safety net (vna-archive/README.md, "S3 adapter").
 */
final class PendingAborts {

    private static final Logger LOG = LoggerFactory.getLogger(PendingAborts.class);
    /** Enough for a long outage under load; beyond it the lifecycle rule has to do. */
    static final int LIMIT = 10_000;

    private record Upload(String objectKey, String uploadId) {
    }

    private final Set<Upload> uploads = ConcurrentHashMap.newKeySet();

    /** Remembers an upload whose abort failed. */
    void add(String objectKey, String uploadId) {
        if (uploads.size() < LIMIT) {
            uploads.add(new Upload(objectKey, uploadId));
        }
    }

    int size() {
        return uploads.size();
    }

    /**
     * Aborts the pending uploads; one that S3 no longer knows (404 NoSuchUpload) is done too. Stops
     * at the first other failure (S3 is away again), keeping the rest for the next time.
     */
    void retry(S3Client s3, String bucket) {
        for (Iterator<Upload> it = uploads.iterator(); it.hasNext(); ) {
            Upload upload = it.next();
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(upload.objectKey()).uploadId(upload.uploadId()));
                LOG.info("aborted multipart upload {} of {} in bucket {}, left by an earlier failure",
                        upload.uploadId(), upload.objectKey(), bucket);
            } catch (SdkException e) {
                if (!S3Failures.isStatus(e, 404)) {
                    return;
                }
            }
            it.remove();
        }
    }
}
