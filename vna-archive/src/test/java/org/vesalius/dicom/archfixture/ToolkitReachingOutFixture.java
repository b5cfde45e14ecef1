package org.vesalius.dicom.archfixture;

import org.vesalius.vna.archive.api.PatientId;

/**
 * Breaks "the toolkit never depends on the VNA" on purpose: a toolkit-package class using an
 * archive type. It lives in vna-archive's test tree (the toolkit cannot see the archive);
 * only {@code ArchiveRulesFailTest} imports it.
 */
public final class ToolkitReachingOutFixture {

    public String id(PatientId patient) {
        return patient.id();
    }
}
