package org.vesalius.vna.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;
import org.vesalius.vna.archive.retrieve.Samples;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * WADO-RS and WADO-URI over a filesystem archive: transfer syntax negotiation with transcoding
 * (native syntaxes, deflate, decoding JPEG and JPEG 2000, 406 with the reason for the rest),
 * rendered instances and frames, thumbnails, and WADO-URI images.
 */
class WadoTranscodingAndRenderingTest {

    static final String BASE = "http://127.0.0.1:8080/dicomweb";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";

    @TempDir
    Path dir;
    IngestFixture ingest;
    RetrieveService retrieve;
    WadoRs wado;

    @BeforeEach
    void open() {
        ingest = new IngestFixture(dir);
        retrieve = new RetrieveService(ingest.blobs, new Journal(ingest.blobs, Clock.systemUTC()), RetrieveSettings.DEFAULT);
        wado = new WadoRs(retrieve, new org.vesalius.vna.archive.render.RenderService(retrieve), Duration.ofDays(365));
    }

    @AfterEach
    void close() {
        retrieve.close();
        ingest.close();
    }

    static WadoRequest rq(String accept) {
        return new WadoRequest(accept, null, null, BASE);
    }

    InstanceRef store(Path file) throws IOException {
        IngestResult r = ingest.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(Files.readAllBytes(file)),
                null));
        return ((IngestResult.Stored) r).instance().ref();
    }

    InstanceRef sample(String relative) throws IOException {
        Path p = SharedSamples.require(relative);
        return store(p);
    }

    WadoResponse instance(InstanceRef ref, String accept) {
        return wado.retrieve(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), rq(accept));
    }

    static DicomFile read(byte[] part10) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(part10), ReadOptions.DEFAULT);
    }

    @Test
    void aNativeInstanceComesInEveryNativeSyntaxAndDeflateWithTheSameDataSet() throws IOException {
        InstanceRef ref = sample("pydicom/test_files/MR_small.dcm");
        Dataset asStored = read(WadoResponses.body(instance(ref, "application/dicom; transfer-syntax=*"))).dataset();
        for (String ts : List.of("1.2.840.10008.1.2", EXPLICIT, "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99")) {
            WadoResponse r = instance(ref, "application/dicom; transfer-syntax=" + ts);
            // As stored it is plain application/dicom; transcoded, the part names its syntax.
            assertThat(((WadoResponse.Content) r).contentType()).isIn("application/dicom", "application/dicom; transfer-syntax=" + ts);
            DicomFile got = read(WadoResponses.body(r));
            assertThat(got.transferSyntax().uid()).isEqualTo(ts);
            assertThat(got.fileMeta().getString(Tags.TransferSyntaxUID)).isEqualTo(ts);
            assertThat(sameElements(asStored, got.dataset())).as(ts).isTrue();
        }
    }

    @Test
    void compressedInstancesAreDecodedWhenAskedForExplicitLittleEndian() throws IOException {
        InstanceRef jpeg = sample("pydicom/test_files/SC_rgb_jpeg_dcmtk.dcm");
        InstanceRef j2k = sample("pydicom/test_files/MR_small_jp2klossless.dcm");
        Dataset uncompressed = DicomReader.read(Samples.get("pydicom/test_files/MR_small.dcm")).dataset();

        DicomFile decodedJpeg = read(WadoResponses.parts(instance(jpeg, "multipart/related; type=\"application/dicom\"")).get(0).content());
        DicomFile decodedJ2k = read(WadoResponses.body(instance(j2k, "application/dicom")));

        assertThat(decodedJpeg.transferSyntax().uid()).isEqualTo(EXPLICIT);
        assertThat(decodedJpeg.dataset().getString(Tags.PhotometricInterpretation)).isEqualTo("RGB");
        assertThat(decodedJpeg.dataset().getBytes(Tags.PixelData)).hasSize(3 * 100 * 100);
        assertThat(decodedJ2k.dataset().getBytes(Tags.PixelData)).isEqualTo(uncompressed.getBytes(Tags.PixelData));
    }

    @Test
    void whatCannotBeDoneIs406WithTheReason() throws IOException {
        InstanceRef jls = sample("pydicom/test_files/MR_small_jpeg_ls_lossless.dcm");
        InstanceRef twelveBit = sample("pydicom/test_files/JPEG-lossy.dcm");
        InstanceRef plain = sample("pydicom/test_files/CT_small.dcm");

        WadoResponse decodeJls = instance(jls, "application/dicom");
        WadoResponse decode12 = instance(twelveBit, "application/dicom; transfer-syntax=1.2.840.10008.1.2");
        WadoResponse encode = instance(plain, "application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50");

        assertThat(decodeJls.status()).isEqualTo(406);
        assertThat(((WadoResponse.Problem) decodeJls).detail()).contains("1.2.840.10008.1.2.4.80 cannot be decoded");
        assertThat(((WadoResponse.Problem) decode12).detail()).contains("12-bit");
        assertThat(((WadoResponse.Problem) encode).detail()).contains("encoding into transfer syntax 1.2.840.10008.1.2.4.50 is not supported");
        assertThat(instance(jls, "application/dicom; transfer-syntax=*").status()).isEqualTo(200);
    }

    @Test
    void aStudyIsSentInTheAskedSyntaxLeavingOutOnlyWhatCannotBeDecoded() throws IOException {
        InstanceRef a = sample("pydicom-data/emri_small_jpeg_2k_lossless.dcm");
        // The JPEG-LS sibling is the same instance: put a copy of it, under a UID of its own, into the study.
        Path jls = Samples.get("pydicom-data/emri_small_jpeg_ls_lossless.dcm");
        DicomFile f = DicomReader.read(jls);
        f.dataset().setString(Tags.StudyInstanceUID, org.vesalius.dicom.data.VR.UI, a.studyInstanceUid());
        f.dataset().setString(Tags.SOPInstanceUID, org.vesalius.dicom.data.VR.UI, "1.2.3.4.5.6.7.8.9");
        Path copy = dir.resolve("jls.dcm");
        try (java.io.OutputStream out = Files.newOutputStream(copy)) {
            Dataset meta = org.vesalius.dicom.io.FileMetaInformation.create(f.dataset().getString(Tags.SOPClassUID),
                    "1.2.3.4.5.6.7.8.9", f.transferSyntax().uid());
            org.vesalius.dicom.io.DicomWriter.writeFile(new DicomFile(null, true, meta, f.dataset(), f.transferSyntax(), null, null), out,
                    org.vesalius.dicom.io.EncodingOptions.DEFAULT);
        }
        store(copy);

        WadoResponse r = wado.retrieve(a.studyInstanceUid(), null, null, rq("multipart/related; type=\"application/dicom\""));

        assertThat(r.status()).isEqualTo(206);
        assertThat(WadoResponses.header(r, "Warning")).contains("1 instance(s) left out", "1.2.840.10008.1.2.4.80 cannot be decoded");
        List<WadoResponses.Part> parts = WadoResponses.parts(r);
        assertThat(parts).hasSize(1);
        assertThat(read(parts.get(0).content()).dataset().getBytes(Tags.PixelData))
                .isEqualTo(DicomReader.read(Samples.get("pydicom-data/emri_small.dcm")).dataset().getBytes(Tags.PixelData));
    }

    @Test
    void renderedInstanceAndFramesAsJpegOrPngWithWindowAndViewport() throws IOException {
        InstanceRef ref = sample("pydicom-data/emri_small.dcm");
        Map<String, List<String>> none = Map.of();

        WadoResponse jpeg = wado.rendered(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), null, none, rq(null));
        WadoResponse png = wado.rendered(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "3",
                Map.of("accept", List.of("image/png"), "window", List.of("500,1000,linear")), rq("image/jpeg"));
        WadoResponse small = wado.rendered(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "2",
                Map.of("viewport", List.of("32,16"), "quality", List.of("50")), rq("image/*"));
        WadoResponse frames = wado.rendered(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "1,10", none,
                rq("multipart/related; type=\"image/jpeg\""));

        assertThat(((WadoResponse.Content) jpeg).contentType()).isEqualTo("image/jpeg");
        assertThat(image(WadoResponses.body(jpeg)).getWidth()).isEqualTo(64);
        assertThat(((WadoResponse.Content) png).contentType()).isEqualTo("image/png");
        BufferedImage p = image(WadoResponses.body(png));
        assertThat(p.getHeight()).isEqualTo(64);
        assertThat(image(WadoResponses.body(small))).extracting(BufferedImage::getWidth, BufferedImage::getHeight).containsExactly(16, 16);
        WadoResponse huge = wado.rendered(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "2",
                Map.of("viewport", List.of("4096,4096")), rq("image/png"));
        assertThat(image(WadoResponses.body(huge))).as("a 64 x 64 frame is scaled up 4 times at most")
                .extracting(BufferedImage::getWidth, BufferedImage::getHeight).containsExactly(256, 256);
        List<WadoResponses.Part> parts = WadoResponses.parts(frames);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).headers()).containsEntry("content-type", "image/jpeg")
                .containsEntry("content-location", BASE + "/" + WadoRs.path(ref) + "/frames/10/rendered");
        assertThat(image(parts.get(1).content()).getWidth()).isEqualTo(64);

        String etag = WadoResponses.header(png, "ETag");
        WadoResponse again = wado.rendered(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "3",
                Map.of("accept", List.of("image/png"), "window", List.of("500,1000,linear")), new WadoRequest("image/jpeg", etag, null, BASE));
        assertThat(again.status()).isEqualTo(304);
    }

    @Test
    void renderedRequestsThatCannotBeAnswered() throws IOException {
        InstanceRef ref = sample("pydicom/test_files/CT_small.dcm");
        InstanceRef jls = sample("pydicom/test_files/MR_small_jpeg_ls_lossless.dcm");
        String st = ref.studyInstanceUid();
        String se = ref.seriesInstanceUid();
        String sop = ref.sopInstanceUid();

        assertThat(wado.rendered(st, se, sop, null, Map.of("window", List.of("40")), rq(null)).status()).isEqualTo(400);
        assertThat(wado.rendered(st, se, sop, null, Map.of("viewport", List.of("10,10,0,0,5,5")), rq(null)).status()).isEqualTo(400);
        WadoResponse tooLarge = wado.rendered(st, se, sop, null, Map.of("viewport", List.of("4097,512")), rq(null));
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(((WadoResponse.Problem) tooLarge).detail()).contains("viewport", "1 to 4096");
        assertThat(wado.rendered(st, se, sop, null, Map.of("quality", List.of("101")), rq(null)).status()).isEqualTo(400);
        assertThat(wado.rendered(st, se, sop, "2", Map.of(), rq(null)).status()).isEqualTo(400);
        assertThat(wado.rendered(st, se, sop, null, Map.of(), rq("image/gif")).status()).isEqualTo(406);
        WadoResponse undecodable = wado.rendered(jls.studyInstanceUid(), jls.seriesInstanceUid(), jls.sopInstanceUid(), null, Map.of(), rq(null));
        assertThat(undecodable.status()).isEqualTo(406);
        assertThat(((WadoResponse.Problem) undecodable).detail()).contains("cannot be decoded");
        assertThat(wado.rendered(st, se, "1.2.3.404", null, Map.of(), rq(null)).status()).isEqualTo(404);
    }

    @Test
    void thumbnailsOfStudySeriesInstanceAndFrameFit128() throws IOException {
        InstanceRef ref = sample("pydicom/test_files/SC_rgb_jpeg_dcmtk.dcm");
        for (WadoResponse r : List.of(wado.thumbnail(ref.studyInstanceUid(), null, null, null, Map.of(), rq(null)),
                wado.thumbnail(ref.studyInstanceUid(), ref.seriesInstanceUid(), null, null, Map.of(), rq(null)),
                wado.thumbnail(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), null, Map.of(), rq(null)),
                wado.thumbnail(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "1", Map.of(), rq(null)))) {
            assertThat(r.status()).isEqualTo(200);
            BufferedImage image = image(WadoResponses.body(r));
            assertThat(Math.max(image.getWidth(), image.getHeight())).isEqualTo(128);
        }
        assertThat(wado.thumbnail("1.2.3.404", null, null, null, Map.of(), rq(null)).status()).isEqualTo(404);
    }

    @Test
    void theGeneratedCtRendersWithItsWindowAndIsNotBlank() throws IOException {
        Path generated = dir.resolve("generated");
        SyntheticDataSet.generate(generated, SyntheticOptions.of(300).withSeed(11));
        SyntheticManifest.Entry ct = SyntheticManifest.read(generated).stream().filter(e -> e.modality().equals("CT")).findFirst()
                .orElseThrow();
        InstanceRef ref = store(generated.resolve(ct.file()));

        BufferedImage image = image(WadoResponses.body(wado.rendered(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(),
                null, Map.of("accept", List.of("image/png")), rq(null))));

        int[] grey = image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
        assertThat(Arrays.stream(grey).distinct().count()).as("grey levels").isGreaterThan(8);
        assertThat(Arrays.stream(grey).filter(v -> v > 0 && v < 255).count()).as("pixels inside the window")
                .isGreaterThan(grey.length / 10);
    }

    @Test
    void wadoUriRendersAndTranscodes() throws IOException {
        InstanceRef ref = sample("pydicom-data/emri_small.dcm");
        WadoUri uri = new WadoUri(retrieve, new org.vesalius.vna.archive.render.RenderService(retrieve));
        Map<String, List<String>> p = new HashMap<>(Map.of("requestType", List.of("WADO"), "studyUID", List.of(ref.studyInstanceUid()),
                "seriesUID", List.of(ref.seriesInstanceUid()), "objectUID", List.of(ref.sopInstanceUid())));

        WadoResponse plain = uri.get(p, rq(null));
        p.putAll(Map.of("contentType", List.of("image/png"), "frameNumber", List.of("4"), "windowCenter", List.of("300"),
                "windowWidth", List.of("600"), "rows", List.of("32")));
        WadoResponse windowed = uri.get(p, rq(null));
        Map<String, List<String>> dicom = new HashMap<>(p);
        dicom.put("contentType", List.of("application/dicom"));
        dicom.put("transferSyntax", List.of("1.2.840.10008.1.2.2"));
        WadoResponse bigEndian = uri.get(dicom, rq(null));
        p.put("frameNumber", List.of("11"));

        assertThat(((WadoResponse.Content) plain).contentType()).isEqualTo("image/jpeg");
        assertThat(image(WadoResponses.body(plain)).getWidth()).isEqualTo(64);
        assertThat(((WadoResponse.Content) windowed).contentType()).isEqualTo("image/png");
        assertThat(image(WadoResponses.body(windowed)).getHeight()).isEqualTo(32);
        assertThat(read(WadoResponses.body(bigEndian)).transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.2");
        assertThat(uri.get(p, rq(null)).status()).isEqualTo(400);
    }

    /** Same tags with the same value bytes, item by item (VRs aside: an implicit data set has none). */
    static boolean sameElements(Dataset a, Dataset b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.tagAt(i) != b.tagAt(i)) {
                return false;
            }
            Object x = a.valueAt(i);
            Object y = b.valueAt(i);
            if (x instanceof org.vesalius.dicom.data.Sequence sx && y instanceof org.vesalius.dicom.data.Sequence sy) {
                if (sx.size() != sy.size()) {
                    return false;
                }
                for (int k = 0; k < sx.size(); k++) {
                    if (!sameElements(sx.get(k), sy.get(k))) {
                        return false;
                    }
                }
            } else if (!Arrays.equals(x instanceof byte[] bx ? bx : new byte[0], y instanceof byte[] by ? by : new byte[0])) {
                return false;
            }
        }
        return true;
    }

    static BufferedImage image(byte[] bytes) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertThat(image).as("a readable image").isNotNull();
        return image;
    }
}
