package org.vesalius.vna.server.dimse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.DimseServiceRegistry;
import org.vesalius.dicom.net.service.StorageSopClasses;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TransferCapability;
import org.vesalius.vna.archive.dimse.CFindScp;
import org.vesalius.vna.archive.dimse.CStoreScp;

/**
 * The DICOM listener on {@code vna.dicom.port} as AE {@code vna.dicom.ae-title}: Verification,
 * C-FIND (Patient Root and Study Root) into the {@link CFindScp}, and C-STORE of every standard
 * storage SOP Class in every standard transfer syntax, plus any other
 * (private) SOP Class in whatever transfer syntax the requestor proposes first, all into the
 * {@link CStoreScp}. Starts with the application and stops before the beans it uses are gone.
 */
public final class DicomListener implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DicomListener.class);

    private final DicomProperties properties;
    private final CStoreScp cStoreScp;
    private final CFindScp cFindScp;
    private volatile DicomServer server;

    DicomListener(DicomProperties properties, CStoreScp cStoreScp, CFindScp cFindScp) {
        this.properties = properties;
        this.cStoreScp = cStoreScp;
        this.cFindScp = cFindScp;
    }

    @Override
    public synchronized void start() {
        ApplicationEntity ae = StorageSopClasses.acceptAll(ApplicationEntity.builder(properties.aeTitle()), TransferCapability.Role.SCP)
                .acceptScp(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .acceptScp(UID.PatientRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .acceptScp(UID.StudyRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .accept(new TransferCapability(TransferCapability.ANY, List.of(TransferCapability.ANY), TransferCapability.Role.SCP))
                .build();
        DimseServiceRegistry services = DimseServiceRegistry.builder()
                .store(cStoreScp)
                .find(UID.PatientRootQueryRetrieveInformationModelFind, cFindScp)
                .find(UID.StudyRootQueryRetrieveInformationModelFind, cFindScp)
                .build();
        try {
            server = DicomServer.builder(ae, services).port(properties.port()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for DICOM on port " + properties.port() + ": " + e.getMessage(), e);
        }
        LOG.info("DICOM listener: AE {} on port {}", properties.aeTitle(), server.port());
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port listened on (the real one when configured as 0), or -1 when not running. */
    public int port() {
        DicomServer s = server;
        return s == null ? -1 : s.port();
    }
}
