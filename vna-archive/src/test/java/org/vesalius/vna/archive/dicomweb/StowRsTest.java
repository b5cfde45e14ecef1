package org.vesalius.vna.archive.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.vesalius.vna.archive.ingest.TestObjects.ct;
import static org.vesalius.vna.archive.ingest.TestObjects.part10;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.DefaultIssuerRule;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;

class StowRsTest {

    private static final String B = "stow-test-boundary";
    private static final String TYPE = "multipart/related; type=\"application/dicom\"; boundary=" + B;
    private static final String BASE = "http://archive.example/dicomweb";
    private static final String SOP = "1.2.826.0.1.3680043.2.1125.1.1.";

    @TempDir
    Path dir;
    IngestFixture f;
    StowRs stow;

    @BeforeEach
    void setUp() {
        f = new IngestFixture(dir);
        stow = new StowRs(f.service, "VESALIUS");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    static byte[] body(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(("--" + B + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
            out.writeBytes(p);
            out.writeBytes("\r\n".getBytes(ISO_8859_1));
        }
        out.writeBytes(("--" + B + "--\r\n").getBytes(ISO_8859_1));
        return out.toByteArray();
    }

    private StowOutcome post(String contentType, byte[] body, String study) {
        return stow.store(contentType, new ByteArrayInputStream(body), IngestSource.stow("10.0.0.7"), study, BASE);
    }

    @Test
    void allStoredIs200WithRetrieveUrls() {
        StowOutcome.Response r = (StowOutcome.Response) post(TYPE, body(part10(ct(SOP + 1, "P", null, 1000, 1)),
                part10(ct(SOP + 2, "P", null, 1000, 2))), null);

        assertThat(r.status()).isEqualTo(200);
        Sequence refs = r.body().getSequence(Tags.ReferencedSOPSequence);
        assertThat(refs).hasSize(2);
        assertThat(refs.get(1).getString(Tags.ReferencedSOPInstanceUID)).isEqualTo(SOP + 2);
        assertThat(refs.get(1).getString(Tags.RetrieveURL)).isEqualTo(BASE + "/studies/" + TestObjects.STUDY + "/series/"
                + TestObjects.SERIES + "/instances/" + SOP + 2);
        assertThat(r.body().getString(Tags.RetrieveURL)).isEqualTo(BASE + "/studies/" + TestObjects.STUDY);
        assertThat(r.body().contains(Tags.FailedSOPSequence)).isFalse();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void goodPartsAreStoredAndTheBadOnesListedWithReasons() {
        byte[] good = part10(ct(SOP + 1, "P", null, 50_000, 1));
        byte[] truncated = Arrays.copyOf(part10(ct(SOP + 2, "P", null, 50_000, 2)), 30_000);
        byte[] notDicom = "%PDF-1.4 certainly not DICOM".repeat(20).getBytes(ISO_8859_1);
        Dataset noSop = ct(SOP + 3, "P", null, 100, 3);
        noSop.remove(Tags.SOPInstanceUID);

        StowOutcome.Response r = (StowOutcome.Response) post(TYPE, body(good, truncated, notDicom, part10(noSop),
                part10(ct(SOP + 4, "P", null, 100, 4))), null);

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().getSequence(Tags.ReferencedSOPSequence)).extracting(i -> i.getString(Tags.ReferencedSOPInstanceUID))
                .containsExactly(SOP + 1, SOP + 4);
        Sequence failed = r.body().getSequence(Tags.FailedSOPSequence);
        assertThat(failed).extracting(i -> i.getInt(Tags.FailureReason, -1))
                .containsExactly(StowFailureReasons.CANNOT_UNDERSTAND, StowFailureReasons.CANNOT_UNDERSTAND,
                        StowFailureReasons.DATA_SET_DOES_NOT_MATCH_SOP_CLASS);
        assertThat(failed.get(0).getString(Tags.ReferencedSOPInstanceUID)).isEqualTo(SOP + 2);
        assertThat(r.warnings()).hasSize(3).anySatisfy(w -> assertThat(w).startsWith("part 2 (" + SOP + "2): truncated"));
        assertThat(f.keys()).hasSize(2);
    }

    @Test
    void nothingStoredIs409() {
        StowOutcome.Response r = (StowOutcome.Response) post(TYPE, body("garbage".getBytes(ISO_8859_1)), null);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().contains(Tags.ReferencedSOPSequence)).isFalse();
        f.assertNothingBehind();
    }

    @Test
    void aStudyOtherThanTheUrlsIsA900AndDuplicatesAre0111() {
        byte[] first = part10(ct(SOP + 1, "P", null, 100, 1));
        post(TYPE, body(first), null);

        StowOutcome.Response mismatch = (StowOutcome.Response) post(TYPE, body(part10(ct(SOP + 2, "P", null, 100, 1))), "1.2.3");
        StowOutcome.Response duplicate = (StowOutcome.Response) post(TYPE, body(part10(ct(SOP + 1, "P", null, 100, 9))), null);
        StowOutcome.Response again = (StowOutcome.Response) post(TYPE, body(first), TestObjects.STUDY);

        assertThat(mismatch.status()).isEqualTo(409);
        assertThat(mismatch.body().getSequence(Tags.FailedSOPSequence).get(0).getInt(Tags.FailureReason, -1)).isEqualTo(0xA900);
        assertThat(mismatch.body().getString(Tags.RetrieveURL)).isEqualTo(BASE + "/studies/1.2.3");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().getSequence(Tags.FailedSOPSequence).get(0).getInt(Tags.FailureReason, -1)).isEqualTo(0x0111);
        assertThat(again.status()).isEqualTo(200);
    }

    @Test
    void aCoercionIsAWarningWithTheOriginalAttributes() {
        f.with(new DefaultIssuerRule(Map.of(), Map.of("10.0.0.7", "HOSP_W")));
        stow = new StowRs(f.service, "VESALIUS");

        StowOutcome.Response r = (StowOutcome.Response) post(TYPE, body(part10(ct(SOP + 1, "P", null, 100, 1))), null);

        assertThat(r.status()).isEqualTo(202);
        Dataset item = r.body().getSequence(Tags.ReferencedSOPSequence).get(0);
        assertThat(item.getInt(Tags.WarningReason, -1)).isEqualTo(0xB000);
        Dataset original = item.getSequence(Tags.OriginalAttributesSequence).get(0);
        assertThat(original.getString(Tags.ReasonForTheAttributeModification)).isEqualTo("COERCE");
        assertThat(original.getString(Tags.ModifyingSystem)).isEqualTo("VESALIUS");
        assertThat(original.getSequence(Tags.ModifiedAttributesSequence).get(0).contains(Tags.IssuerOfPatientID)).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("HOSP_W");
    }

    @Test
    void requestLevelErrorsAreProblems() {
        byte[] one = body(part10(ct(SOP + 1, "P", null, 100, 1)));

        StowOutcome.Problem notMultipart = (StowOutcome.Problem) post("application/dicom", one, null);
        assertThat(notMultipart.status()).isEqualTo(415);
        assertThat(notMultipart.detail()).isEqualTo(
                "STOW-RS takes multipart/related; type=\"application/dicom\"; the request's Content-Type is application/dicom");
        assertThat(post("multipart/related; type=\"application/dicom+json\"; boundary=" + B, one, null).status()).isEqualTo(415);
        assertThat(post("multipart/related; type=\"application/dicom\"", one, null).status()).isEqualTo(400);
        assertThat(((StowOutcome.Problem) post("multipart/related; type=\"application/dicom\"; boundary=wrong", one, null)).detail())
                .contains("boundary parameter does not match");
        assertThat(post(TYPE, ("--" + B + "--\r\n").getBytes(ISO_8859_1), null).status()).isEqualTo(400);
        f.assertNothingBehind();
    }

    @Test
    void aBodyCutInsideAPartAfterStoredOnesIs202WithTheBrokenPartFailed() {
        byte[] whole = body(part10(ct(SOP + 1, "P", null, 100, 1)), part10(ct(SOP + 2, "P", null, 100_000, 2)));

        StowOutcome cut = post(TYPE, Arrays.copyOf(whole, whole.length - 50_000), null);
        StowOutcome cutFirst = post(TYPE, Arrays.copyOf(whole, 600), null);

        StowOutcome.Response r = (StowOutcome.Response) cut;
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().getSequence(Tags.ReferencedSOPSequence)).hasSize(1);
        assertThat(r.body().getSequence(Tags.FailedSOPSequence)).hasSize(1);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("ends inside part 2"));
        assertThat(cutFirst).isInstanceOf(StowOutcome.Problem.class);
        assertThat(cutFirst.status()).isEqualTo(400);
        assertThat(f.keys()).hasSize(1);
    }

    @Test
    void aPartOfAnotherMediaTypeIsRefused() {
        byte[] body = ("--" + B + "\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--" + B + "--").getBytes(ISO_8859_1);

        StowOutcome.Response r = (StowOutcome.Response) post(TYPE, body, null);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.warnings()).singleElement().asString().contains("application/pdf");
    }
}
