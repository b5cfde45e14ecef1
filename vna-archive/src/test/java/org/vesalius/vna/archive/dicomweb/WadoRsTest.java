package org.vesalius.vna.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;
import org.vesalius.vna.archive.retrieve.Samples;
import org.vesalius.testsupport.samples.SharedSamples;

/** WADO-RS and WADO-URI answers over a filesystem archive: negotiation, partial answers, problems, caching, ranges. */
class WadoRsTest {

    static final String BASE = "http://127.0.0.1:8080/dicomweb";
    static final String ANY = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    static final String OHIF_FRAMES = "multipart/related; type=application/octet-stream; transfer-syntax=*";

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

    ArchivedInstance store(byte[] bytes) {
        IngestResult r = ingest.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(bytes), null));
        return ((IngestResult.Stored) r).instance();
    }

    ArchivedInstance storeSample(String path) throws IOException {
        Path p = SharedSamples.require(path);
        return store(Files.readAllBytes(p));
    }

    @Test
    void anInstanceAsStoredIsOnePartWithLengthLocationAndEtag() throws IOException {
        byte[] bytes = TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 512, 1));
        InstanceRef ref = store(bytes).ref();

        WadoResponse r = wado.retrieve(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), rq(ANY));

        assertThat(r.status()).isEqualTo(200);
        List<WadoResponses.Part> parts = WadoResponses.parts(r);
        assertThat(parts).hasSize(1);
        assertThat(parts.get(0).content()).isEqualTo(bytes);
        assertThat(parts.get(0).headers()).containsEntry("content-type", "application/dicom; transfer-syntax=1.2.840.10008.1.2.1")
                .containsEntry("content-location", BASE + "/" + WadoRs.path(ref));
        assertThat(((WadoResponse.Content) r).contentLength()).isEqualTo(WadoResponses.body(r).length);
        String etag = WadoResponses.header(r, "ETag");
        assertThat(WadoResponses.header(r, "Cache-Control")).isEqualTo("private, no-cache");

        WadoResponse again = wado.retrieve(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(),
                new WadoRequest(ANY, etag, null, BASE));
        assertThat(again).isInstanceOf(WadoResponse.NotModified.class);
        assertThat(WadoResponses.body(wado.retrieve(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), rq(ANY))))
                .as("the same bytes for the same ETag").isEqualTo(WadoResponses.body(r));
    }

    @Test
    void withoutTransferSyntaxExplicitLittleEndianIsMeantAndOtherSyntaxesAreTranscoded() throws IOException {
        ArchivedInstance ele = store(TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 64, 1)));
        Dataset implicit = TestObjects.ct("1.2.3.2", "P", "I", 64, 2);
        store(TestObjects.part10(implicit, org.vesalius.dicom.io.TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        InstanceRef ref = ele.ref();
        String plain = "multipart/related; type=\"application/dicom\"";

        WadoResponse series = wado.retrieve(ref.studyInstanceUid(), ref.seriesInstanceUid(), null, rq(plain));
        WadoResponse one = wado.retrieve(ref.studyInstanceUid(), ref.seriesInstanceUid(), "1.2.3.2", rq(plain));
        WadoResponse both = wado.retrieve(ref.studyInstanceUid(), null, null, rq(ANY));

        assertThat(series.status()).isEqualTo(200);
        assertThat(WadoResponses.parts(series)).hasSize(2).allSatisfy(part -> assertThat(part.headers())
                .containsEntry("content-type", "application/dicom; transfer-syntax=1.2.840.10008.1.2.1"));
        assertThat(one.status()).isEqualTo(200);
        org.vesalius.dicom.io.DicomFile transcoded = DicomReader.read(new ByteArrayInputStream(WadoResponses.parts(one).get(0).content()), org.vesalius.dicom.io.ReadOptions.DEFAULT);
        assertThat(transcoded.transferSyntax().uid()).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(transcoded.dataset().getBytes(Tags.PixelData)).isEqualTo(implicit.getBytes(Tags.PixelData));
        assertThat(both.status()).isEqualTo(200);
        assertThat(WadoResponses.parts(both)).hasSize(2);
    }

    @Test
    void problemsInTheProtocolsTerms() {
        store(TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 64, 1)));
        String study = TestObjects.STUDY;
        String series = TestObjects.SERIES;

        assertThat(wado.retrieve("1.2.9", null, null, rq(ANY)).status()).isEqualTo(404);
        assertThat(wado.retrieve(study, series, "1.2.9", rq(ANY)).status()).isEqualTo(404);
        assertThat(wado.retrieve("1.2.x", null, null, rq(ANY)).status()).isEqualTo(400);
        assertThat(wado.retrieve(study, series, "1.2.3.1", rq("application/dicom+json")).status()).isEqualTo(406);
        assertThat(wado.metadata(study, null, null, rq("multipart/related; type=\"application/dicom+xml\"")).status()).isEqualTo(406);
        assertThat(wado.metadata("1.2.9", null, null, rq("application/dicom+json")).status()).isEqualTo(404);
        assertThat(wado.frames(study, series, "1.2.3.1", "0", rq(OHIF_FRAMES)).status()).isEqualTo(400);
        assertThat(wado.frames(study, series, "1.2.3.1", "2", rq(OHIF_FRAMES)).status()).isEqualTo(400);
        assertThat(((WadoResponse.Problem) wado.frames(study, series, "1.2.3.1", "2", rq(OHIF_FRAMES))).detail())
                .contains("frame 2 is out of range");
        assertThat(wado.frames(study, series, "1.2.3.1", "1,x", rq(OHIF_FRAMES)).status()).isEqualTo(400);
        assertThat(wado.frames(study, series, "1.2.3.9", "1", rq(OHIF_FRAMES)).status()).isEqualTo(404);
        assertThat(wado.bulkData(study, series, "1.2.3.1", "7FE0001", rq(null)).status()).isEqualTo(400);
        assertThat(wado.bulkData(study, series, "1.2.3.1", "00100010/0/00100010", rq(null)).status()).isEqualTo(404);
    }

    @Test
    void framesOfACompressedMultiFrameAreItsFragmentsAsStored() throws IOException {
        ArchivedInstance stored = storeSample("pydicom/test_files/examples_ybr_color.dcm");
        Fragments frags = (Fragments) DicomReader.read(Samples.get("pydicom/test_files/examples_ybr_color.dcm")).dataset()
                .getValue(Tags.PixelData);
        InstanceRef ref = stored.ref();

        WadoResponse r = wado.frames(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "1,3,30", rq(OHIF_FRAMES));

        assertThat(r.status()).isEqualTo(200);
        assertThat(((WadoResponse.Content) r).contentType()).startsWith("multipart/related; type=\"application/octet-stream\"; boundary=");
        List<WadoResponses.Part> parts = WadoResponses.parts(r);
        assertThat(parts).extracting(p -> p.content().length).containsExactly(((byte[]) frags.get(1)).length,
                ((byte[]) frags.get(3)).length, ((byte[]) frags.get(30)).length);
        assertThat(parts.get(1).content()).isEqualTo(frags.get(3));
        assertThat(parts.get(2).headers()).containsEntry("content-type", "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.50")
                .containsEntry("content-location", BASE + "/" + WadoRs.path(ref) + "/frames/30");
        assertThat(WadoResponses.header(r, "Cache-Control")).isEqualTo("private, max-age=31536000, immutable");
        assertThat(((WadoResponse.Content) r).contentLength()).isEqualTo(WadoResponses.body(r).length);

        WadoResponse jpeg = wado.frames(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "2", rq("image/jpeg"));
        assertThat(((WadoResponse.Content) jpeg).contentType()).isEqualTo("image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50");
        assertThat(WadoResponses.body(jpeg)).isEqualTo(frags.get(2));

        WadoResponse raw = wado.frames(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "1",
                rq("multipart/related; type=\"application/octet-stream\""));
        // Native frames asked for: decoded, YBR_FULL_422 to RGB, full size.
        assertThat(raw.status()).isEqualTo(200);
        assertThat(WadoResponses.parts(raw).get(0).headers()).containsEntry("content-type",
                "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1");
        assertThat(WadoResponses.parts(raw).get(0).content()).hasSize(3 * 320 * 240);
        WadoResponse ls = wado.frames(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "1", rq("image/jls"));
        assertThat(ls.status()).isEqualTo(406);
        assertThat(((WadoResponse.Problem) ls).detail()).contains("image/jpeg", "decoded as application/octet-stream");
    }

    @Test
    void wadoUriGivesThePart10ObjectWithRangesAndRefusesWhatCannotBeEncoded() throws IOException {
        byte[] bytes = TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 4096, 1));
        store(bytes);
        WadoUri uri = new WadoUri(retrieve, new org.vesalius.vna.archive.render.RenderService(retrieve));
        Map<String, List<String>> p = Map.of("requestType", List.of("WADO"), "studyUID", List.of(TestObjects.STUDY),
                "seriesUID", List.of(TestObjects.SERIES), "objectUID", List.of("1.2.3.1"), "contentType", List.of("application/dicom"));

        WadoResponse whole = uri.get(p, rq("*/*"));
        WadoResponse part = uri.get(p, new WadoRequest(null, null, "bytes=100-199", BASE));
        WadoResponse beyond = uri.get(p, new WadoRequest(null, null, "bytes=99999-", BASE));

        assertThat(whole.status()).isEqualTo(200);
        assertThat(((WadoResponse.Content) whole).contentType()).isEqualTo("application/dicom");
        assertThat(WadoResponses.body(whole)).isEqualTo(bytes);
        assertThat(part.status()).isEqualTo(206);
        assertThat(WadoResponses.header(part, "Content-Range")).isEqualTo("bytes 100-199/" + bytes.length);
        assertThat(WadoResponses.body(part)).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));
        assertThat(beyond.status()).isEqualTo(416);

        Map<String, List<String>> jpeg = new java.util.HashMap<>(p);
        jpeg.remove("contentType");
        assertThat(((WadoResponse.Content) uri.get(jpeg, rq(null))).contentType()).isEqualTo("image/jpeg");
        Map<String, List<String>> noType = new java.util.HashMap<>(p);
        noType.put("requestType", List.of("WADOX"));
        assertThat(uri.get(noType, rq(null)).status()).isEqualTo(400);
        Map<String, List<String>> other = new java.util.HashMap<>(p);
        other.put("transferSyntax", List.of("1.2.840.10008.1.2.4.50"));
        assertThat(uri.get(other, rq(null)).status()).isEqualTo(406);
        assertThat(((WadoResponse.Problem) uri.get(other, rq(null))).detail()).contains("encoding into transfer syntax 1.2.840.10008.1.2.4.50");
        Map<String, List<String>> missing = new java.util.HashMap<>(p);
        missing.put("objectUID", List.of("1.2.3.404"));
        assertThat(uri.get(missing, rq(null)).status()).isEqualTo(404);
    }

    @Test
    void bulkDataOfAPlainValueSingleOrMultipart() throws IOException {
        Dataset ds = TestObjects.ct("1.2.3.1", "P", "I", 64, 1);
        byte[] blob = new byte[3000];
        Arrays.fill(blob, (byte) 7);
        ds.setBytes(0x00091010, VR.OB, blob);
        ds.setString(0x00090010, VR.LO, "ACME");
        InstanceRef ref = store(TestObjects.part10(ds)).ref();

        WadoResponse single = wado.bulkData(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "00091010",
                rq("application/octet-stream"));
        WadoResponse multi = wado.bulkData(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid(), "00091010", rq(null));

        assertThat(WadoResponses.body(single)).isEqualTo(blob);
        assertThat(WadoResponses.parts(multi)).singleElement().satisfies(p -> assertThat(p.content()).isEqualTo(blob));
    }
}
