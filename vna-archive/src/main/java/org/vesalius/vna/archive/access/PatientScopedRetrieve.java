package org.vesalius.vna.archive.access;

import java.util.List;
import java.util.Optional;
import org.vesalius.dicom.json.TagPath;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.access.PatientScope;
import org.vesalius.vna.archive.api.retrieve.BulkData;
import org.vesalius.vna.archive.api.retrieve.Frames;
import org.vesalius.vna.archive.api.retrieve.InstanceMetadata;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.api.retrieve.ServedInstance;
import org.vesalius.vna.archive.retrieve.InstanceNotFoundException;

/**
 * Retrieves within the caller's patients: a study outside them is answered as the archive
 * answers a study it does not hold (an empty resolve, the same not-found failure with the same
 * message), so a guessed UID tells nothing. An unrestricted caller costs nothing; a restricted
 * one one index lookup per call.
 */
final class PatientScopedRetrieve implements RetrievePort {

    private final RetrievePort delegate;
    private final ScopedStudies studies;
    private final CallerScope caller;

    PatientScopedRetrieve(RetrievePort delegate, ScopedStudies studies, CallerScope caller) {
        this.delegate = delegate;
        this.studies = studies;
        this.caller = caller;
    }

    @Override
    public List<? extends ResolvedInstance> resolve(RetrieveScope scope) {
        RetrieveScope narrowed = studies.narrow(caller.current(), scope);
        return narrowed == null ? List.of() : delegate.resolve(narrowed);
    }

    @Override
    public ServedInstance instance(InstanceRef ref) {
        check(ref);
        return delegate.instance(ref);
    }

    @Override
    public Optional<? extends Frames> pixelData(InstanceRef ref) {
        check(ref);
        return delegate.pixelData(ref);
    }

    @Override
    public Optional<? extends BulkData> bulkData(InstanceRef ref, TagPath path) {
        check(ref);
        return delegate.bulkData(ref, path);
    }

    @Override
    public InstanceMetadata metadata(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        PatientScope scope = caller.current();
        if (!studies.allowed(scope, studyInstanceUid)) {
            throw notFound(studyInstanceUid, seriesInstanceUid, sopInstanceUid);
        }
        return delegate.metadata(studyInstanceUid, seriesInstanceUid, sopInstanceUid);
    }

    private void check(InstanceRef ref) {
        if (!studies.allowed(caller.current(), ref.studyInstanceUid())) {
            throw notFound(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid());
        }
    }

    /** The failure the retrieve service gives for what it does not hold, word for word. */
    static InstanceNotFoundException notFound(String study, String series, String sop) {
        return new InstanceNotFoundException(sop != null ? "no instance " + sop + " in series " + series + " of study " + study
                : series != null ? "no series " + series + " in study " + study
                : "no study " + study);
    }
}
