package org.vesalius.vna.archive.api.retrieve;

import java.util.List;
import java.util.Optional;
import org.vesalius.dicom.json.TagPath;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * The retrieve port: what every retrieve edge (WADO-RS, WADO-URI, C-MOVE, C-GET) reads. Which
 * instances a request covers is answered by one call, {@link #resolve}, so every edge gets the same
 * instances in the same versions; each is served as stored or transcoded on request
 * ({@link ServedInstance#unavailableIn}, {@link ServedInstance#writePart10}).
 */
public interface RetrievePort {

    /**
     * The instances of {@code scope}, in their current versions, in the order they are sent;
     * empty when the archive holds none. One view of the metadata journal serves all of them.
     *
     * @throws PatientStudiesUnavailableException a {@link RetrieveScope.Patient} scope whose
     *                                            studies cannot be listed completely
     */
    List<? extends ResolvedInstance> resolve(RetrieveScope scope);

    /** One instance, ready to stream; throws the archive's not-found failure when it is not stored. */
    ServedInstance instance(InstanceRef ref);

    /** The frames of an instance; empty when it has no pixel data. */
    Optional<? extends Frames> pixelData(InstanceRef ref);

    /** The value at {@code path} in an instance; empty when the path names no element with a value. */
    Optional<? extends BulkData> bulkData(InstanceRef ref, TagPath path);

    /** The metadata of a study (series and SOP null), a series (SOP null) or an instance. */
    InstanceMetadata metadata(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid);
}
