package org.vesalius.vna.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * meta.versionId, meta.lastUpdated and so the ETag of a resource derived from the index. The
 * archive keeps no FHIR history, so the version is a digest of the resource's content: it changes
 * exactly when what a client would see changes, and is the same on every node and after a
 * reindex. lastUpdated is the latest receipt of one of the entity's instances.
 */
final class Versions {

    private Versions() {
    }

    static <R extends Resource> R stamp(FhirContext ctx, R resource, Instant lastUpdated) {
        resource.setMeta(null);
        String json = ctx.newJsonParser().encodeResourceToString(resource);
        String version;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            version = HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        resource.getMeta().setVersionId(version);
        if (lastUpdated != null && lastUpdated.toEpochMilli() > 0) {
            resource.getMeta().setLastUpdated(Date.from(lastUpdated));
        }
        resource.setId(new IdType(resource.fhirType(), resource.getIdElement().getIdPart(), version));
        return resource;
    }
}
