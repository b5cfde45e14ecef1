package org.vesalius.vna.archive.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.api.query.ReturnKeys;
import org.vesalius.vna.archive.api.retrieve.PatientStudiesUnavailableException;

/**
 * The one answer to "which studies does the archive hold for this patient": asked of the index,
 * every page of it (keyset paging, so no result window cuts it short), for a PATIENT-level
 * retrieve and for the index update after a patient update alike.
 */
public final class PatientStudies {

    /** Studies asked of the index per page. */
    private static final int PAGE = 1000;
    private static final ReturnKeys RETURNED = new ReturnKeys(false, false,
            Set.of(Tags.PatientID, Tags.IssuerOfPatientID, Tags.StudyInstanceUID));

    private final QueryPort queries;

    public PatientStudies(QueryPort queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /**
     * The Study Instance UIDs of {@code patient}, each once, newest study first.
     *
     * @param issuerGiven true: exactly this Patient ID and issuer (an empty issuer meaning none);
     *                    false: the Patient ID under any issuer ({@code patient} has none)
     * @throws org.vesalius.vna.archive.index.IndexUnavailableException the index cannot be asked
     * @throws PatientStudiesUnavailableException                       the index stopped paging
     *                                                                  before the last study
     */
    public Set<String> of(PatientId patient, boolean issuerGiven) {
        Query query;
        if (issuerGiven) {
            // The index's patient identity tells "no issuer" from "any issuer"; keys cannot.
            query = new Query(QueryLevel.STUDY, List.of(), RETURNED, PAGE, 0, false, List.of()).withPatients(Set.of(patient));
        } else {
            if (patient.id().isEmpty() || patient.hasIssuer()) {
                throw new IllegalArgumentException("a Patient ID without issuer is needed: " + patient);
            }
            query = new Query(QueryLevel.STUDY, List.of(new AttributeMatch(QueryAttributes.get(Tags.PatientID),
                    new Condition.SingleValue(patient.id()))), RETURNED, PAGE, 0, false, List.of());
        }
        Set<String> studies = new LinkedHashSet<>();
        String after = null;
        while (true) {
            QueryResult page = queries.query(query.withAfter(after));
            for (Dataset d : page.matches()) {
                boolean same = patient.id().equals(d.getString(Tags.PatientID, ""))
                        && (!issuerGiven || patient.issuer().equals(d.getString(Tags.IssuerOfPatientID, "")));
                String uid = d.getString(Tags.StudyInstanceUID, "");
                if (same && !uid.isEmpty()) {
                    studies.add(uid);
                }
            }
            if (!page.truncated() || page.matches().isEmpty()) {
                return studies;
            }
            if (page.next() == null) {
                throw new PatientStudiesUnavailableException("the index gave no position after " + studies.size()
                        + " studies of patient " + patient + "; retrieve them by study");
            }
            after = page.next();
        }
    }

    /**
     * The Study Instance UIDs of each of {@code patients} (exactly that Patient ID and issuer), in
     * as few requests as paging allows: what the index work after many patient updates asks.
     *
     * @return every patient asked, with its studies (empty when none)
     * @throws org.vesalius.vna.archive.index.IndexUnavailableException the index cannot be asked
     * @throws PatientStudiesUnavailableException                       the index stopped paging
     */
    public Map<PatientId, Set<String>> ofEach(Collection<PatientId> patients) {
        Map<PatientId, Set<String>> out = new LinkedHashMap<>();
        patients.forEach(p -> out.put(p, new LinkedHashSet<>()));
        if (patients.isEmpty()) {
            return out;
        }
        Query query = new Query(QueryLevel.STUDY, List.of(), RETURNED, PAGE, 0, false, List.of()).withPatients(Set.copyOf(patients));
        String after = null;
        while (true) {
            QueryResult page = queries.query(query.withAfter(after));
            for (Dataset d : page.matches()) {
                Set<String> studies = out.get(new PatientId(d.getString(Tags.PatientID, ""), d.getString(Tags.IssuerOfPatientID, "")));
                String uid = d.getString(Tags.StudyInstanceUID, "");
                if (studies != null && !uid.isEmpty()) {
                    studies.add(uid);
                }
            }
            if (!page.truncated() || page.matches().isEmpty()) {
                return out;
            }
            if (page.next() == null) {
                throw new PatientStudiesUnavailableException("the index gave no position after a page of the studies of "
                        + patients.size() + " patients");
            }
            after = page.next();
        }
    }
}
