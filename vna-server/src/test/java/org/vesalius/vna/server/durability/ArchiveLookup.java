package org.vesalius.vna.server.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.service.FindMatches;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * Asks the running server which instances it can find: by C-FIND (Study Root, IMAGE level, one
 * query per series, as a viewer lists a series) and by QIDO-RS ({@code GET /dicomweb/instances}
 * with a list of SOP Instance UIDs).
 */
final class ArchiveLookup {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QIDO_BATCH = 100;

    private final ServerProcess server;
    private final DimseClient scu = DimseClient.of(DicomClient.builder().build());

    ArchiveLookup(ServerProcess server) {
        this.server = server;
    }

    /**
     * The SOP Instance UIDs C-FIND finds in the series of {@code entries}. A failure status (A700
     * while the index is down) is thrown as {@code DicomServiceException}.
     */
    Set<String> cFind(Collection<Entry> entries) throws IOException {
        Map<String, String> seriesToStudy = new LinkedHashMap<>();
        entries.forEach(e -> seriesToStudy.put(e.seriesInstanceUid(), e.studyInstanceUid()));
        Set<String> found = new HashSet<>();
        try (Association as = associate()) {
            for (Map.Entry<String, String> series : seriesToStudy.entrySet()) {
                Dataset keys = new Dataset()
                        .setString(Tags.QueryRetrieveLevel, VR.CS, "IMAGE")
                        .setString(Tags.StudyInstanceUID, VR.UI, series.getValue())
                        .setString(Tags.SeriesInstanceUID, VR.UI, series.getKey())
                        .setString(Tags.SOPInstanceUID, VR.UI, "");
                try (FindMatches matches = scu.find(as, UID.StudyRootQueryRetrieveInformationModelFind, keys)) {
                    matches.forEach(m -> found.add(m.getString(Tags.SOPInstanceUID)));
                }
            }
            as.release();
        }
        return found;
    }

    /**
     * Every match of C-FIND in the series of {@code entries}, one SOP Instance UID per match, so
     * an instance matched twice is there twice.
     */
    List<String> cFindMatches(Collection<Entry> entries) throws IOException {
        Map<String, String> seriesToStudy = new LinkedHashMap<>();
        entries.forEach(e -> seriesToStudy.put(e.seriesInstanceUid(), e.studyInstanceUid()));
        List<String> found = new ArrayList<>();
        try (Association as = associate()) {
            for (Map.Entry<String, String> series : seriesToStudy.entrySet()) {
                Dataset keys = new Dataset()
                        .setString(Tags.QueryRetrieveLevel, VR.CS, "IMAGE")
                        .setString(Tags.StudyInstanceUID, VR.UI, series.getValue())
                        .setString(Tags.SeriesInstanceUID, VR.UI, series.getKey())
                        .setString(Tags.SOPInstanceUID, VR.UI, "");
                try (FindMatches matches = scu.find(as, UID.StudyRootQueryRetrieveInformationModelFind, keys)) {
                    matches.forEach(m -> found.add(m.getString(Tags.SOPInstanceUID)));
                }
            }
            as.release();
        }
        return found;
    }

    /**
     * What a study-level C-FIND for everything answers: each study's Number of Study Related
     * Instances (from the index's study summary), by Study Instance UID; -1 when absent.
     */
    Map<String, Integer> cFindStudyInstanceCounts() throws IOException {
        Map<String, Integer> found = new LinkedHashMap<>();
        try (Association as = associate()) {
            Dataset keys = new Dataset()
                    .setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY")
                    .setString(Tags.StudyInstanceUID, VR.UI, "")
                    .setString(Tags.NumberOfStudyRelatedInstances, VR.IS, "");
            try (FindMatches matches = scu.find(as, UID.StudyRootQueryRetrieveInformationModelFind, keys)) {
                matches.forEach(m -> found.merge(m.getString(Tags.StudyInstanceUID),
                        m.getInt(Tags.NumberOfStudyRelatedInstances, -1), (a, b) -> -2)); // -2: the study twice
            }
            as.release();
        }
        return found;
    }

    /** The Study Instance UIDs a study-level C-FIND for everything finds. */
    Set<String> cFindStudies() throws IOException {
        Set<String> found = new HashSet<>();
        try (Association as = associate()) {
            Dataset keys = new Dataset()
                    .setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY")
                    .setString(Tags.StudyInstanceUID, VR.UI, "");
            try (FindMatches matches = scu.find(as, UID.StudyRootQueryRetrieveInformationModelFind, keys)) {
                matches.forEach(m -> found.add(m.getString(Tags.StudyInstanceUID)));
            }
            as.release();
        }
        return found;
    }

    /** {@code GET /dicomweb/instances?SOPInstanceUID=...}, {@value #QIDO_BATCH} UIDs a request: what it finds. */
    Set<String> qido(Collection<String> sopInstanceUids) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(sopInstanceUids);
        for (int from = 0; from < all.size(); from += QIDO_BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + QIDO_BATCH));
            HttpResponse<String> r = qidoResponse(batch);
            if (r.statusCode() == 204) {
                continue;
            }
            if (r.statusCode() != 200) {
                throw new IllegalStateException("QIDO-RS answered " + r.statusCode() + ": " + r.body());
            }
            try {
                for (JsonNode match : JSON.readTree(r.body())) {
                    found.add(match.path("00080018").path("Value").path(0).asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The raw answer to a QIDO-RS instance query for {@code sopInstanceUids}. */
    HttpResponse<String> qidoResponse(List<String> sopInstanceUids) {
        String uids = URLEncoder.encode(String.join(",", sopInstanceUids), StandardCharsets.UTF_8);
        return server.get("/dicomweb/instances?SOPInstanceUID=" + uids + "&includefield=00080018&limit="
                + sopInstanceUids.size(), "application/dicom+json");
    }

    private Association associate() throws IOException {
        AssociationRequest request = AssociationRequest.builder("DURABILITY", ServerProcess.AE_TITLE)
                .propose(UID.StudyRootQueryRetrieveInformationModelFind, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian)
                .build();
        return scu.connect("127.0.0.1", server.dicomPort(), request);
    }
}
