package org.vesalius.vna.server.audit;

import java.time.Instant;
import java.util.List;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;

/**
 * The ingest port, audited: every object offered (STOW-RS, C-STORE, migration) becomes an import
 * event (DICOM Instances Transferred, Create) with its patient and study, whatever the outcome. The
 * sender is the calling AE title of a C-STORE, the user or remote address of a STOW-RS.
 */
public final class AuditingIngestPort implements IngestPort {

    private final IngestPort delegate;
    private final AuditPort audit;

    public AuditingIngestPort(IngestPort delegate, AuditPort audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    /** The port itself when auditing is off, else the port audited. */
    public static IngestPort around(IngestPort port, AuditPort audit) {
        return audit == AuditPort.NONE ? port : new AuditingIngestPort(port, audit);
    }

    @Override
    public IngestResult ingest(IngestRequest request) {
        IngestResult result = delegate.ingest(request);
        audit.record(event(request.source(), result));
        return result;
    }

    static AuditEvent event(IngestSource source, IngestResult result) {
        String study = result.ids().studyInstanceUid();
        PatientId patient = result instanceof IngestResult.Stored stored ? stored.instance().patient() : null;
        AuditEvent.Outcome outcome = switch (result) {
            case IngestResult.Stored s -> AuditEvent.Outcome.SUCCESS;
            case IngestResult.InvalidObject i -> AuditEvent.Outcome.MINOR_FAILURE;
            case IngestResult.Duplicate d -> AuditEvent.Outcome.MINOR_FAILURE;
            case IngestResult.StorageUnavailable u -> AuditEvent.Outcome.SERIOUS_FAILURE;
            case IngestResult.SourceFailure f -> AuditEvent.Outcome.MINOR_FAILURE;
            case IngestResult.ProcessingFailure f -> AuditEvent.Outcome.SERIOUS_FAILURE;
        };
        String detail = result instanceof IngestResult.Failure failure ? failure.message() : null;
        return new AuditEvent(AuditEvent.Action.IMPORT, protocol(source.channel()), actor(source),
                study == null || study.isEmpty() ? List.of() : List.of(study), patient, null, outcome, detail, Instant.now());
    }

    private static String protocol(IngestSource.Channel channel) {
        return switch (channel) {
            case DIMSE -> "C-STORE";
            case STOW_RS -> "STOW-RS";
            case MIGRATION -> "MIGRATION";
        };
    }

    /** A STOW-RS client is a user name or, without authentication, the remote address. */
    private static AuditEvent.Actor actor(IngestSource source) {
        return switch (source.channel()) {
            case DIMSE -> new AuditEvent.Actor(null, source.id(), null);
            case STOW_RS -> source.id().matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")
                    ? new AuditEvent.Actor(null, null, source.id()) : new AuditEvent.Actor(source.id(), null, null);
            case MIGRATION -> new AuditEvent.Actor(source.id(), null, null);
        };
    }
}
