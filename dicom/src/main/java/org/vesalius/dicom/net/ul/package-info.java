/**
 * The DICOM upper layer (PS3.8): associations over TCP or TLS, for requestors
 * ({@link org.vesalius.dicom.net.ul.DicomClient}) and acceptors
 * ({@link org.vesalius.dicom.net.ul.DicomServer}), with streaming P-DATA both ways. The DIMSE layer
 * plugs in through {@link org.vesalius.dicom.net.ul.MessageHandler} and
 * {@link org.vesalius.dicom.net.ul.Association#send}.
 *
 * <h2>Protocol machine</h2>
 * Every event goes through {@code TransitionTable}, PS3.8 Table 9-10 cell by cell. Empty cells
 * refuse local requests and ignore other events, except that an A-ABORT request is always
 * possible: in Sta2 and Sta13 it closes the connection, in Sta1 it does nothing. State changes
 * happen under a lock; the I/O of an action happens after it is released, so a slow peer never
 * blocks the reader.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li><b>Nothing acceptable</b>: A-ASSOCIATE-RJ (1, 1, 1), not an A-ASSOCIATE-AC with every
 * context rejected, and never accept-then-abort (pynetdicom #197). Both answers are legal; the
 * reject tells the requestor in protocol terms and frees the acceptor at once. dcmtk's storescp
 * answers with an all-rejected AC; our requestor then releases and reports it as an
 * {@link org.vesalius.dicom.net.ul.AssociationException}.</li>
 * <li><b>Association limits</b> reject with (2, 3, 2): rejected-transient, service-provider
 * (presentation), local-limit-exceeded (PS3.8 9.3.4). Connections not yet associated beyond
 * their limit are closed unread: there is no request to reject yet.</li>
 * <li><b>Idle timeout</b> releases by default and aborts if the peer does not answer within the
 * release timeout, or at once if a data set is half received; {@link org.vesalius.dicom.net.ul.IdleAction}
 * switches to plain abort. Time spent in our own handler does not count as idle.</li>
 * <li><b>Protocol errors</b> (garbage, a PDU longer than our maximum, a PDV on a context not
 * accepted, command fragments interrupted) are answered with A-ABORT from the service-provider
 * with the matching reason (PS3.8 Table 9-26), also in Sta2 where the table's AA-1 speaks of a
 * service-user source: the reason is what helps the peer. After one, the byte stream is not parsed
 * further; we wait for the peer to close, bounded by ARTIM.</li>
 * <li><b>Abort</b> sends A-ABORT and returns; the connection closes when the peer closes it or
 * ARTIM expires (Sta13), so the A-ABORT is not lost to a TCP reset.</li>
 * <li><b>Maximum PDU length</b>: we advertise {@code maxPduLengthReceive} (default 16378) and
 * abort on any P-DATA-TF longer; we send P-DATA-TF no longer than the peer advertised (capped at
 * 1 MiB when it advertises no limit). A PDU of any type longer than
 * {@code maxIncomingPduLength} (16 MiB) is refused before its body is read.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * One reader per association decodes PDUs and calls the handler; data sets stream from the
 * socket to the handler without buffering. The acceptor waits for the request on a virtual thread
 * by default, then reads the association there or on a bounded pool of platform threads
 * ({@link org.vesalius.dicom.net.ul.DicomServer.Builder#readerThreads}), cheaper for blocking I/O. Sending is serialized by a
 * message lock (whole messages) and a PDU lock (whole PDUs, so an abort can slip in between).
 * Timers (ARTIM, idle) are sleeping virtual threads. Locks are {@code ReentrantLock}s, never
 * {@code synchronized} around blocking I/O.
 *
 * <h2>Logging</h2>
 * Each association leaves an INFO line when established (peer, implementation, accepted contexts,
 * maximum PDU lengths, identity) and one when it ends (how, after how long, bytes in and out),
 * logged as {@code org.vesalius.dicom.net.ul.Association}; the reader thread carries the MDC key
 * {@code dicom.association} ("CALLING->CALLED"). Protocol details are at DEBUG.
 */
package org.vesalius.dicom.net.ul;
