package org.vesalius.vna.server.dimse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.DimseServiceRegistry;
import org.vesalius.dicom.net.service.IdentifierLimits;
import org.vesalius.dicom.net.service.MoveDestinationResolver;
import org.vesalius.dicom.net.service.StorageSopClasses;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.AssociationOptions;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.IdleAction;
import org.vesalius.dicom.net.ul.MessageHandler;
import org.vesalius.dicom.net.ul.TlsOptions;
import org.vesalius.dicom.net.ul.TransferCapability;
import org.vesalius.vna.archive.dimse.CFindScp;
import org.vesalius.vna.archive.dimse.WorklistScp;
import org.vesalius.vna.archive.dimse.CStoreScp;
import org.vesalius.vna.archive.dimse.RetrieveScp;

/**
 * The DICOM listener on {@code vna.dicom.port} as AE {@code vna.dicom.ae-title}: Verification;
 * C-FIND (Patient Root and Study Root) into the {@link CFindScp}; Modality Worklist C-FIND into
 * the {@link WorklistScp}; C-MOVE and C-GET (Patient Root
 * and Study Root) into the {@link RetrieveScp}, moving to the AEs of
 * {@code vna.dicom.destinations.*} only; and C-STORE of every standard storage SOP Class in every
 * standard transfer syntax, plus any other (private) SOP Class in whatever transfer syntax the
 * requestor proposes first, all into the {@link CStoreScp}. Storage contexts are also accepted
 * the other way round (role selection), so that a C-GET SCU can receive on its own association.
 * Listens on {@code vna.dicom.bind-address} (loopback by default) and admits calling AEs as
 * {@link DicomAccess} decides. Starts with the application and stops before the beans it uses are gone.
 */
public final class DicomListener implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DicomListener.class);
    private static final List<String> MOVE_MODELS = List.of(UID.PatientRootQueryRetrieveInformationModelMove,
            UID.StudyRootQueryRetrieveInformationModelMove);
    private static final List<String> GET_MODELS = List.of(UID.PatientRootQueryRetrieveInformationModelGet,
            UID.StudyRootQueryRetrieveInformationModelGet);

    private final DicomProperties properties;
    private final CStoreScp cStoreScp;
    private final CFindScp cFindScp;
    private final WorklistScp worklistScp;
    private final RetrieveScp retrieveScp;
    private final boolean insecure;
    private final List<DimseRefusalListener> refusalListeners;
    private final TlsOptions tls;
    private final DimseUserVerifier userVerifier;
    private volatile DicomServer server;
    private volatile DicomServer tlsServer;

    /**
     * {@code tls}: the second, DICOM TLS listener's options, or null for none; {@code userVerifier}: checks
     * User Identity negotiation, or null to ignore identities.
     */
    DicomListener(DicomProperties properties, CStoreScp cStoreScp, CFindScp cFindScp, WorklistScp worklistScp, RetrieveScp retrieveScp,
            boolean insecure, List<DimseRefusalListener> refusalListeners, TlsOptions tls, DimseUserVerifier userVerifier) {
        this.properties = properties;
        this.userVerifier = userVerifier;
        this.tls = tls;
        this.insecure = insecure;
        this.refusalListeners = List.copyOf(refusalListeners);
        this.cStoreScp = cStoreScp;
        this.cFindScp = cFindScp;
        this.worklistScp = worklistScp;
        this.retrieveScp = retrieveScp;
    }

    @Override
    public synchronized void start() {
        // Role BOTH: we receive C-STORE, and send the C-STORE sub-operations of a C-GET back on
        // contexts where the requestor took the SCP role.
        ApplicationEntity.Builder ae = StorageSopClasses.acceptAll(ApplicationEntity.builder(properties.aeTitle()), TransferCapability.Role.BOTH)
                .acceptScp(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .acceptScp(UID.PatientRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .acceptScp(UID.StudyRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .acceptScp(UID.ModalityWorklistInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
        DimseServiceRegistry.Builder services = DimseServiceRegistry.builder()
                .store(cStoreScp)
                .find(UID.PatientRootQueryRetrieveInformationModelFind, cFindScp)
                .find(UID.StudyRootQueryRetrieveInformationModelFind, cFindScp)
                .find(UID.ModalityWorklistInformationModelFind, worklistScp)
                .moveDestinations(MoveDestinationResolver.of(properties.moveDestinations()));
        for (String model : MOVE_MODELS) {
            ae.acceptScp(model, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
            services.move(model, retrieveScp);
        }
        for (String model : GET_MODELS) {
            ae.acceptScp(model, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);
            services.get(model, retrieveScp);
        }
        ae.accept(new TransferCapability(TransferCapability.ANY, List.of(TransferCapability.ANY), TransferCapability.Role.BOTH));
        InetAddress bindAddress = properties.resolvedBindAddress();
        ae.policy(DicomAccess.policy(bindAddress, properties.access(), insecure, refusalListeners).and(new UserRightsPolicy()));
        if (userVerifier != null) {
            ae.identityVerifier(userVerifier);
        }
        ae.maxAssociations(properties.maxAssociations(), properties.maxAssociationsPerCallingAe())
                .options(AssociationOptions.DEFAULT.withArtimTimeout(properties.artimTimeout())
                        .withIdleTimeout(properties.idleTimeout(), IdleAction.RELEASE));
        services.identifierLimits(new IdentifierLimits(properties.maxIdentifierSize().toBytes(),
                properties.maxIdentifierElements()));
        ApplicationEntity built = ae.build();
        MessageHandler handler = services.build();
        server = listen(built, handler, bindAddress, properties.port(), null);
        if (tls != null) {
            try {
                tlsServer = listen(built, handler, bindAddress, properties.tls().port(), tls);
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
            LOG.info("DICOM TLS listener: AE {} on {} port {}, client certificates {}", properties.aeTitle(),
                    bindAddress.getHostAddress(), tlsServer.port(), tls.clientAuth());
        }
        LOG.info("DICOM listener: AE {} on {} port {}; calling AEs: {}; at most {} associations ({} per calling AE), {} connections "
                + "not yet associated, {}; C-MOVE destinations {}", properties.aeTitle(), bindAddress.getHostAddress(), server.port(),
                properties.access().isEmpty() ? "any" : properties.access().keySet().stream().sorted().toList(),
                server.maxAssociations(), properties.maxAssociationsPerCallingAe(), properties.maxPendingConnections(),
                properties.readerThreads() > 0 ? properties.readerThreads() + " reader threads" : "virtual reader threads",
                properties.moveDestinations().stream().map(d -> d.aeTitle() + "=" + d.host() + ":" + d.port()).toList());
    }

    /** One listener: the plain one, or with {@code tls} the TLS one; same AE, services and limits (each its own count). */
    private DicomServer listen(ApplicationEntity ae, MessageHandler handler, InetAddress bindAddress, int port, TlsOptions tls) {
        try {
            DicomServer.Builder builder = DicomServer.builder(ae, handler).bindAddress(bindAddress).port(port).tls(tls)
                    .maxPendingConnections(properties.maxPendingConnections());
            if (properties.readerThreads() > 0) {
                builder.readerThreads(properties.readerThreads(), properties.readerThreadKeepAlive());
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for DICOM" + (tls != null ? " TLS" : "") + " on "
                    + bindAddress.getHostAddress() + " port " + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (tlsServer != null) {
            tlsServer.close();
            tlsServer = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Associations established and not yet released or aborted (both listeners); 0 when not running. */
    public int activeAssociations() {
        DicomServer s = server;
        DicomServer t = tlsServer;
        return (s == null ? 0 : s.activeAssociations()) + (t == null ? 0 : t.activeAssociations());
    }

    /** TCP connections accepted and not associated right now (both listeners); 0 when not running. */
    public int pendingConnections() {
        DicomServer s = server;
        DicomServer t = tlsServer;
        return (s == null ? 0 : s.pendingConnections()) + (t == null ? 0 : t.pendingConnections());
    }

    /** The TLS listener's port, or -1 when there is none or it is not running. */
    public int tlsPort() {
        DicomServer t = tlsServer;
        return t == null ? -1 : t.port();
    }

    /** The port listened on (the real one when configured as 0), or -1 when not running. */
    public int port() {
        DicomServer s = server;
        return s == null ? -1 : s.port();
    }
}
