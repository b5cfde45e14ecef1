package org.vesalius.vna.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;

/**
 * DICOM coded values as FHIR codings: code sequence items (by Coding Scheme Designator), modality
 * codes in the DICOM (DCM) code system, Body Part Examined and Laterality as SNOMED CT (PS3.16
 * Annex L for the body parts most used; others keep their DICOM term as display).
 */
final class DicomCodes {

    static final String DCM = "http://dicom.nema.org/resources/ontology/DCM";
    static final String SNOMED = "http://snomed.info/sct";
    static final String SOP_CLASS_SYSTEM = "urn:ietf:rfc:3986";

    private static final Map<String, String> SCHEMES = Map.of(
            "DCM", DCM, "SCT", SNOMED, "SRT", SNOMED, "SNM3", SNOMED, "LN", "http://loinc.org",
            "RADLEX", "http://www.radlex.org",
            "UCUM", "http://unitsofmeasure.org", "I10", "http://hl7.org/fhir/sid/icd-10", "I9C", "http://hl7.org/fhir/sid/icd-9-cm");

    /** Body Part Examined (0018,0015) to SNOMED CT (PS3.16 Table L-1), code and display. */
    private static final Map<String, String[]> BODY_PARTS = Map.ofEntries(
            Map.entry("ABDOMEN", new String[] {"818981001", "Abdomen"}),
            Map.entry("ABDOMENPELVIS", new String[] {"818982008", "Abdomen and Pelvis"}),
            Map.entry("ANKLE", new String[] {"70258002", "Ankle joint"}),
            Map.entry("ARM", new String[] {"302538001", "Upper limb"}),
            Map.entry("BRAIN", new String[] {"12738006", "Brain"}),
            Map.entry("BREAST", new String[] {"76752008", "Breast"}),
            Map.entry("CHEST", new String[] {"43799004", "Chest"}),
            Map.entry("CHESTABDOMEN", new String[] {"416550000", "Chest and Abdomen"}),
            Map.entry("CSPINE", new String[] {"122494005", "Cervical spine"}),
            Map.entry("ELBOW", new String[] {"16953009", "Elbow joint"}),
            Map.entry("EXTREMITY", new String[] {"66019005", "Limb"}),
            Map.entry("FOOT", new String[] {"56459004", "Foot"}),
            Map.entry("HAND", new String[] {"85562004", "Hand"}),
            Map.entry("HEAD", new String[] {"69536005", "Head"}),
            Map.entry("HEART", new String[] {"80891009", "Heart"}),
            Map.entry("HIP", new String[] {"24136001", "Hip joint"}),
            Map.entry("KNEE", new String[] {"72696002", "Knee"}),
            Map.entry("LEG", new String[] {"30021000", "Lower leg"}),
            Map.entry("LSPINE", new String[] {"122496007", "Lumbar spine"}),
            Map.entry("NECK", new String[] {"45048000", "Neck"}),
            Map.entry("PELVIS", new String[] {"816092008", "Pelvis"}),
            Map.entry("SHOULDER", new String[] {"16982005", "Shoulder"}),
            Map.entry("SKULL", new String[] {"89546000", "Skull"}),
            Map.entry("SPINE", new String[] {"421060004", "Spine"}),
            Map.entry("TSPINE", new String[] {"122495006", "Thoracic spine"}),
            Map.entry("WRIST", new String[] {"74670003", "Wrist joint"}));

    private DicomCodes() {
    }

    /** The alphabetic codes of the R4 copy of DCM (see the resource file for why). */
    private static final Set<String> DCM_MODALITIES = loadModalities();

    /** A modality in the DCM code system when R4's DCM has it; otherwise the bare code, no system. */
    static Coding modality(String code) {
        String c = code.strip();
        return DCM_MODALITIES.contains(c) ? new Coding(DCM, c, null) : new Coding().setCode(c).setDisplay(c);
    }

    private static Set<String> loadModalities() {
        try (InputStream in = DicomCodes.class.getResourceAsStream("dcm-modalities.txt")) {
            if (in == null) {
                throw new IllegalStateException("dcm-modalities.txt missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SOP Class as a coding: {@code urn:ietf:rfc:3986} with {@code urn:oid:<uid>}. */
    static Coding sopClass(String uid) {
        return new Coding(SOP_CLASS_SYSTEM, "urn:oid:" + uid, null);
    }

    /** Body Part Examined as a coding: SNOMED CT when known, else the DICOM term as display. */
    static Optional<Coding> bodySite(String bodyPart) {
        if (bodyPart == null || bodyPart.isBlank()) {
            return Optional.empty();
        }
        String[] snomed = BODY_PARTS.get(bodyPart.strip().toUpperCase(Locale.ROOT));
        return Optional.of(snomed == null ? new Coding().setDisplay(bodyPart.strip()) : new Coding(SNOMED, snomed[0], snomed[1]));
    }

    /** The Body Part Examined values a body site token names (its SNOMED code, or the term itself). */
    static String bodyPartOf(String system, String code) {
        if (system == null || system.isEmpty() || SNOMED.equals(system)) {
            for (Map.Entry<String, String[]> e : BODY_PARTS.entrySet()) {
                if (e.getValue()[0].equals(code)) {
                    return e.getKey();
                }
            }
        }
        return system == null || system.isEmpty() ? code : null;
    }

    /** Laterality (0020,0060) R, L or B as SNOMED CT. */
    static Optional<Coding> laterality(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip()) {
            case "R" -> Optional.of(new Coding(SNOMED, "24028007", "Right"));
            case "L" -> Optional.of(new Coding(SNOMED, "7771000", "Left"));
            case "B" -> Optional.of(new Coding(SNOMED, "51440002", "Right and left"));
            default -> Optional.empty();
        };
    }

    /** A code sequence item (Code Value, Coding Scheme Designator, Code Meaning) as a concept; empty without a code. */
    static Optional<CodeableConcept> concept(Dataset item) {
        String code = firstNonEmpty(item.getString(Tags.CodeValue), item.getString(Tags.LongCodeValue), item.getString(Tags.URNCodeValue));
        String meaning = item.getString(Tags.CodeMeaning);
        if (code == null && (meaning == null || meaning.isEmpty())) {
            return Optional.empty();
        }
        CodeableConcept concept = new CodeableConcept();
        if (code != null) {
            Coding coding = new Coding().setCode(code);
            String system = system(item.getString(Tags.CodingSchemeDesignator));
            if (system != null) {
                coding.setSystem(system);
            }
            if (meaning != null && !meaning.isEmpty()) {
                coding.setDisplay(meaning);
            }
            concept.addCoding(coding);
        }
        if (meaning != null && !meaning.isEmpty()) {
            concept.setText(meaning);
        }
        return Optional.of(concept);
    }

    /** The FHIR system of a Coding Scheme Designator, or null when unknown. */
    static String system(String designator) {
        if (designator == null || designator.isEmpty()) {
            return null;
        }
        if (designator.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            return "urn:oid:" + designator;
        }
        return SCHEMES.get(designator.toUpperCase(Locale.ROOT));
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
