package org.vesalius.dicom.tool.synthetic;

import org.vesalius.dicom.io.TransferSyntax;

/**
 * A series as planned.
 *
 * @param index      1-based position in its study
 * @param template   modality and description
 * @param uid        Series Instance UID
 * @param number     Series Number
 * @param instances  how many instances
 * @param syntax     the transfer syntax its files are written in
 * @param laterality Laterality (R or L) for paired body parts, else empty
 */
record PlannedSeries(int index, StudyKind.SeriesTemplate template, String uid, int number, int instances,
        TransferSyntax syntax, String laterality) {
}
