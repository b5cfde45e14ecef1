package org.vesalius.dicom.bench.dimse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.service.DimseResponse;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;

/**
 * Our C-STORE SCU, driven line by line: {@code BenchScu HOST PORT CALLED_AE THREADS FILE...}, THREADS
 * being {@code virtual} (the default of {@link DicomClient}) or {@code platform} for the
 * association's reader. For each line read from standard input it sends every file on one
 * association (CT Image Storage in Explicit VR Little Endian, streamed from the file) and prints
 * {@code <seconds> <instances stored> <bytes>}, timed from before the association request to after
 * its release, so JVM start-up is not counted. Driven this way, its passes can alternate with
 * dcmtk's on a shared machine.
 */
public final class BenchScu {

    private BenchScu() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String called = args[2];
        boolean platform = args[3].equals("platform");
        List<Path> files = List.of(args).subList(4, args.length).stream().map(Path::of).toList();
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        DicomClient.Builder ul = DicomClient.builder();
        if (platform) {
            ul.executor(task -> Thread.ofPlatform().name("association-reader").start(task));
        }
        DimseClient scu = DimseClient.of(ul.build());
        AssociationRequest rq = AssociationRequest.builder("BENCHSCU", called)
                .propose(UID.CTImageStorage, UID.ExplicitVRLittleEndian).build();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        while (commands.readLine() != null) {
            long start = System.nanoTime();
            int ok = 0;
            try (Association as = scu.connect(host, port, rq)) {
                for (Path f : files) {
                    DimseResponse r = scu.store(as, f);
                    if (r.isSuccessOrWarning()) {
                        ok++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "%.3f %d %d", seconds, ok, bytes));
            System.out.flush();
        }
    }
}
