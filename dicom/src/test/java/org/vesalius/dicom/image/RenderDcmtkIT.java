package org.vesalius.dicom.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;

/**
 * Our rendering of monochrome samples against dcmtk's {@code dcmj2pnm} with the same VOI choice
 * (the object's first window, a window given, a sigmoid function, min-max when the object has
 * none): the mean absolute difference per pixel stays under one grey level out of 255, and no
 * pixel differs by more than a few (rounding at window edges).
 */
class RenderDcmtkIT {

    static final double MAX_MEAN_DIFFERENCE = 1.0;
    static final int MAX_PIXEL_DIFFERENCE = 3;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} frame {1} {2}")
    @CsvSource(delimiter = ';', value = {
        "pydicom/test_files/MR_small.dcm; 1; +Wi 1",
        "pydicom/test_files/MR_small.dcm; 1; +Wi 1 +Wfs",
        "pydicom-data/693_UNCR.dcm; 1; +Wi 1",
        "pydicom-data/693_UNCR.dcm; 1; +Ww 300 1500",
        "pydicom-data/MR2_UNCR.dcm; 1; +Wi 1",
        "pydicom/test_files/CT_small.dcm; 1; +Wm",
        "pydicom-data/emri_small.dcm; 3; +Wm",
        "dcm4che/NM-MONO2-16-13x-heart; 5; +Wi 1",
        "pydicom/test_files/dicomdirtests/77654033/CR1/6154; 1; +Wi 1",
        "highdicom/dx_image.dcm; 1; +Wi 1",
    })
    void monochromeAsDcmj2pnmRendersIt(String relative, int frame, String voi) throws Exception {
        Dcmtk.require("dcmj2pnm");
        Path file = SharedSamples.require(relative);
        List<String> command = new ArrayList<>(List.of("dcmj2pnm", "-O", "+F", Integer.toString(frame)));
        command.addAll(Arrays.asList(voi.split(" ")));
        Path pgm = tmp.resolve("dcmtk.pgm");
        command.addAll(List.of(file.toString(), pgm.toString()));
        Dcmtk.Result r = Dcmtk.run(command);
        assertThat(r.ok()).as(r.stderr()).isTrue();
        Dataset ds = DicomReader.read(file).dataset();
        RenderOptions options = RenderOptions.DEFAULT;
        if (voi.startsWith("+Ww")) {
            String[] v = voi.split(" ");
            options = options.withWindow(new Window(Double.parseDouble(v[1]), Double.parseDouble(v[2]), VoiFunction.LINEAR));
        } else if (voi.contains("+Wfs")) {
            options = options.withWindow(Window.of(ds, frame).orElseThrow().withFunction(VoiFunction.SIGMOID));
        } else if (voi.equals("+Wm")) {
            assertThat(Window.of(ds, frame)).as("the object has no window: min-max applies").isEmpty();
        }
        BufferedImage ours = render(ds, frame, options);
        compare(relative, Pnm.read(pgm), Pnm.of(ours));
    }

    @Test
    void generatedCtRendersAsDcmj2pnmDoesAndIsNotBlank() throws Exception {
        Dcmtk.require("dcmj2pnm");
        Path dir = tmp.resolve("generated");
        SyntheticDataSet.generate(dir, SyntheticOptions.of(300).withSeed(3));
        SyntheticManifest.Entry ct = SyntheticManifest.read(dir).stream().filter(e -> e.modality().equals("CT")).findFirst()
                .orElseThrow();
        Path file = dir.resolve(ct.file());
        Path pgm = tmp.resolve("ct.pgm");
        Dcmtk.Result r = Dcmtk.run(List.of("dcmj2pnm", "-O", "+Wi", "1", file.toString(), pgm.toString()));
        assertThat(r.ok()).as(r.stderr()).isTrue();
        Pnm.Image ours = Pnm.of(render(DicomReader.read(file).dataset(), 1, RenderOptions.DEFAULT));
        compare(ct.file(), Pnm.read(pgm), ours);
        // A 64 × 64 textured ellipse in a soft-tissue window: a few dozen grey levels at most, not one.
        long distinct = Arrays.stream(ours.samples()).distinct().count();
        assertThat(distinct).as("grey levels in the rendered CT").isGreaterThan(8);
        long inside = Arrays.stream(ours.samples()).filter(v -> v > 0 && v < 255).count();
        assertThat(inside).as("pixels inside the window").isGreaterThan(ours.samples().length / 10);
    }

    static BufferedImage render(Dataset ds, int frame, RenderOptions options) {
        PixelDescription d = PixelDescription.of(ds);
        byte[] all = ds.getBytes(Tags.PixelData);
        int length = (int) d.frameLength();
        byte[] bytes = Arrays.copyOfRange(all, (frame - 1) * length, frame * length);
        return FrameRenderer.render(d, ds, frame, bytes, options);
    }

    private static void compare(String what, Pnm.Image expected, Pnm.Image actual) {
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        assertThat(actual.channels()).isEqualTo(expected.channels());
        double mad = Pnm.meanAbsoluteDifference(expected, actual);
        int max = 0;
        for (int i = 0; i < expected.samples().length; i++) {
            max = Math.max(max, Math.abs(expected.samples()[i] - actual.samples()[i]));
        }
        System.out.printf("%s: mean absolute difference %.3f, largest %d%n", what, mad, max);
        assertThat(mad).as("mean absolute difference from dcmj2pnm").isLessThan(MAX_MEAN_DIFFERENCE);
        assertThat(max).as("largest difference from dcmj2pnm").isLessThanOrEqualTo(MAX_PIXEL_DIFFERENCE);
    }
}
