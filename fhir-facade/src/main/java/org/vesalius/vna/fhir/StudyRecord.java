package org.vesalius.vna.fhir;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.vesalius.dicom.data.Dataset;

/**
 * What the index says about one study, as the facade assembles it from three queries of the
 * archive's query port (study, its series, its instances).
 *
 * @param study       the study-level attributes with the counts and ModalitiesInStudy
 * @param lastUpdated when the archive last received an instance of it, or null
 * @param series      its series, in the archive's order, with NumberOfSeriesRelatedInstances
 * @param instances   per Series Instance UID its instances; null when the study has more than
 *                    the configured number of instances to list
 */
record StudyRecord(Dataset study, Instant lastUpdated, List<Dataset> series, Map<String, List<Dataset>> instances) {
}
