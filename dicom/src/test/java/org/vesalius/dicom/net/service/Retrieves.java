package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.TestArchive.Instance;
import org.vesalius.dicom.net.ul.ApplicationEntity;

/** Shared fixtures of the C-MOVE and C-GET tests. */
final class Retrieves {

    static final List<String> MODELS = List.of(UID.PatientRootQueryRetrieveInformationModelFind,
            UID.PatientRootQueryRetrieveInformationModelMove, UID.PatientRootQueryRetrieveInformationModelGet,
            UID.StudyRootQueryRetrieveInformationModelFind, UID.StudyRootQueryRetrieveInformationModelMove,
            UID.StudyRootQueryRetrieveInformationModelGet);

    private Retrieves() {
    }

    /** An SCP AE for query and retrieve over the storage capabilities of {@link Scp#storageAe}. */
    static ApplicationEntity.Builder qrAe() {
        ApplicationEntity.Builder ae = Scp.storageAe(Scp.options());
        MODELS.forEach(m -> ae.acceptScp(m, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
        return ae;
    }

    /** A registry serving the archive for every model, moving to {@code destinations}. */
    static DimseServiceRegistry.Builder registry(TestArchive archive, MoveDestinationResolver destinations) {
        return DimseServiceRegistry.builder()
                .find(UID.PatientRootQueryRetrieveInformationModelFind, archive::find)
                .find(UID.StudyRootQueryRetrieveInformationModelFind, archive::find)
                .move(UID.PatientRootQueryRetrieveInformationModelMove, archive::retrieve)
                .move(UID.StudyRootQueryRetrieveInformationModelMove, archive::retrieve)
                .get(UID.PatientRootQueryRetrieveInformationModelGet, archive::retrieve)
                .get(UID.StudyRootQueryRetrieveInformationModelGet, archive::retrieve)
                .moveDestinations(destinations);
    }

    /** The study with the most instances, among those whose instances all satisfy the transfer syntax test. */
    static String biggestStudy(TestArchive archive, java.util.function.Predicate<String> syntaxOk) {
        Map<String, List<Instance>> byStudy = archive.instances().stream()
                .collect(Collectors.groupingBy(i -> i.get(Tags.StudyInstanceUID)));
        return byStudy.entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(i -> syntaxOk.test(syntax(i))))
                .max(Comparator.comparingInt(e -> e.getValue().size())).orElseThrow().getKey();
    }

    /** A study with instances in more than one transfer syntax or SOP Class, if any (exercises re-association). */
    static String mixedStudy(TestArchive archive) {
        Map<String, List<Instance>> byStudy = archive.instances().stream()
                .collect(Collectors.groupingBy(i -> i.get(Tags.StudyInstanceUID)));
        return byStudy.entrySet().stream()
                .max(Comparator.comparingLong(e -> e.getValue().stream()
                        .map(i -> i.get(Tags.SOPClassUID) + "/" + syntax(i)).distinct().count()))
                .orElseThrow().getKey();
    }

    static String syntax(Instance i) {
        try {
            return Part10Head.read(i.file()).transferSyntaxUid();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The data set bytes a receiver should hold for a file sent as it is. */
    static byte[] expected(Path file) throws IOException {
        Part10Head head = Part10Head.read(file);
        byte[] data = DataSetBytes.of(file);
        return head.needsDeflatePadding() ? Arrays.copyOf(data, data.length + 1) : data;
    }
}
