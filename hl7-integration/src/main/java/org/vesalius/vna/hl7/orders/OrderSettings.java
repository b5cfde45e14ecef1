package org.vesalius.vna.hl7.orders;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How orders become worklist items where the message leaves something open.
 *
 * @param stationsByModality the Scheduled Station AE Titles of a modality (e.g. {@code CT -> [CT01, CT02]}),
 *                           for orders that name no station (an ORM^O01 has no field for it; an OMI^O23
 *                           names them in IPC-9)
 */
public record OrderSettings(Map<String, List<String>> stationsByModality) {

    public OrderSettings {
        Objects.requireNonNull(stationsByModality, "stationsByModality");
        stationsByModality = Map.copyOf(stationsByModality);
    }

    /** No stations configured. */
    public static OrderSettings defaults() {
        return new OrderSettings(Map.of());
    }

    /** The stations of {@code modality}, or none. */
    public List<String> stationsOf(String modality) {
        return stationsByModality.getOrDefault(modality, List.of());
    }
}
