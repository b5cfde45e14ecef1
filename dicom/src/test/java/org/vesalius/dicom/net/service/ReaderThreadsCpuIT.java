package org.vesalius.dicom.net.service;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.DicomServer;

/**
 * A measurement, not a test (no assertion; skipped unless {@code -Dvna.bench.readers=true}):
 * this JVM's CPU time per instance received by C-STORE from dcmtk's storescu (its own process)
 * into Part 10 files, with the association read on a virtual thread (the toolkit's default) and
 * on the platform reader pool, in alternating rounds. Prints the numbers.
 */
class ReaderThreadsCpuIT {

    private static final int INSTANCES = 200;
    private static final int ROUNDS = 4;

    @Test
    void cpuPerInstanceVirtualVersusPlatformReaders() throws Exception {
        assumeTrue(Boolean.getBoolean("vna.bench.readers"), "a measurement: -Dvna.bench.readers=true");
        Path work = Files.createTempDirectory("readers-cpu-");
        Path in = Files.createDirectories(work.resolve("in"));
        for (int i = 0; i < INSTANCES; i++) {
            write(in.resolve("i" + i + ".dcm"), i);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> lines = new ArrayList<>();
        for (int round = -1; round < ROUNDS; round++) { // round -1 warms up both
            for (boolean platform : new boolean[] {false, true}) {
                Path out = Files.createDirectories(work.resolve("out-" + round + "-" + platform));
                ApplicationEntity ae = StorageSopClasses.acceptAll(ApplicationEntity.builder(Scp.AET),
                        org.vesalius.dicom.net.ul.TransferCapability.Role.SCP).build();
                DicomServer.Builder b = DicomServer.builder(ae, DimseServiceRegistry.builder()
                        .store(CStoreHandler.toDirectory(out)).build()).port(0);
                if (platform) {
                    b.readerThreads(4, Duration.ofMinutes(1));
                }
                try (DicomServer server = b.start()) {
                    long cpu0 = os.getProcessCpuTime();
                    long t0 = System.nanoTime();
                    ProcessBuilder pb = new ProcessBuilder("storescu", "-aec", Scp.AET, "+sd", "127.0.0.1",
                            String.valueOf(server.port()), in.toString()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                    pb.environment().put("TCP_NODELAY", "1");
                    Process p = pb.start();
                    p.waitFor(10, TimeUnit.MINUTES);
                    while (server.openConnections() > 0) {
                        Thread.sleep(5);
                    }
                    long cpu = os.getProcessCpuTime() - cpu0;
                    long wall = System.nanoTime() - t0;
                    long stored;
                    try (Stream<Path> files = Files.list(out)) {
                        stored = files.count();
                    }
                    if (round >= 0) {
                        lines.add(String.format("round %d %-8s stored %d  CPU %.3f ms/instance  wall %.1f instances/s",
                                round, platform ? "platform" : "virtual", stored, cpu / 1e6 / INSTANCES,
                                INSTANCES / (wall / 1e9)));
                    }
                }
                try (Stream<Path> files = Files.list(out)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        lines.forEach(System.out::println);
    }

    /** A CT-like instance: 512 x 512 x 16 bit, about 0.5 MB, Explicit VR Little Endian. */
    private static void write(Path file, int i) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.88." + i);
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.88");
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.88.1");
        ds.setInt(Tags.Rows, VR.US, 512);
        ds.setInt(Tags.Columns, VR.US, 512);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        byte[] pixels = new byte[512 * 512 * 2];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (byte) (k * 31 + i);
        }
        ds.setBytes(Tags.PixelData, VR.OW, pixels);
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        }
    }
}
