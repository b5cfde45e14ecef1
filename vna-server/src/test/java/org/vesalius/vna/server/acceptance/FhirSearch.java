package org.vesalius.vna.server.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vesalius.vna.server.acceptance.QueryCase.Key;

/**
 * FHIR R4 ImagingStudy search as an EHR would do it, for the query-table rows that have an
 * equivalent FHIR search; pages are followed through their {@code next} links.
 */
final class FhirSearch {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    FhirSearch(String base) {
        this.base = base;
    }

    /** The FHIR search equivalent to a study-level row, or empty when FHIR has none. */
    static Optional<String> equivalent(QueryCase c) {
        if (!c.level().equals("STUDY")) {
            return Optional.empty();
        }
        List<String> params = new ArrayList<>();
        for (Key k : c.keys()) {
            String v = k.qidoValue();
            switch (k.qidoName()) {
                case "PatientID" -> {
                    if (v.contains("*") || v.contains("?")) {
                        return Optional.empty();
                    }
                    params.add("patient.identifier=" + enc(v));
                }
                case "AccessionNumber" -> {
                    if (v.equals("*") || v.isEmpty()) {
                        continue; // universal: a return key only
                    }
                    if (v.contains("*") || v.contains("?")) {
                        return Optional.empty();
                    }
                    params.add("identifier=" + enc(v));
                }
                case "StudyDescription" -> {
                    if (!v.isEmpty()) {
                        return Optional.empty();
                    }
                }
                case "ModalitiesInStudy" -> params.add("modality=" + enc(v));
                case "StudyInstanceUID" -> {
                    List<String> oids = new ArrayList<>();
                    for (String uid : v.split(",")) {
                        oids.add("urn:oid:" + uid);
                    }
                    params.add("identifier=" + enc(String.join(",", oids)));
                }
                case "StudyDate" -> {
                    int dash = v.indexOf('-');
                    if (dash < 0) {
                        params.add("started=eq" + date(v));
                    } else {
                        if (dash > 0) {
                            params.add("started=ge" + date(v.substring(0, dash)));
                        }
                        if (dash < v.length() - 1) {
                            params.add("started=le" + date(v.substring(dash + 1)));
                        }
                    }
                }
                default -> {
                    return Optional.empty(); // issuer systems, names, sequences: no one-to-one FHIR parameter
                }
            }
        }
        return params.isEmpty() ? Optional.empty() : Optional.of(String.join("&", params));
    }

    /** Study Instance UID → [numberOfSeries, numberOfInstances] of every ImagingStudy the search finds. */
    Map<String, int[]> studies(String query) {
        Map<String, int[]> out = new TreeMap<>();
        String url = base + "/ImagingStudy?" + (query.isEmpty() ? "" : query + "&") + "_count=200&_elements=numberOfSeries,numberOfInstances";
        int pages = 0;
        while (url != null) {
            if (++pages > 1_000) {
                throw new AssertionError("more than 1,000 pages: paging does not end");
            }
            JsonNode bundle = get(url);
            for (JsonNode e : bundle.path("entry")) {
                JsonNode r = e.path("resource");
                if (out.put(r.path("id").asText(), new int[] {r.path("numberOfSeries").asInt(-1),
                        r.path("numberOfInstances").asInt(-1)}) != null) {
                    throw new AssertionError("study " + r.path("id").asText() + " on two pages of " + query);
                }
            }
            url = null;
            for (JsonNode link : bundle.path("link")) {
                if (link.path("relation").asText().equals("next")) {
                    url = link.path("url").asText();
                }
            }
        }
        return out;
    }

    /** The address of the Endpoint resource {@code id}. */
    String endpointAddress(String id) {
        return get(base + "/Endpoint/" + id).path("address").asText();
    }

    Set<String> ids(String query) {
        return new TreeSet<>(studies(query).keySet());
    }

    private JsonNode get(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/fhir+json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("FHIR " + url + ": " + r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String date(String yyyymmdd) {
        return yyyymmdd.substring(0, 4) + "-" + yyyymmdd.substring(4, 6) + "-" + yyyymmdd.substring(6, 8);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
