package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.time.Duration;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.AssociationOptions;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TransferCapability;

/** Fixtures for the service tests: our SCP accepting every storage SOP Class in every transfer syntax, and our SCU. */
final class Scp {

    static final String AET = "VESALIUS";

    private Scp() {
    }

    /** Short UL timers so failures surface quickly. */
    static AssociationOptions options() {
        return AssociationOptions.DEFAULT.withArtimTimeout(Duration.ofSeconds(5)).withReleaseTimeout(Duration.ofSeconds(10));
    }

    /** Every storage SOP Class in every transfer syntax (as SCP and SCU, for C-GET), plus Verification. */
    static ApplicationEntity.Builder storageAe(AssociationOptions options) {
        return StorageSopClasses.acceptAll(ApplicationEntity.builder(AET), TransferCapability.Role.BOTH)
                .acceptScp(UID.Verification, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .options(options);
    }

    static DicomServer start(ApplicationEntity ae, DimseServiceRegistry services) throws IOException {
        return DicomServer.builder(ae, services).port(0).start();
    }

    static DimseClient client(AssociationOptions options) {
        return DimseClient.of(DicomClient.builder().options(options).build());
    }

    static DimseClient client(AssociationOptions options, DimseOptions dimse) {
        return DimseClient.of(DicomClient.builder().options(options).build(), dimse);
    }
}
