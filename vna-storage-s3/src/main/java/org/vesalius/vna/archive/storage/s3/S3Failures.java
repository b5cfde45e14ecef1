package org.vesalius.vna.archive.storage.s3;

import org.vesalius.vna.archive.storage.StorageUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Turns AWS SDK exceptions into the port's failures; SDK types stay causes only. */
final class S3Failures {

    private S3Failures() {
    }

    /** 404 for an object (not for a bucket, which is a configuration error). */
    static boolean isObjectNotFound(SdkException e) {
        if (e instanceof NoSuchKeyException) {
            return true;
        }
        return e instanceof AwsServiceException s && s.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(s));
    }

    static boolean isStatus(SdkException e, int status) {
        return e instanceof AwsServiceException s && s.statusCode() == status;
    }

    static StorageUnavailableException unavailable(String what, SdkException e) {
        if (e instanceof AwsServiceException s) {
            String code = errorCode(s);
            return new StorageUnavailableException(what + " failed: S3 answered " + s.statusCode()
                    + (code == null ? "" : " " + code) + hint(s.statusCode(), code), e);
        }
        return new StorageUnavailableException(what + " failed: " + e.getMessage(), e);
    }

    private static String hint(int status, String code) {
        if ("NoSuchBucket".equals(code)) {
            return " (the bucket does not exist)";
        }
        if (status == 403) {
            return " (check the credentials, the bucket policy and the region)";
        }
        if (status == 409) {
            return " (a concurrent write to the same key; retry)";
        }
        return "";
    }

    private static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }
}
