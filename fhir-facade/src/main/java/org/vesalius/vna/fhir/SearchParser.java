package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.vesalius.dicom.data.DateRange;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.TimeRange;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryOrder;
import org.vesalius.vna.archive.api.query.ReturnKeys;
import org.vesalius.vna.archive.api.query.TimeWindow;

/**
 * Turns ImagingStudy and Patient search parameters into queries of the archive (the mapping table
 * is in the module README). Unknown parameters are refused under {@code Prefer: handling=strict}
 * and ignored otherwise; malformed values are always refused, naming the parameter.
 */
final class SearchParser {

    static final Set<String> STUDY_PARAMETERS = Set.of("_id", "_lastUpdated", "patient", "subject", "identifier",
            "started", "modality", "status", "series", "dicom-class", "bodysite", "basedon:identifier", "endpoint",
            "patient.identifier", "subject.identifier", "subject:Patient.identifier", "patient:Patient.identifier", "_sort");
    static final Set<String> PATIENT_PARAMETERS = Set.of("_id", "_lastUpdated", "identifier", "name", "family",
            "given", "birthdate", "gender", "_sort");

    private final FhirSettings settings;
    private final IdentifierSystems systems;
    private final Function<String, Optional<PatientId>> patients;

    /** @param patients resolves a Patient id to the archive's identity (empty: no such patient) */
    SearchParser(FhirSettings settings, IdentifierSystems systems, Function<String, Optional<PatientId>> patients) {
        this.settings = settings;
        this.systems = systems;
        this.patients = patients;
    }

    private final class Builder {
        final Map<Integer, AttributeMatch> matches = new LinkedHashMap<>();
        Set<PatientId> patientSet;
        boolean nothing;
        Instant updatedFrom;
        Instant updatedTo;
        QueryOrder order = QueryOrder.STUDY_DATE_DESC;

        void match(int tag, Condition condition) {
            QueryAttribute a = QueryAttributes.get(tag);
            if (matches.containsKey(tag)) { // repeated parameters are AND: keep one, refuse real conflicts
                if (!matches.get(tag).condition().equals(condition)) {
                    nothing = true;
                }
                return;
            }
            matches.put(tag, new AttributeMatch(a, condition));
        }

        void sequence(int sequenceTag, int itemTag, String value) {
            QueryAttribute seq = QueryAttributes.get(sequenceTag);
            match(sequenceTag, new Condition.SequenceMatch(List.of(new AttributeMatch(seq.item(itemTag), new Condition.SingleValue(value)))));
        }

        void patients(Set<PatientId> set) {
            patientSet = patientSet == null ? new HashSet<>(set) : intersect(patientSet, set);
            if (patientSet.isEmpty()) {
                nothing = true;
            }
        }

        Query query(QueryLevel level, ReturnKeys keys) {
            Query q = new Query(level, new ArrayList<>(matches.values()), keys, 0, 0, false, List.of())
                    .withOrder(order).withReceived(new TimeWindow(updatedFrom, updatedTo));
            return patientSet == null ? q : q.withPatients(patientSet);
        }
    }

    ParsedSearch studies(SearchParameters params, boolean strict, ReturnKeys keys) {
        Builder b = new Builder();
        params.values().forEach((name, values) -> {
            for (String value : values) {
                studyParameter(b, name, value, strict);
            }
        });
        return finish(b, QueryLevel.STUDY, keys, params);
    }

    ParsedSearch patients(SearchParameters params, boolean strict, ReturnKeys keys) {
        Builder b = new Builder();
        params.values().forEach((name, values) -> {
            for (String value : values) {
                patientParameter(b, name, value, strict);
            }
        });
        return finish(b, QueryLevel.PATIENT, keys, params);
    }

    private ParsedSearch finish(Builder b, QueryLevel level, ReturnKeys keys, SearchParameters params) {
        int count = settings.defaultCount();
        String c = params.first("_count");
        if (c != null) {
            try {
                count = Integer.parseInt(c.strip());
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("_count: '" + c + "' is not a number");
            }
            if (count < 0) {
                throw new InvalidRequestException("_count: must not be negative");
            }
            count = Math.min(Math.max(count, 1), settings.maxCount());
        }
        boolean total = true;
        String t = params.first("_total");
        if (t != null) {
            switch (t) {
                case "none" -> total = false;
                case "estimate", "accurate" -> total = true;
                default -> throw new InvalidRequestException("_total: '" + t + "' is not none, estimate or accurate");
            }
        }
        if (b.updatedFrom != null && b.updatedTo != null && b.updatedFrom.isAfter(b.updatedTo)) {
            b.nothing = true;
            b.updatedTo = b.updatedFrom;
        }
        boolean countOnly = "0".equals(c == null ? null : c.strip()) || "count".equals(params.first("_summary"));
        return new ParsedSearch(b.query(level, keys), b.nothing, b.updatedTo, count, total, countOnly);
    }

    private void studyParameter(Builder b, String name, String value, boolean strict) {
        List<String> alternatives = SearchParameters.alternatives(value);
        switch (name) {
            case "_id" -> b.match(Tags.StudyInstanceUID, list(alternatives));
            case "patient", "subject" -> b.patients(references(alternatives));
            case "patient.identifier", "subject.identifier", "subject:Patient.identifier", "patient:Patient.identifier" ->
                    patientIdentifier(b, name, alternatives);
            case "identifier" -> studyIdentifier(b, name, alternatives);
            case "basedon:identifier" -> accession(b, name, alternatives);
            case "started" -> started(b, name, value);
            case "modality" -> {
                List<String> codes = new ArrayList<>();
                for (String alt : alternatives) {
                    SearchParameters.Token token = SearchParameters.Token.parse(alt);
                    if (token.system() == null || token.system().isEmpty() || token.system().equals(DicomCodes.DCM)) { // bare codes too
                        codes.add(token.code());
                    }
                }
                if (codes.isEmpty()) {
                    b.nothing = true;
                } else {
                    b.match(Tags.ModalitiesInStudy, list(codes));
                }
            }
            case "status" -> {
                boolean available = false;
                for (String alt : alternatives) {
                    String code = SearchParameters.Token.parse(alt).code();
                    switch (code) {
                        case "available" -> available = true;
                        case "registered", "cancelled", "entered-in-error", "unknown" -> { }
                        default -> throw new InvalidRequestException("status: '" + code
                                + "' is not registered, available, cancelled, entered-in-error or unknown");
                    }
                }
                // Rejected studies (cancelled) are not kept in the index yet: every indexed study is available.
                b.nothing |= !available;
            }
            case "series" -> b.match(Tags.SeriesInstanceUID, list(alternatives.stream().map(a -> SearchParameters.Token.parse(a).code()).toList()));
            case "dicom-class" -> b.match(Tags.SOPClassesInStudy, list(alternatives.stream()
                    .map(a -> stripOid(SearchParameters.Token.parse(a).code())).toList()));
            case "bodysite" -> {
                List<String> parts = new ArrayList<>();
                for (String alt : alternatives) {
                    SearchParameters.Token token = SearchParameters.Token.parse(alt);
                    String part = DicomCodes.bodyPartOf(token.system(), token.code());
                    if (part != null) {
                        parts.add(part);
                    }
                }
                if (parts.isEmpty()) {
                    b.nothing = true;
                } else {
                    b.match(Tags.BodyPartExamined, list(parts));
                }
            }
            case "endpoint" -> {
                boolean ours = alternatives.stream().anyMatch(a -> a.equals(Endpoints.WADO_RS_ID)
                        || a.endsWith("Endpoint/" + Endpoints.WADO_RS_ID));
                b.nothing |= !ours; // every study is served by the WADO-RS endpoint, and only by it
            }
            case "_lastUpdated" -> lastUpdated(b, value);
            case "_count", "_total", "_summary" -> { }
            case "_sort" -> b.order = switch (value) {
                case "started", "date" -> QueryOrder.STUDY_DATE_ASC;
                case "-started", "-date" -> QueryOrder.STUDY_DATE_DESC;
                case "_lastUpdated" -> QueryOrder.RECEIVED_ASC;
                case "-_lastUpdated" -> QueryOrder.RECEIVED_DESC;
                default -> throw new InvalidRequestException("_sort: '" + value
                        + "' is not supported (started, -started, _lastUpdated, -_lastUpdated)");
            };
            default -> unknown(name, strict, STUDY_PARAMETERS);
        }
    }

    private void patientParameter(Builder b, String name, String value, boolean strict) {
        List<String> alternatives = SearchParameters.alternatives(value);
        switch (name) {
            case "_id" -> b.patients(references(alternatives));
            case "identifier" -> patientIdentifier(b, name, alternatives);
            case "name", "family", "given", "name:contains", "family:contains", "given:contains", "name:exact", "family:exact" -> {
                if (alternatives.size() > 1) {
                    throw new InvalidRequestException(name + ": several alternatives are not supported; repeat the parameter instead");
                }
                String v = alternatives.get(0).replace("*", "").replace("?", "").strip();
                if (v.isEmpty()) {
                    throw new InvalidRequestException(name + ": empty value");
                }
                // PN matching is case- and accent-insensitive; "starts with" on a component.
                String pattern = switch (name) {
                    case "family" -> v + "*";
                    case "family:exact" -> v + "^*";
                    case "given" -> "*^" + v + "*";
                    case "name:exact" -> v;
                    default -> "*" + v + "*";
                };
                b.match(Tags.PatientName, new Condition.Wildcard(pattern));
            }
            case "birthdate" -> {
                FhirDates.Range r = FhirDates.parse(name, value, settings.zone());
                b.match(Tags.PatientBirthDate, new Condition.DateRangeMatch(DateRange.of(
                        r.from() == null ? null : r.from().toLocalDate(), r.to() == null ? null : r.to().toLocalDate())));
            }
            case "gender" -> {
                List<String> codes = new ArrayList<>();
                for (String alt : alternatives) {
                    switch (SearchParameters.Token.parse(alt).code()) {
                        case "male" -> codes.add("M");
                        case "female" -> codes.add("F");
                        case "other" -> codes.add("O");
                        case "unknown" -> { }
                        default -> throw new InvalidRequestException("gender: '" + alt + "' is not male, female, other or unknown");
                    }
                }
                if (codes.isEmpty()) {
                    b.nothing = true; // "unknown" would need matching an absent value, which the index cannot
                } else {
                    b.match(Tags.PatientSex, list(codes));
                }
            }
            case "_lastUpdated" -> lastUpdated(b, value);
            case "_count", "_total", "_summary" -> { }
            case "_sort" -> { } // patients come in the order of their identity
            default -> unknown(name, strict, PATIENT_PARAMETERS);
        }
    }

    private static void unknown(String name, boolean strict, Set<String> known) {
        if (strict) {
            throw new InvalidRequestException("unknown search parameter '" + name + "' (Prefer: handling=strict); supported: "
                    + String.join(", ", new java.util.TreeSet<>(known)));
        }
    }

    private Set<PatientId> references(List<String> alternatives) {
        Set<PatientId> set = new HashSet<>();
        for (String ref : alternatives) {
            String id = ref.contains("/") ? ref.substring(ref.lastIndexOf('/') + 1) : ref;
            if (ref.contains("/") && !ref.substring(0, ref.lastIndexOf('/')).endsWith("Patient")) {
                throw new InvalidRequestException("patient: '" + ref + "' is not a Patient reference");
            }
            patients.apply(id).ifPresent(set::add);
        }
        return set;
    }

    private void patientIdentifier(Builder b, String name, List<String> alternatives) {
        Set<PatientId> exact = new HashSet<>();
        for (String alt : alternatives) {
            SearchParameters.Token token = SearchParameters.Token.parse(alt);
            if (token.code().isEmpty()) {
                throw new InvalidRequestException(name + ": empty identifier value");
            }
            if (token.system() == null) {
                if (alternatives.size() > 1) {
                    throw new InvalidRequestException(name + ": give a system with each of several identifiers");
                }
                b.match(Tags.PatientID, new Condition.SingleValue(token.code()));
                return;
            }
            if (token.system().isEmpty()) {
                exact.add(new PatientId(token.code(), ""));
                continue;
            }
            Optional<IdentifierSystems.Issuer> issuer = systems.issuer(token.system());
            if (issuer.isEmpty()) {
                continue; // a system this archive does not issue: no match
            }
            switch (issuer.get()) {
                case IdentifierSystems.Issuer.Local local -> exact.add(new PatientId(token.code(), local.issuer()));
                case IdentifierSystems.Issuer.Universal universal -> {
                    if (alternatives.size() > 1) {
                        throw new InvalidRequestException(name + ": an OID system cannot be combined with other identifiers");
                    }
                    b.match(Tags.PatientID, new Condition.SingleValue(token.code()));
                    b.sequence(Tags.IssuerOfPatientIDQualifiersSequence, Tags.UniversalEntityID, universal.oid());
                    return;
                }
            }
        }
        b.patients(exact);
    }

    private void studyIdentifier(Builder b, String name, List<String> alternatives) {
        List<String> uids = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String alt : alternatives) {
            SearchParameters.Token token = SearchParameters.Token.parse(alt);
            if (ImagingStudyMapper.DICOM_UID_SYSTEM.equals(token.system()) || token.code().startsWith("urn:oid:")) {
                uids.add(stripOid(token.code()));
            } else {
                other.add(alt);
            }
        }
        if (!uids.isEmpty() && !other.isEmpty()) {
            throw new InvalidRequestException(name + ": Study Instance UIDs and accession numbers cannot be alternatives of one another");
        }
        if (!uids.isEmpty()) {
            b.match(Tags.StudyInstanceUID, list(uids));
        } else {
            accession(b, name, other);
        }
    }

    private void accession(Builder b, String name, List<String> alternatives) {
        if (alternatives.size() > 1) {
            List<String> values = new ArrayList<>();
            for (String alt : alternatives) {
                SearchParameters.Token token = SearchParameters.Token.parse(alt);
                if (token.system() != null && !token.system().isEmpty()) {
                    throw new InvalidRequestException(name + ": several accession numbers are supported without a system only");
                }
                values.add(token.code());
            }
            b.match(Tags.AccessionNumber, list(values));
            return;
        }
        SearchParameters.Token token = SearchParameters.Token.parse(alternatives.get(0));
        if (token.code().isEmpty()) {
            throw new InvalidRequestException(name + ": empty identifier value");
        }
        b.match(Tags.AccessionNumber, new Condition.SingleValue(token.code()));
        if (token.system() != null && !token.system().isEmpty()) {
            Optional<IdentifierSystems.Issuer> issuer = systems.issuer(token.system());
            if (issuer.isEmpty()) {
                b.nothing = true;
                return;
            }
            switch (issuer.get()) {
                case IdentifierSystems.Issuer.Local local ->
                        b.sequence(Tags.IssuerOfAccessionNumberSequence, Tags.LocalNamespaceEntityID, local.issuer());
                case IdentifierSystems.Issuer.Universal universal ->
                        b.sequence(Tags.IssuerOfAccessionNumberSequence, Tags.UniversalEntityID, universal.oid());
            }
        }
    }

    private void started(Builder b, String name, String value) {
        if (SearchParameters.alternatives(value).size() > 1) {
            throw new InvalidRequestException(name + ": several alternative dates are not supported; use ge/le for a range");
        }
        FhirDates.Range range = FhirDates.parse(name, value, settings.zone());
        AttributeMatch existing = b.matches.get(Tags.StudyDate);
        if (existing != null && existing.condition() instanceof Condition.CombinedDateTimeMatch c) {
            range = range.intersect(new FhirDates.Range(bound(c.date().from(), c.time().from(), false), bound(c.date().to(), c.time().to(), true)));
            b.matches.remove(Tags.StudyDate);
        }
        if (range.empty()) {
            b.nothing = true;
            return;
        }
        LocalDateTime from = range.from();
        LocalDateTime to = range.to();
        b.match(Tags.StudyDate, new Condition.CombinedDateTimeMatch(Tags.StudyTime,
                DateRange.of(from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate()),
                TimeRange.of(from == null ? null : from.toLocalTime(), to == null ? null : to.toLocalTime())));
    }

    private static LocalDateTime bound(java.time.LocalDate date, java.time.LocalTime time, boolean upper) {
        if (date == null) {
            return null;
        }
        return date.atTime(time != null ? time : upper ? java.time.LocalTime.MAX : java.time.LocalTime.MIN);
    }

    private void lastUpdated(Builder b, String value) {
        FhirDates.Range r = FhirDates.parse("_lastUpdated", value, settings.zone());
        if (r.from() != null) {
            Instant from = r.from().atZone(settings.zone()).toInstant();
            b.updatedFrom = b.updatedFrom == null || from.isAfter(b.updatedFrom) ? from : b.updatedFrom;
        }
        if (r.to() != null) {
            Instant to = r.to().atZone(settings.zone()).toInstant();
            b.updatedTo = b.updatedTo == null || to.isBefore(b.updatedTo) ? to : b.updatedTo;
        }
    }

    private static Condition list(List<String> values) {
        List<String> cleaned = values.stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
        if (cleaned.isEmpty()) {
            throw new InvalidRequestException("empty search value");
        }
        return cleaned.size() == 1 ? new Condition.SingleValue(cleaned.get(0)) : new Condition.ValueList(cleaned);
    }

    private static String stripOid(String code) {
        return code.startsWith("urn:oid:") ? code.substring(8) : code;
    }

    private static <T> Set<T> intersect(Set<T> a, Set<T> b) {
        Set<T> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }
}
