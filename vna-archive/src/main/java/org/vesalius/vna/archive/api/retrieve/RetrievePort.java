package org.vesalius.vna.archive.api.retrieve;

import java.util.List;

/**
 * The retrieve port: the one call every retrieve edge (WADO-RS, WADO-URI, C-MOVE, C-GET) makes
 * to learn which instances a request covers.
 *
 * @param <I> what the instances are served as
 */
public interface RetrievePort<I extends ResolvedInstance> {

    /**
     * The instances of {@code scope}, in their current versions, in the order they are sent;
     * empty when the archive holds none. One view of the metadata journal serves all of them.
     *
     * @throws PatientStudiesUnavailableException a {@link RetrieveScope.Patient} scope whose
     *                                            studies cannot be listed completely
     */
    List<I> resolve(RetrieveScope scope);
}
