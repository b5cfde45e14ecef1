/**
 * The DIMSE-C services (PS3.4, PS3.7) on top of {@link org.vesalius.dicom.net.ul}: C-ECHO, C-STORE,
 * C-FIND, C-MOVE and C-GET, as SCU ({@link org.vesalius.dicom.net.service.DimseClient}) and as SCP
 * ({@link org.vesalius.dicom.net.service.DimseServiceRegistry} with one handler interface per
 * service).
 *
 * <h2>SCP</h2>
 * A {@link org.vesalius.dicom.net.service.DimseServiceRegistry} is the
 * {@link org.vesalius.dicom.net.ul.MessageHandler} of a {@link org.vesalius.dicom.net.ul.DicomServer};
 * it routes each request to the handler registered for the service and the SOP Class, or to the one
 * registered for {@code "*"}. The {@link org.vesalius.dicom.net.ul.ApplicationEntity} decides what
 * is negotiated; {@link org.vesalius.dicom.net.service.StorageSopClasses} builds the usual "every
 * storage SOP Class in every transfer syntax".
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Data sets stream.</b> A C-STORE handler reads the data set from the association as it
 * arrives; the SCU writes it from a file or a {@link org.vesalius.dicom.net.ul.DataWriter} into
 * PDUs. Nothing holds a whole data set in memory, so instance size is bounded by disk, not heap.</li>
 * <li><b>Received means received whole.</b> The C-STORE response is sent only after the last
 * fragment has arrived; if the association ends first, the handler's stream fails with
 * {@link org.vesalius.dicom.net.ul.AssociationAbortedException} and no response is sent, whatever
 * the handler returned.</li>
 * <li><b>Statuses</b>: a handler returns one, or throws
 * {@link org.vesalius.dicom.net.service.DicomServiceException} with status and Error Comment; any
 * other exception is answered 0110 processing failure (C-STORE) or C000 unable to process
 * (queries and retrieves) and logged once. No handler for the SOP Class: 0122; a command we do not
 * perform: 0211.</li>
 * <li><b>Timeouts abort.</b> Every wait for a response is bounded
 * ({@link org.vesalius.dicom.net.service.DimseOptions}); when one expires the association is
 * aborted, since a late response could be taken for the answer to a later request.</li>
 * <li><b>C-MOVE and C-GET</b> ({@link org.vesalius.dicom.net.service.RetrieveTask}, after
 * Orthanc's counted iterator): the handler says how many instances and yields them one by one.
 * An unknown destination is A801 before anything is queried; nothing to send is success without
 * associating. Sub-operations go on an association to the destination (C-MOVE, with Move
 * Originator AE Title and Message ID) or back on the requestor's own (C-GET, only on contexts
 * where it took the SCP role). A Pending response follows each sub-operation; the final status is
 * 0000, B000 (some failed or warned), A702 (all failed) or FE00 (cancelled, with the remaining
 * count), with the Failed SOP Instance UID List. A destination that stops answering costs one
 * response timeout, not the whole move.</li>
 * <li><b>No transcoding of compressed data.</b> An instance goes in its own transfer syntax;
 * only a native data set is rewritten (in memory) into a native syntax the peer accepted
 * instead.</li>
 * <li><b>Bytes as they came.</b> {@link org.vesalius.dicom.net.service.CStoreHandler#toDirectory}
 * writes a File Meta from the command and the negotiated transfer syntax, then the data set bytes
 * exactly as received; the SCU sends a file's data set exactly as stored (an odd-length deflated
 * data set gets the trailing NUL PS3.5 A.5 asks for).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * C-ECHO and C-STORE are performed on the association's reader thread. C-FIND (and C-MOVE, C-GET)
 * run on the registry's executor, a virtual thread each by default, so that the reader stays free
 * to receive C-CANCEL (and the responses to C-GET sub-operations). The SCU side blocks the calling
 * thread while the reader thread routes responses to it by Message ID; C-FIND matches are handed
 * over through a bounded buffer, so a slow consumer slows the SCP down through TCP.
 *
 * <h2>Logging</h2>
 * Besides the two INFO lines of each association (see {@link org.vesalius.dicom.net.ul}), one line
 * per DIMSE operation as {@code org.vesalius.dicom.net.service.Dimse}: association, operation,
 * direction ("from" the peer when we perform it, "to" it when we invoke it), SOP Class keyword,
 * SOP Instance UID or level or destination, status, counts, bytes and duration, for example
 * <pre>
 * STORESCU-&gt;VESALIUS: C-STORE from CTImageStorage 1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322: 0000 SUCCESS (38732 bytes, 2 ms)
 * MOVESCU-&gt;VESALIUS: C-MOVE from StudyRootQueryRetrieveInformationModelMove to DEST: completed 10, failed 0, warning 0, 0000 SUCCESS (70 ms)
 * </pre>
 * Successful C-ECHO and C-STORE (sub-operations included) at DEBUG, since an archive performs
 * thousands a minute; refused or failed ones at INFO with their Error Comment; every C-FIND,
 * C-MOVE and C-GET at INFO. Threads that run operations carry the association's name in the MDC
 * key {@code dicom.association}, as its reader thread does. An unexpected handler exception is
 * logged once, at WARN, with its stack trace.
 */
package org.vesalius.dicom.net.service;
