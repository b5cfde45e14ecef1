package org.vesalius.vna.archive.access;

import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.retrieve.RenderPort;

/** Renderings within the caller's patients; a study outside them is not found, as in {@link PatientScopedRetrieve}. */
final class PatientScopedRender implements RenderPort {

    private final RenderPort delegate;
    private final ScopedStudies studies;
    private final CallerScope caller;

    PatientScopedRender(RenderPort delegate, ScopedStudies studies, CallerScope caller) {
        this.delegate = delegate;
        this.studies = studies;
        this.caller = caller;
    }

    @Override
    public Renderable open(InstanceRef ref) {
        if (!studies.allowed(caller.current(), ref.studyInstanceUid())) {
            throw PatientScopedRetrieve.notFound(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid());
        }
        return delegate.open(ref);
    }

    @Override
    public InstanceRef representative(String studyInstanceUid, String seriesInstanceUid) {
        if (!studies.allowed(caller.current(), studyInstanceUid)) {
            throw PatientScopedRetrieve.notFound(studyInstanceUid, seriesInstanceUid, null);
        }
        return delegate.representative(studyInstanceUid, seriesInstanceUid);
    }
}
