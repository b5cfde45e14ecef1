package org.vesalius.vna.archive.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.render.RenderService;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;

/**
 * Latency of the retrieve paths a viewer uses, in process (no HTTP): {@code /frames/1} and
 * {@code /rendered} of one instance of a 1,500-instance series (a 1,500-entry directory, plus
 * digest files), the whole study (that series) as stored, and series {@code /metadata} of 1,000
 * instances. Each answer's body is written to a null stream. Prints p50 (and p90) per path.
 *
 * <p>Not part of {@code ./vna test} (the name matches no surefire pattern). Run:
 * {@code mvn -pl vna-archive -am verify -DskipITs -Dtest=RetrievePathBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Results: vna-archive README, "Retrieval, measured".
 */
class RetrievePathBench {

    static final String BASE = "http://127.0.0.1:8080/dicomweb";
    static final String ANY = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    static final String FRAMES = "multipart/related; type=application/octet-stream; transfer-syntax=*";
    static final String METADATA_SERIES = "1.2.826.0.1.3680043.10.999.2";
    static final int SERIES_SIZE = 1500;
    static final int METADATA_SIZE = 1000;
    static final int SIDE = 256;

    @Test
    void run() throws Exception {
        Path dir = Files.createTempDirectory("retrieve-bench");
        IngestFixture ingest = new IngestFixture(dir);
        try (RetrieveService retrieve = new RetrieveService(ingest.blobs, new Journal(ingest.blobs, Clock.systemUTC()),
                RetrieveSettings.DEFAULT)) {
            for (int i = 1; i <= SERIES_SIZE; i++) {
                store(ingest, image("1.2.3." + i, TestObjects.SERIES, i));
            }
            for (int i = 1; i <= METADATA_SIZE; i++) {
                store(ingest, image("1.2.4." + i, METADATA_SERIES, i));
            }
            Thread.sleep(2500); // a viewer comes after the ingest, not in the same second
            WadoRs wado = new WadoRs(retrieve, new RenderService(retrieve), Duration.ofDays(365));
            String sop = "1.2.3." + (SERIES_SIZE / 2);
            time("frames/1", 100, 400, () -> wado.frames(TestObjects.STUDY, TestObjects.SERIES, sop, "1", rq(FRAMES)));
            time("rendered (JPEG)", 50, 200, () -> wado.rendered(TestObjects.STUDY, TestObjects.SERIES, sop, null, Map.of(), rq("image/jpeg")));
            time("whole study, " + (SERIES_SIZE + METADATA_SIZE) + " instances of " + (SIDE * SIDE * 2 / 1024) + " KiB", 2, 9,
                    () -> wado.retrieve(TestObjects.STUDY, null, null, rq(ANY)));
            time("series metadata, " + METADATA_SIZE + " instances, first request", 0, 1,
                    () -> wado.metadata(TestObjects.STUDY, METADATA_SERIES, null, rq("application/dicom+json")));
            Thread.sleep(3000); // the metadata cache is written in the background
            time("series metadata, " + METADATA_SIZE + " instances", 3, 15,
                    () -> wado.metadata(TestObjects.STUDY, METADATA_SERIES, null, rq("application/dicom+json")));
        } finally {
            ingest.close();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static Dataset image(String sop, String series, int seed) {
        Dataset ds = TestObjects.ct(sop, "P", "I", SIDE * SIDE * 2, seed);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        ds.setInt(Tags.Rows, VR.US, SIDE);
        ds.setInt(Tags.Columns, VR.US, SIDE);
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.BitsStored, VR.US, 12);
        ds.setInt(Tags.HighBit, VR.US, 11);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        byte[] pixels = ds.getBytes(Tags.PixelData);
        for (int i = 1; i < pixels.length; i += 2) {
            pixels[i] &= 0x0f;
        }
        ds.setBytes(Tags.PixelData, VR.OW, pixels);
        return ds;
    }

    static void store(IngestFixture ingest, Dataset ds) {
        ingest.service.ingest(IngestRequest.part10(IngestSource.stow("bench"), new ByteArrayInputStream(TestObjects.part10(ds)), null));
    }

    static WadoRequest rq(String accept) {
        return new WadoRequest(accept, null, null, BASE);
    }

    interface Request {
        WadoResponse send();
    }

    static void time(String what, int warmup, int rounds, Request r) throws IOException {
        for (int i = 0; i < warmup; i++) {
            write(r.send());
        }
        long[] ns = new long[rounds];
        long bytes = 0;
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            bytes = write(r.send());
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        System.out.printf("BENCH %-55s p50 %9.3f ms  p90 %9.3f ms  (%d rounds, %d bytes)%n", what, ns[rounds / 2] / 1e6,
                ns[Math.min(rounds - 1, rounds * 9 / 10)] / 1e6, rounds, bytes);
    }

    static long write(WadoResponse r) throws IOException {
        if (!(r instanceof WadoResponse.Content c)) {
            throw new IllegalStateException("not content: " + r);
        }
        long[] n = {0};
        c.body().writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                n[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                n[0] += len;
            }
        });
        return n[0];
    }
}
