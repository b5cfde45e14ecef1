package org.vesalius.vna.archive.storage.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.BlobKey;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One multipart upload of a spooled object. The object appears under its key only when
 * CompleteMultipartUpload succeeds; on any failure before that the upload is aborted, so no
 * parts are left behind (if even the abort fails, it is logged and left to {@link PendingAborts}
 * for after the next successful write; a bucket lifecycle rule "abort incomplete multipart
 * uploads" is the safety net, see vna-archive/README.md).
 */
final class MultipartUpload {

    private static final Logger LOG = LoggerFactory.getLogger(MultipartUpload.class);
    static final long MAX_PARTS = 10_000;
    private static final String CONTENT_TYPE = "application/octet-stream";

    private MultipartUpload() {
    }

    /**
     * @return true if the object was written; false if {@code ifNoneMatch} and the key was taken
     *         (the upload was aborted)
     * @throws SdkException any other failure (the upload was aborted)
     */
    static boolean upload(S3Client s3, String bucket, String objectKey, BlobKey key, Spool spool,
            Map<String, String> metadata, S3BlobStoreConfig config, boolean ifNoneMatch, PendingAborts pending) {
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
                .bucket(bucket).key(objectKey).contentType(CONTENT_TYPE).metadata(metadata);
        if (config.integrityChecksums()) {
            create.checksumAlgorithm(ChecksumAlgorithm.SHA256);
        }
        String uploadId = s3.createMultipartUpload(create.build()).uploadId();
        boolean completed = false;
        try {
            long partSize = partSize(spool.size(), config.partSize());
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < spool.size(); offset += partSize, number++) {
                long length = Math.min(partSize, spool.size() - offset);
                long partOffset = offset;
                UploadPartRequest.Builder part = UploadPartRequest.builder()
                        .bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(number).contentLength(length);
                if (config.integrityChecksums()) {
                    part.checksumAlgorithm(ChecksumAlgorithm.SHA256);
                }
                UploadPartResponse response = s3.uploadPart(part.build(),
                        RequestBody.fromContentProvider(() -> spool.open(partOffset, length), length, CONTENT_TYPE));
                parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag())
                        .checksumSHA256(response.checksumSHA256()).build());
            }
            CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
                    .bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts));
            if (ifNoneMatch) {
                complete.ifNoneMatch("*");
            }
            try {
                s3.completeMultipartUpload(complete.build());
            } catch (SdkException e) {
                if (ifNoneMatch && S3Failures.isStatus(e, 412)) {
                    return false; // aborted below
                }
                throw e;
            }
            completed = true;
            return true;
        } finally {
            if (!completed) {
                abort(s3, bucket, objectKey, key, uploadId, pending);
            }
        }
    }

    /** The configured part size, grown (in whole MiB) if the object would need over 10,000 parts. */
    static long partSize(long objectSize, long configured) {
        long needed = (objectSize + MAX_PARTS - 1) / MAX_PARTS;
        long mib = S3BlobStoreConfig.MIB;
        return Math.max(configured, (needed + mib - 1) / mib * mib);
    }

    private static void abort(S3Client s3, String bucket, String objectKey, BlobKey key, String uploadId,
            PendingAborts pending) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (SdkException e) {
            pending.add(objectKey, uploadId);
            LOG.error("could not abort multipart upload {} of {} in bucket {}; its parts stay (invisible,"
                    + " but stored) until the abort is retried after the next successful write, or a lifecycle"
                    + " rule removes them", uploadId, key, bucket, e);
        }
    }
}
