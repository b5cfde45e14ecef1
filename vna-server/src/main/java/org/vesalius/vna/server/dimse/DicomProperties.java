package org.vesalius.vna.server.dimse;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;
import org.vesalius.dicom.net.service.MoveDestination;

/**
 * {@code vna.dicom.*}: the DICOM listener.
 *
 * @param port         TCP port of the C-STORE SCP (0: any free port, for tests)
 * @param bindAddress  the address listened on: {@code 127.0.0.1} (this machine only) by default; an
 *                     interface's address, or {@code 0.0.0.0} for all, needs {@code access} (or
 *                     {@code vna.security.insecure=true})
 * @param access       the allow-list of calling AE titles, {@code vna.dicom.access.<AE>.rights=echo,store,find,move,get}
 *                     and {@code vna.dicom.access.<AE>.networks=10.1.0.0/16,modality1.example.org} (optional);
 *                     empty: every calling AE with every right on a loopback bind, refused start otherwise.
 *                     AE titles other than letters, digits and {@code -} go in brackets, as for {@code destinations}
 * @param aeTitle      our AE title: 1 to 16 characters, no backslash or control characters, not all spaces
 * @param enabled      whether the listener runs at all
 * @param destinations the C-MOVE destinations, {@code vna.dicom.destinations.<AE>=host:port}; a
 *                     C-MOVE to any other AE title is refused with A801. AE titles with characters
 *                     other than letters, digits and {@code -} go in brackets
 *                     ({@code vna.dicom.destinations.[VIEWER_1]=10.0.0.7:104}), or Spring's
 *                     relaxed binding alters them
 * @param maxAssociations associations established at once; beyond: A-ASSOCIATE-RJ (2, 3, 2), rejected-transient,
 *                     local-limit-exceeded
 * @param maxAssociationsPerCallingAe associations at once from one calling AE title; beyond: the same reject
 * @param maxPendingConnections TCP connections not (yet) associated at once: handshaking, waiting for their
 *                     A-ASSOCIATE-RQ, or rejected and closing; a connection beyond is closed as soon as accepted,
 *                     unanswered. 200 by default, twice the default association limit, so that a burst (every
 *                     modality reconnecting after a restart) is answered in protocol terms, AC or RJ
 * @param readerThreads platform threads reading established associations (C-STORE data sets go from the
 *                     socket to disk on them); never more associations than threads. 0: a virtual thread
 *                     per association instead, limited by {@code maxAssociations} only
 * @param readerThreadKeepAlive how long an idle reader thread waits for the next association before it ends
 * @param artimTimeout how long a new connection may take to send its A-ASSOCIATE-RQ (TLS handshake
 *                     included), and a rejected or aborted one to close (PS3.8 ARTIM)
 * @param idleTimeout  an association with no PDU either way for this long is released (aborted if the peer
 *                     does not answer, or if a data set is half received); 0 = never
 * @param maxIdentifierSize the largest C-FIND/C-MOVE/C-GET identifier, in bytes as received (and inflated);
 *                     beyond: status C000 with an Error Comment
 * @param maxIdentifierElements the most elements and sequence items in one identifier; beyond: the same
 * @param tls          a second listener speaking DICOM TLS ({@link DicomTlsProperties}); off by default
 * @param userIdentity whether calling AEs must prove their user by User Identity negotiation (user name
 *                     and passcode, or a JWT), unless their {@code access} entry says otherwise:
 *                     {@code none} (the default: identities are ignored), {@code optional}, {@code required}
 */
@ConfigurationProperties("vna.dicom")
@Validated
public record DicomProperties(
        @Min(0) @Max(65535) @DefaultValue("11112") int port,
        @NotBlank @DefaultValue("127.0.0.1") String bindAddress,
        @DefaultValue Map<String, DimseAccessRule> access,
        @NotNull @Pattern(regexp = AE_TITLE, message = "must be 1 to 16 characters, no backslash or control characters, not all spaces")
        @DefaultValue("VESALIUS") String aeTitle,
        @DefaultValue("true") boolean enabled,
        @DefaultValue Map<String, String> destinations,
        @Min(0) @DefaultValue("100") int maxAssociations,
        @Min(0) @DefaultValue("20") int maxAssociationsPerCallingAe,
        @Min(0) @DefaultValue("200") int maxPendingConnections,
        @Min(0) @DefaultValue("100") int readerThreads,
        @NotNull @DefaultValue("1m") Duration readerThreadKeepAlive,
        @NotNull @DefaultValue("10s") Duration artimTimeout,
        @NotNull @DefaultValue("5m") Duration idleTimeout,
        @NotNull @DefaultValue("1MB") DataSize maxIdentifierSize,
        @Min(1) @DefaultValue("10000") int maxIdentifierElements,
        @DefaultValue DicomTlsProperties tls,
        @NotNull @DefaultValue("none") UserIdentityMode userIdentity) {

    /** What an AE title may be (PS3.5 table 6.2-1, AE). */
    static final String AE_TITLE = "(?=.*\\S)[^\\\\\\p{Cntrl}]{1,16}";

    public DicomProperties {
        destinations = destinations == null ? Map.of() : Map.copyOf(new TreeMap<>(destinations));
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("vna.dicom.bind-address must name an address (127.0.0.1, 0.0.0.0, a host name)");
        }
        access = access == null ? Map.of() : Map.copyOf(access);
        CallingAePolicy.of(access, List.of()); // likewise for a bad access entry
        moveDestinations(destinations); // a bad entry stops the server at startup, naming its key
        if (readerThreadKeepAlive.isNegative() || readerThreadKeepAlive.isZero() || artimTimeout.isNegative()
                || artimTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("vna.dicom.reader-thread-keep-alive and vna.dicom.artim-timeout must be "
                    + "positive, vna.dicom.idle-timeout 0 or more");
        }
        if (maxIdentifierSize.toBytes() < 1 || maxIdentifierSize.toBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("vna.dicom.max-identifier-size must be 1B..2GB: " + maxIdentifierSize);
        }
    }

    /** The {@code user-identity} of the AEs on the access list that set their own. */
    Map<String, UserIdentityMode> userIdentityByCallingAe() {
        Map<String, UserIdentityMode> modes = new TreeMap<>();
        access.forEach((ae, rule) -> {
            if (rule.userIdentity() != null) {
                modes.put(ae.strip(), rule.userIdentity());
            }
        });
        return modes;
    }

    /** {@link #bindAddress} resolved (a host name is looked up once, at start). */
    InetAddress resolvedBindAddress() {
        try {
            return InetAddress.getByName(bindAddress.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("vna.dicom.bind-address: \"" + bindAddress + "\" does not resolve", e);
        }
    }

    /** The C-MOVE destinations, by AE title. */
    public List<MoveDestination> moveDestinations() {
        return moveDestinations(destinations);
    }

    private static List<MoveDestination> moveDestinations(Map<String, String> destinations) {
        return new TreeMap<>(destinations).entrySet().stream().map(e -> destination(e.getKey(), e.getValue())).toList();
    }

    /** {@code host:port}, the host a name, an IPv4 address or an IPv6 one in brackets. */
    private static MoveDestination destination(String aeTitle, String hostPort) {
        String key = "vna.dicom.destinations." + aeTitle;
        if (!aeTitle.matches(AE_TITLE)) {
            throw new IllegalArgumentException(key + ": the AE title must be 1 to 16 characters, no backslash or control characters");
        }
        String value = hostPort == null ? "" : hostPort.strip();
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? "" : value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = colon < 0 ? -1 : Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException(key + ": \"" + hostPort + "\" is not host:port (port 1 to 65535)");
        }
        return MoveDestination.of(aeTitle.strip(), host, port);
    }
}
