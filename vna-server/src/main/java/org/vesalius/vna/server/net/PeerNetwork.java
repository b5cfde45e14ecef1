package org.vesalius.vna.server.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Where a peer may connect from (a DICOM calling AE, an HL7 sender): an IP address, a CIDR block, or a host name. A host name is
 * resolved at each check, so that a modality's DNS change needs no restart; one that does not
 * resolve matches nothing.
 */
public final class PeerNetwork {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\\.?");

    private final String spec;
    private final byte[] network;
    private final int prefix;
    private final String hostName;

    private PeerNetwork(String spec, byte[] network, int prefix, String hostName) {
        this.spec = spec;
        this.network = network;
        this.prefix = prefix;
        this.hostName = hostName;
    }

    /**
     * Parses {@code 10.1.2.3}, {@code 10.1.0.0/16}, {@code fd00::/8}, {@code ::1} or
     * {@code modality1.hospital.org}; {@code key} names the property in the error.
     */
    public static PeerNetwork parse(String key, String text) {
        String spec = text == null ? "" : text.strip();
        int slash = spec.indexOf('/');
        String address = slash < 0 ? spec : spec.substring(0, slash);
        boolean literal = IPV4.matcher(address).matches() || address.contains(":");
        if (literal) {
            byte[] bytes = literal(key, address);
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(spec.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException(key + ": \"" + text + "\" has a bad prefix length (0 to "
                            + bytes.length * 8 + ")");
                }
            }
            return new PeerNetwork(spec, mask(bytes, prefix), prefix, null);
        }
        if (slash >= 0 || !HOST_NAME.matcher(spec).matches()) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" is neither an IP address, a CIDR block nor a host name");
        }
        return new PeerNetwork(spec, null, 0, spec);
    }

    /** Whether {@code peer} is in this network (or is this host). */
    public boolean contains(InetAddress peer) {
        if (hostName == null) {
            byte[] candidate = peer.getAddress();
            return candidate.length == network.length && Arrays.equals(mask(candidate, prefix), network);
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(hostName)) {
                if (a.equals(peer)) {
                    return true;
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    @Override
    public String toString() {
        return spec;
    }

    private static byte[] literal(String key, String address) {
        try {
            // A literal (checked above) is parsed, never looked up.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(key + ": \"" + address + "\" is not an IP address", e);
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] = (byte) (masked[i] & (0xff << (8 - bits)));
        }
        return masked;
    }
}
