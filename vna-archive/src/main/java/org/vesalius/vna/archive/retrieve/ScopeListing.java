package org.vesalius.vna.archive.retrieve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.retrieve.PatientStudiesUnavailableException;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.query.PatientStudies;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.InstanceKeys;

/**
 * The blob store listings a {@link RetrieveScope} stands for, and the instances they hold in their
 * current versions: one listing per study, per series (kept while the store's stamp of it holds,
 * {@link SeriesListings}), or per asked instance; a patient's studies from the index first. What {@link RetrieveService#resolve} serves, for every edge.
 */
final class ScopeListing {

    private ScopeListing() {
    }

    /**
     * @param patients null: no index, a patient scope is refused
     */
    static List<InstanceListing.Entry> of(BlobStore blobs, SeriesListings listings, PatientStudies patients, RetrieveScope scope) {
        List<InstanceListing.Entry> out = new ArrayList<>();
        switch (scope) {
            case RetrieveScope.Study s -> {
                for (String study : new LinkedHashSet<>(s.studyInstanceUids())) {
                    out.addAll(InstanceListing.of(blobs, InstanceKeys.studyPrefix(study)));
                }
            }
            case RetrieveScope.Series s -> {
                for (String series : new LinkedHashSet<>(s.seriesInstanceUids())) {
                    out.addAll(listings.series(s.studyInstanceUid(), series));
                }
            }
            case RetrieveScope.Instances i -> {
                // The series' kept listing, or the instance's own versions: never a series listed per instance.
                for (String sop : new TreeSet<>(i.sopInstanceUids())) {
                    listings.instance(new InstanceRef(i.studyInstanceUid(), i.seriesInstanceUid(), sop)).ifPresent(out::add);
                }
            }
            case RetrieveScope.Patient p -> {
                if (patients == null) {
                    throw new PatientStudiesUnavailableException("no index to find the studies of patient " + p.patient());
                }
                for (String study : patients.of(p.patient(), p.issuerGiven())) {
                    out.addAll(InstanceListing.of(blobs, InstanceKeys.studyPrefix(study)));
                }
            }
        }
        return out;
    }
}
