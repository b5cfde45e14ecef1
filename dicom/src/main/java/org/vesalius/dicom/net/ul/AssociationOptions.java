package org.vesalius.dicom.net.ul;

import java.time.Duration;
import java.util.Objects;
import org.vesalius.dicom.io.FileMetaInformation;

/**
 * Transport and timing settings of associations, for requestors and acceptors alike. Start from
 * {@link #DEFAULT} and adjust with the {@code with} methods.
 *
 * @param maxPduLengthReceive       the P-DATA-TF length we advertise and enforce on receipt; 0 = no limit
 *                                  (only {@code maxIncomingPduLength} then applies)
 * @param maxPduLengthSend          our own cap on outgoing P-DATA-TF; 0 = whatever the peer allows (when
 *                                  the peer allows anything, {@link #UNLIMITED_PEER_FRAGMENT} is used)
 * @param maxIncomingPduLength      hard cap on the length field of any incoming PDU, whatever was negotiated
 * @param connectTimeout            TCP connect plus TLS handshake (requestor)
 * @param acseTimeout               wait for A-ASSOCIATE-AC/RJ after sending the request (requestor)
 * @param artimTimeout              ARTIM: wait for A-ASSOCIATE-RQ after accepting a connection (acceptor,
 *                                  TLS handshake included) and for the peer to close after a reject, release
 *                                  or abort (both)
 * @param idleTimeout               no PDU in either direction for this long triggers {@code idleAction};
 *                                  {@link Duration#ZERO} = never
 * @param idleAction                release or abort when idle
 * @param releaseTimeout            wait for A-RELEASE-RP before aborting
 * @param tcpNoDelay                disable Nagle's algorithm (PDUs are written whole, so on by default)
 * @param sendBufferSize            SO_SNDBUF, 0 = system default
 * @param receiveBufferSize         SO_RCVBUF, 0 = system default
 * @param implementationClassUid    sent in A-ASSOCIATE-RQ/AC
 * @param implementationVersionName sent in A-ASSOCIATE-RQ/AC, null for none
 */
public record AssociationOptions(long maxPduLengthReceive, long maxPduLengthSend, long maxIncomingPduLength,
        Duration connectTimeout, Duration acseTimeout, Duration artimTimeout, Duration idleTimeout, IdleAction idleAction,
        Duration releaseTimeout, boolean tcpNoDelay, int sendBufferSize, int receiveBufferSize,
        String implementationClassUid, String implementationVersionName) {

    /** 16378, dcm4che's default: a 16 KiB PDU including its 6-byte header is 16384. */
    public static final long DEFAULT_MAX_PDU_LENGTH = 16378;
    /** 16 MiB plus room for headers: the largest PDU of any kind we read. */
    public static final long DEFAULT_MAX_INCOMING_PDU_LENGTH = 16L * 1024 * 1024 + 1024;
    /** Fragment size (P-DATA-TF length) when neither side limits it. */
    public static final long UNLIMITED_PEER_FRAGMENT = 1024 * 1024;
    /** The smallest maximum length we can work with: one PDV header and some data. */
    public static final long MIN_PDU_LENGTH = 64;

    /** Defaults that suit a laptop and a hospital network alike. */
    public static final AssociationOptions DEFAULT = new AssociationOptions(DEFAULT_MAX_PDU_LENGTH, 0,
            DEFAULT_MAX_INCOMING_PDU_LENGTH, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofMinutes(5), IdleAction.RELEASE, Duration.ofSeconds(10), true, 0, 0,
            FileMetaInformation.IMPLEMENTATION_CLASS_UID, FileMetaInformation.IMPLEMENTATION_VERSION_NAME);

    public AssociationOptions {
        checkLength(maxPduLengthReceive, "maxPduLengthReceive");
        checkLength(maxPduLengthSend, "maxPduLengthSend");
        if (maxIncomingPduLength < MIN_PDU_LENGTH || maxIncomingPduLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxIncomingPduLength out of range: " + maxIncomingPduLength);
        }
        checkPositive(connectTimeout, "connectTimeout");
        checkPositive(acseTimeout, "acseTimeout");
        checkPositive(artimTimeout, "artimTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(idleAction, "idleAction");
        checkPositive(releaseTimeout, "releaseTimeout");
        Objects.requireNonNull(implementationClassUid, "implementationClassUid");
        if (sendBufferSize < 0 || receiveBufferSize < 0) {
            throw new IllegalArgumentException("buffer sizes must be >= 0");
        }
    }

    /** The limit that applies to incoming P-DATA-TF PDUs. */
    long effectiveReceiveLimit() {
        return maxPduLengthReceive == 0 ? maxIncomingPduLength : Math.min(maxPduLengthReceive, maxIncomingPduLength);
    }

    /** The P-DATA-TF length to send, given what the peer advertised (0 = no limit). */
    long effectiveSendLimit(long peerMaxPduLength) {
        long limit = peerMaxPduLength == 0 ? UNLIMITED_PEER_FRAGMENT : peerMaxPduLength;
        return maxPduLengthSend == 0 ? limit : Math.min(limit, maxPduLengthSend);
    }

    public AssociationOptions withMaxPduLengthReceive(long length) {
        return new AssociationOptions(length, maxPduLengthSend, maxIncomingPduLength, connectTimeout, acseTimeout,
                artimTimeout, idleTimeout, idleAction, releaseTimeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    public AssociationOptions withMaxPduLengthSend(long length) {
        return new AssociationOptions(maxPduLengthReceive, length, maxIncomingPduLength, connectTimeout, acseTimeout,
                artimTimeout, idleTimeout, idleAction, releaseTimeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    public AssociationOptions withMaxIncomingPduLength(long length) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, length, connectTimeout, acseTimeout,
                artimTimeout, idleTimeout, idleAction, releaseTimeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    public AssociationOptions withConnectTimeout(Duration timeout) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, maxIncomingPduLength, timeout, acseTimeout,
                artimTimeout, idleTimeout, idleAction, releaseTimeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    public AssociationOptions withAcseTimeout(Duration timeout) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, maxIncomingPduLength, connectTimeout, timeout,
                artimTimeout, idleTimeout, idleAction, releaseTimeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    public AssociationOptions withArtimTimeout(Duration timeout) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, maxIncomingPduLength, connectTimeout,
                acseTimeout, timeout, idleTimeout, idleAction, releaseTimeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    /** Idle timeout and what to do then; {@link Duration#ZERO} disables it. */
    public AssociationOptions withIdleTimeout(Duration timeout, IdleAction action) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, maxIncomingPduLength, connectTimeout,
                acseTimeout, artimTimeout, timeout, action, releaseTimeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    public AssociationOptions withReleaseTimeout(Duration timeout) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, maxIncomingPduLength, connectTimeout,
                acseTimeout, artimTimeout, idleTimeout, idleAction, timeout, tcpNoDelay, sendBufferSize, receiveBufferSize,
                implementationClassUid, implementationVersionName);
    }

    /** TCP_NODELAY and socket buffer sizes (0 = system default). */
    public AssociationOptions withSocket(boolean noDelay, int sendBuffer, int receiveBuffer) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, maxIncomingPduLength, connectTimeout,
                acseTimeout, artimTimeout, idleTimeout, idleAction, releaseTimeout, noDelay, sendBuffer, receiveBuffer,
                implementationClassUid, implementationVersionName);
    }

    public AssociationOptions withImplementation(String classUid, String versionName) {
        return new AssociationOptions(maxPduLengthReceive, maxPduLengthSend, maxIncomingPduLength, connectTimeout,
                acseTimeout, artimTimeout, idleTimeout, idleAction, releaseTimeout, tcpNoDelay, sendBufferSize,
                receiveBufferSize, classUid, versionName);
    }

    private static void checkLength(long length, String name) {
        if (length != 0 && (length < MIN_PDU_LENGTH || length > 0xFFFFFFFFL)) {
            throw new IllegalArgumentException(name + " must be 0 or " + MIN_PDU_LENGTH + "..2^32-1: " + length);
        }
    }

    private static void checkPositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
