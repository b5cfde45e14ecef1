package org.vesalius.vna.server.dimse;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vesalius.dicom.net.service.MoveDestination;

/**
 * {@code vna.dicom.*}: the DICOM listener.
 *
 * @param port         TCP port of the C-STORE SCP (0: any free port, for tests)
 * @param aeTitle      our AE title: 1 to 16 characters, no backslash or control characters, not all spaces
 * @param enabled      whether the listener runs at all
 * @param destinations the C-MOVE destinations, {@code vna.dicom.destinations.<AE>=host:port}; a
 *                     C-MOVE to any other AE title is refused with A801. AE titles with characters
 *                     other than letters, digits and {@code -} go in brackets
 *                     ({@code vna.dicom.destinations.[VIEWER_1]=10.0.0.7:104}), or Spring's
 *                     relaxed binding alters them
 */
@ConfigurationProperties("vna.dicom")
@Validated
public record DicomProperties(
        @Min(0) @Max(65535) @DefaultValue("11112") int port,
        @NotNull @Pattern(regexp = AE_TITLE, message = "must be 1 to 16 characters, no backslash or control characters, not all spaces")
        @DefaultValue("VESALIUS") String aeTitle,
        @DefaultValue("true") boolean enabled,
        @DefaultValue Map<String, String> destinations) {

    /** What an AE title may be (PS3.5 table 6.2-1, AE). */
    static final String AE_TITLE = "(?=.*\\S)[^\\\\\\p{Cntrl}]{1,16}";

    public DicomProperties {
        destinations = destinations == null ? Map.of() : Map.copyOf(new TreeMap<>(destinations));
        moveDestinations(destinations); // a bad entry stops the server at startup, naming its key
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
