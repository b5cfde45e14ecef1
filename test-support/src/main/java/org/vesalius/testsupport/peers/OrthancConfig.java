package org.vesalius.testsupport.peers;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an {@link OrthancProcess} is started with. The fixture chooses the ports and the storage
 * folder itself; everything else is here: Orthanc's AE title, the DICOM peers it knows
 * ({@code DicomModalities}: where it may send C-MOVE results, and who may query it when the
 * {@code DicomAlwaysAllow*} options are false) and any other option of Orthanc's JSON
 * configuration, which replaces the fixture's default of the same name (see
 * {@link OrthancProcess} and {@code docs/peers/orthanc.md}).
 *
 * @param aet Orthanc's AE title ({@code DicomAet}); it checks that callers address it by it
 * @param modalities Orthanc's {@code DicomModalities}, by symbolic name
 * @param options further configuration options, applied last
 * @param startTimeout how long to wait for {@code GET /system} to answer
 * @param verbose start Orthanc with {@code --verbose} (its log then shows each DIMSE request)
 */
public record OrthancConfig(String aet, Map<String, Peer> modalities, Map<String, Object> options,
        Duration startTimeout, boolean verbose) {

    /** Options the fixture sets itself, for every start. */
    static final Set<String> MANAGED = Set.of("HttpPort", "DicomPort", "StorageDirectory", "IndexDirectory", "DicomAet");

    /** A DICOM application entity Orthanc knows: one entry of {@code DicomModalities}. */
    public record Peer(String aet, String host, int port) {

        public Peer {
            checkAet(aet);
            Objects.requireNonNull(host, "host");
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        /** A peer on the loopback interface. */
        public static Peer local(String aet, int port) {
            return new Peer(aet, "127.0.0.1", port);
        }
    }

    public OrthancConfig {
        checkAet(aet);
        modalities = Map.copyOf(modalities);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        for (String key : options.keySet()) {
            if (MANAGED.contains(key)) {
                throw new IllegalArgumentException(key + " is chosen by the fixture; it cannot be an option");
            }
        }
        Objects.requireNonNull(startTimeout, "startTimeout");
    }

    /** AE title ORTHANC, no peers, the fixture's defaults. */
    public static OrthancConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void checkAet(String aet) {
        if (aet == null || aet.isBlank() || aet.length() > 16 || aet.contains("\\")) {
            throw new IllegalArgumentException("not an AE title (1 to 16 characters, no backslash): " + aet);
        }
    }

    /** Builds an {@link OrthancConfig}. */
    public static final class Builder {
        private String aet = "ORTHANC";
        private final Map<String, Peer> modalities = new LinkedHashMap<>();
        private final Map<String, Object> options = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(60);
        private boolean verbose;

        private Builder() {
        }

        public Builder aet(String value) {
            this.aet = value;
            return this;
        }

        /** Adds a peer to {@code DicomModalities} under a symbolic name (used by the REST API). */
        public Builder modality(String name, Peer peer) {
            modalities.put(name, peer);
            return this;
        }

        /** Adds a peer on 127.0.0.1 named after its AE title in lower case. */
        public Builder modality(String peerAet, int port) {
            return modality(peerAet.toLowerCase(java.util.Locale.ROOT), Peer.local(peerAet, port));
        }

        /**
         * Sets an Orthanc configuration option (a String, Number, Boolean, List or Map), replacing
         * the fixture's default. Setting {@code DicomModalities} replaces the peers given with
         * {@link #modality}, e.g. to give a peer {@code "AllowGet": false}.
         */
        public Builder option(String name, Object value) {
            options.put(name, value);
            return this;
        }

        public Builder startTimeout(Duration value) {
            this.startTimeout = value;
            return this;
        }

        public Builder verbose(boolean value) {
            this.verbose = value;
            return this;
        }

        public OrthancConfig build() {
            return new OrthancConfig(aet, modalities, options, startTimeout, verbose);
        }
    }
}
