package org.vesalius.dicom.net.service;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a C-MOVE destination by AE title. An AE title it does not know is answered A801 (move
 * destination unknown) before anything is queried or sent.
 */
@FunctionalInterface
public interface MoveDestinationResolver {

    /** The destination called {@code aeTitle}, or empty when unknown. */
    Optional<MoveDestination> resolve(String aeTitle);

    /** Knows no destination: every C-MOVE is answered A801. */
    static MoveDestinationResolver none() {
        return aeTitle -> Optional.empty();
    }

    /** A fixed list, matched by exact AE title. */
    static MoveDestinationResolver of(List<MoveDestination> destinations) {
        Map<String, MoveDestination> byTitle = new HashMap<>();
        for (MoveDestination d : destinations) {
            byTitle.put(d.aeTitle(), d);
        }
        Map<String, MoveDestination> frozen = Map.copyOf(byTitle);
        return aeTitle -> Optional.ofNullable(frozen.get(aeTitle));
    }
}
