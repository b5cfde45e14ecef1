package org.vesalius.dicom.json;

import java.util.Objects;
import org.vesalius.dicom.io.BulkDataDescriptor;

/**
 * How {@link DicomJsonWriter} and {@link NativeXmlWriter} render a data set. Immutable; start
 * from {@link #DEFAULT} and change what you need with the {@code with*} methods.
 *
 * @param numberMode          DS and IS as JSON strings or numbers (JSON only: XML has text)
 * @param bulkData            which values held in memory are left out as bulk data; they become a
 *                            {@code BulkDataURI} when {@code bulkDataUris} gives one, and stay
 *                            inline otherwise
 * @param bulkDataUris        the URIs of bulk values; null writes values held as
 *                            {@link org.vesalius.dicom.data.BulkDataRef} with
 *                            {@link BulkDataUriBuilder#LOCATION} and everything else inline
 * @param includeGroupLengths true to write group length elements (gggg,0000), which PS3.18 and
 *                            PS3.19 leave out
 */
public record WriteOptions(
        NumberMode numberMode,
        BulkDataDescriptor bulkData,
        BulkDataUriBuilder bulkDataUris,
        boolean includeGroupLengths) {

    /** DS/IS as strings, every value in memory inline, no group lengths. */
    public static final WriteOptions DEFAULT = new WriteOptions(NumberMode.STRING, BulkDataDescriptor.NONE, null, false);

    public WriteOptions {
        Objects.requireNonNull(numberMode, "numberMode");
        Objects.requireNonNull(bulkData, "bulkData");
    }

    /** With DS and IS written as {@code mode} says. */
    public WriteOptions withNumberMode(NumberMode mode) {
        return new WriteOptions(mode, bulkData, bulkDataUris, includeGroupLengths);
    }

    /** With the values {@code policy} selects left out as {@code BulkDataURI}s that {@code uris} builds. */
    public WriteOptions withBulkData(BulkDataDescriptor policy, BulkDataUriBuilder uris) {
        return new WriteOptions(numberMode, policy, uris, includeGroupLengths);
    }

    /** With bulk data URIs from {@code uris} (for values held as references and encapsulated pixel data). */
    public WriteOptions withBulkDataUris(BulkDataUriBuilder uris) {
        return new WriteOptions(numberMode, bulkData, uris, includeGroupLengths);
    }

    /** With or without group length elements. */
    public WriteOptions withGroupLengths(boolean include) {
        return new WriteOptions(numberMode, bulkData, bulkDataUris, include);
    }
}
