/**
 * DICOM JSON (PS3.18 Annex F) and Native DICOM Model XML (PS3.19): {@link
 * org.vesalius.dicom.json.DicomJsonWriter} and {@link org.vesalius.dicom.json.NativeXmlWriter}
 * write from a {@link org.vesalius.dicom.data.Dataset} or straight from a {@link
 * org.vesalius.dicom.io.DicomStreamReader}'s tokens (no tree); {@link
 * org.vesalius.dicom.json.DicomJsonReader} reads JSON back into a data set. Bulk data leaves a
 * document as URIs that a {@link org.vesalius.dicom.json.BulkDataUriBuilder} chooses, and comes
 * back through a {@link org.vesalius.dicom.json.BulkDataUriHandler}.
 */
package org.vesalius.dicom.json;
