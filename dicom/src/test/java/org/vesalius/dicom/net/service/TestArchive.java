package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;

/**
 * An in-memory archive over sample files for the query/retrieve tests: the headers of each file,
 * matched the simple way (single value, wildcards, UID lists, universal matching), answered at
 * PATIENT, STUDY, SERIES or IMAGE level.
 */
final class TestArchive {

    /** One instance: its file and its header. */
    record Instance(Path file, Dataset header) {
        String get(int tag) {
            return Objects.requireNonNullElse(header.getString(tag), "");
        }
    }

    private final List<Instance> instances;

    private TestArchive(List<Instance> instances) {
        this.instances = List.copyOf(instances);
    }

    /**
     * Reads the files, keeping one per SOP Instance UID and leaving out a study whose UID already
     * belongs to another patient (as the checks' unique_files.py does).
     */
    static TestArchive of(List<Path> files) throws IOException {
        Map<String, Instance> bySop = new LinkedHashMap<>();
        Map<String, String> studyPatient = new HashMap<>();
        ReadOptions headerOnly = ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA);
        for (Path f : files) {
            Instance i = new Instance(f, DicomReader.read(f, headerOnly).dataset());
            String sop = i.get(Tags.SOPInstanceUID);
            String study = i.get(Tags.StudyInstanceUID);
            String patient = i.get(Tags.PatientID);
            if (sop.isEmpty() || study.isEmpty() || i.get(Tags.SeriesInstanceUID).isEmpty() || bySop.containsKey(sop)
                    || !studyPatient.getOrDefault(study, patient).equals(patient)) {
                continue;
            }
            studyPatient.put(study, patient);
            bySop.put(sop, i);
        }
        return new TestArchive(new ArrayList<>(bySop.values()));
    }

    List<Instance> instances() {
        return instances;
    }

    /** The key attribute of each level. */
    static int levelKey(String level) {
        return switch (level) {
            case "PATIENT" -> Tags.PatientID;
            case "STUDY" -> Tags.StudyInstanceUID;
            case "SERIES" -> Tags.SeriesInstanceUID;
            case "IMAGE" -> Tags.SOPInstanceUID;
            default -> throw new DicomServiceException(org.vesalius.dicom.net.dimse.DicomStatus.CANNOT_UNDERSTAND,
                    "unknown level " + level);
        };
    }

    /** Instances matching every non-empty key of {@code identifier} (other than charset and level). */
    Stream<Instance> matching(Dataset identifier) {
        return instances.stream().filter(i -> matches(i, identifier));
    }

    /** The C-FIND answer: one response per distinct level key among the matching instances. */
    Stream<Dataset> find(FindRequest request) {
        String level = request.queryRetrieveLevel();
        int key = levelKey(level == null ? "" : level);
        Map<String, Instance> first = new LinkedHashMap<>();
        matching(request.identifier()).forEach(i -> first.putIfAbsent(i.get(key), i));
        return first.values().stream().map(i -> response(i, request.identifier(), level));
    }

    /** The C-MOVE/C-GET answer: every matching instance, as its file. */
    RetrieveTask retrieve(RetrieveRequest request) throws IOException {
        List<OutgoingInstance> out = new ArrayList<>();
        for (Instance i : matching(request.identifier()).toList()) {
            out.add(OutgoingInstance.ofFile(i.file()));
        }
        return RetrieveTask.of(out);
    }

    /** The instances of a study. */
    List<Instance> study(String studyInstanceUid) {
        return instances.stream().filter(i -> i.get(Tags.StudyInstanceUID).equals(studyInstanceUid)).toList();
    }

    private static boolean matches(Instance i, Dataset identifier) {
        for (int n = 0; n < identifier.size(); n++) {
            int tag = identifier.tagAt(n);
            if (tag == Tags.SpecificCharacterSet || tag == Tags.QueryRetrieveLevel || identifier.vrAt(n) == VR.SQ) {
                continue;
            }
            String wanted = identifier.getString(tag);
            if (wanted == null || wanted.isEmpty() || wanted.equals("*")) {
                continue;
            }
            String value = i.get(tag);
            if (identifier.vrAt(n) == VR.UI) {
                if (!List.of(identifier.getStrings(tag)).contains(value)) {
                    return false;
                }
            } else if (!wildcard(wanted).matcher(value).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Pattern wildcard(String wanted) {
        StringBuilder re = new StringBuilder();
        for (char c : wanted.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    private static Dataset response(Instance i, Dataset identifier, String level) {
        Dataset r = new Dataset();
        Object charset = i.header().getValue(Tags.SpecificCharacterSet);
        if (charset != null) {
            r.set(Tags.SpecificCharacterSet, VR.CS, charset);
        }
        for (int n = 0; n < identifier.size(); n++) {
            int tag = identifier.tagAt(n);
            if (tag == Tags.SpecificCharacterSet || identifier.vrAt(n) == VR.SQ) {
                continue;
            }
            Object value = i.header().getValue(tag);
            if (tag == Tags.QueryRetrieveLevel) {
                r.setString(tag, VR.CS, level);
            } else if (value != null && !(value instanceof org.vesalius.dicom.data.Sequence)) {
                r.set(tag, i.header().vrOf(tag), value);
            } else {
                r.setBytes(tag, identifier.vrAt(n), new byte[0]);
            }
        }
        return r;
    }
}
