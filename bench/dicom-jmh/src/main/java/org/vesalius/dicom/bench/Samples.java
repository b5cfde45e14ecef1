package org.vesalius.dicom.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * Deterministic benchmark inputs, built with the toolkit itself and encoded as Part 10 bytes: no
 * file on disk, no external sample. The same call always gives the same bytes.
 */
public final class Samples {

    /** A UID root reserved for examples; never a real instance. */
    private static final String ROOT = "1.2.826.0.1.3680043.8.498.";

    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    static final String ENHANCED_CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2.1";

    private Samples() {
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes {@code dataset} as a standard Part 10 file (normalizing writer). */
    public static byte[] encode(Dataset dataset, TransferSyntax syntax) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        try {
            DicomWriter.writeFile(DicomFile.of(dataset, syntax), out, EncodingOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * How many bytes of {@code file} a parse that stops before Pixel Data consumes: the offset of
     * the Pixel Data element header (preamble and File Meta included).
     */
    public static long headerBytes(byte[] file) {
        try (DicomStreamReader reader = DicomStreamReader.open(new ByteArrayInputStream(file),
                ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            DicomStreamReader.Token t;
            do {
                t = reader.next();
            } while (t != DicomStreamReader.Token.STOPPED && t != DicomStreamReader.Token.END);
            if (t != DicomStreamReader.Token.STOPPED) {
                throw new IllegalStateException("no Pixel Data in the sample");
            }
            return reader.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- a 512x512 CT image

    /**
     * A single-frame CT image as a scanner sends it: 103 top-level attributes with realistic
     * values (patient, study, series, equipment, acquisition, image plane and pixel modules), three
     * small sequences, a private block with a creator and a few private elements, then 512x512
     * 16-bit Pixel Data (512 KiB).
     */
    public static Dataset ct512() {
        Dataset ds = new Dataset(128);
        String study = ROOT + "20240315.1";
        String series = study + ".2";
        ds.setString(0x00080005, VR.CS, "ISO_IR 100");
        ds.setString(0x00080008, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(0x00080012, VR.DA, "20240315");
        ds.setString(0x00080013, VR.TM, "101533.412000");
        ds.setString(0x00080016, VR.UI, CT_IMAGE_STORAGE);
        ds.setString(0x00080018, VR.UI, series + ".3.117");
        ds.setString(0x00080020, VR.DA, "20240315");
        ds.setString(0x00080021, VR.DA, "20240315");
        ds.setString(0x00080022, VR.DA, "20240315");
        ds.setString(0x00080023, VR.DA, "20240315");
        ds.setString(0x00080030, VR.TM, "101204.000000");
        ds.setString(0x00080031, VR.TM, "101419.271000");
        ds.setString(0x00080032, VR.TM, "101431.836000");
        ds.setString(0x00080033, VR.TM, "101533.412000");
        ds.setString(0x00080050, VR.SH, "ACC20240315042");
        ds.setString(0x00080060, VR.CS, "CT");
        ds.setString(0x00080070, VR.LO, "ACME Medical Systems");
        ds.setString(0x00080080, VR.LO, "Vesalius General Hospital");
        ds.setString(0x00080081, VR.ST, "12 Anatomy Street, 1000 Brussels, Belgium");
        ds.setString(0x00080090, VR.PN, "Harvey^William^^Dr.");
        ds.setString(0x00081010, VR.SH, "CT01");
        ds.setString(0x00081030, VR.LO, "CT THORAX ABDOMEN PELVIS W CONTRAST");
        Sequence procedure = ds.newSequence(0x00081032, 1);
        Dataset code = procedure.addItem();
        code.setString(0x00080100, VR.SH, "CTTAPC");
        code.setString(0x00080102, VR.SH, "99VESALIUS");
        code.setString(0x00080104, VR.LO, "CT Thorax Abdomen Pelvis with contrast");
        ds.setString(0x0008103E, VR.LO, "Body 1.25mm STANDARD");
        ds.setString(0x00081040, VR.LO, "Radiology");
        ds.setString(0x00081050, VR.PN, "Vesalius^Andreas");
        ds.setString(0x00081090, VR.LO, "Tomograph 128");
        Sequence refImages = ds.newSequence(0x00081140, 2);
        for (int i = 0; i < 2; i++) {
            Dataset ref = refImages.addItem();
            ref.setString(0x00081150, VR.UI, CT_IMAGE_STORAGE);
            ref.setString(0x00081155, VR.UI, ROOT + "20240315.1.1.3." + (i + 1));
        }
        // Private block of the (fictional) scanner vendor.
        ds.setString(0x00090010, VR.LO, "ACME_CT_1.0");
        ds.setString(0x00091001, VR.LO, "CT_SCAN_01");
        ds.setString(0x00091002, VR.SH, "CT01");
        ds.setInt(0x00091004, VR.SL, 117);
        ds.setBytes(0x00091010, VR.OB, pseudoRandomBytes(256, 9));
        ds.setString(0x00091027, VR.DS, "1710497671.836");
        ds.setString(0x00100010, VR.PN, "Doe^Jane^Q");
        ds.setString(0x00100020, VR.LO, "PAT-0042-7781");
        ds.setString(0x00100021, VR.LO, "VESALIUS");
        ds.setString(0x00100030, VR.DA, "19700412");
        ds.setString(0x00100040, VR.CS, "F");
        ds.setString(0x00101010, VR.AS, "053Y");
        ds.setString(0x00101020, VR.DS, "1.68");
        ds.setString(0x00101030, VR.DS, "64");
        ds.setString(0x00180010, VR.LO, "Iomeron 350");
        ds.setString(0x00180015, VR.CS, "CHEST");
        ds.setString(0x00180022, VR.CS, "HELICAL MODE");
        ds.setString(0x00180050, VR.DS, "1.25");
        ds.setString(0x00180060, VR.DS, "120");
        ds.setString(0x00180088, VR.DS, "1.25");
        ds.setString(0x00180090, VR.DS, "500");
        ds.setString(0x00181000, VR.LO, "SN-4711");
        ds.setString(0x00181020, VR.LO, "ct_sw 5.2.1", "recon 3.0");
        ds.setString(0x00181030, VR.LO, "3.2 Chest/Abd/Pelvis Contrast");
        ds.setString(0x00181100, VR.DS, "350");
        ds.setString(0x00181110, VR.DS, "946.746");
        ds.setString(0x00181111, VR.DS, "541.0");
        ds.setString(0x00181120, VR.DS, "0");
        ds.setString(0x00181130, VR.DS, "165.5");
        ds.setString(0x00181140, VR.CS, "CW");
        ds.setString(0x00181150, VR.IS, "570");
        ds.setString(0x00181151, VR.IS, "285");
        ds.setString(0x00181152, VR.IS, "162");
        ds.setString(0x00181160, VR.SH, "BODY FILTER");
        ds.setString(0x00181170, VR.IS, "34");
        ds.setString(0x00181190, VR.DS, "0.7");
        ds.setString(0x00181210, VR.SH, "STANDARD");
        ds.setString(0x00185100, VR.CS, "FFS");
        ds.setBytes(0x00189305, VR.FD, doubles(0.5));
        ds.setBytes(0x00189306, VR.FD, doubles(0.625));
        ds.setBytes(0x00189307, VR.FD, doubles(40.0));
        ds.setBytes(0x00189310, VR.FD, doubles(39.375));
        ds.setBytes(0x00189311, VR.FD, doubles(0.984375));
        ds.setString(0x0020000D, VR.UI, study);
        ds.setString(0x0020000E, VR.UI, series);
        ds.setString(0x00200010, VR.SH, "42");
        ds.setString(0x00200011, VR.IS, "2");
        ds.setString(0x00200012, VR.IS, "1");
        ds.setString(0x00200013, VR.IS, "117");
        ds.setString(0x00200032, VR.DS, "-174.658203", "-174.658203", "-146.25");
        ds.setString(0x00200037, VR.DS, "1", "0", "0", "0", "1", "0");
        ds.setString(0x00200052, VR.UI, study + ".4");
        ds.setString(0x00201040, VR.LO, "SN");
        ds.setString(0x00201041, VR.DS, "-146.25");
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setInt(0x00280010, VR.US, 512);
        ds.setInt(0x00280011, VR.US, 512);
        ds.setString(0x00280030, VR.DS, "0.683594", "0.683594");
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 16);
        ds.setInt(0x00280102, VR.US, 15);
        ds.setInt(0x00280103, VR.US, 1);
        ds.setString(0x00281050, VR.DS, "40", "400");
        ds.setString(0x00281051, VR.DS, "400", "1500");
        ds.setString(0x00281052, VR.DS, "-1024");
        ds.setString(0x00281053, VR.DS, "1");
        ds.setString(0x00281054, VR.LO, "HU");
        ds.setString(0x00281055, VR.LO, "ABDOMEN", "LUNG");
        ds.setString(0x00321060, VR.LO, "CT THORAX ABDOMEN PELVIS W CONTRAST");
        ds.setString(0x00400244, VR.DA, "20240315");
        ds.setString(0x00400245, VR.TM, "101204.000000");
        ds.setString(0x00400253, VR.SH, "PPS-88213");
        ds.setString(0x00400254, VR.LO, "CT CAP W");
        Sequence request = ds.newSequence(0x00400275, 1);
        Dataset req = request.addItem();
        req.setString(0x00400007, VR.LO, "CT THORAX ABDOMEN PELVIS W CONTRAST");
        req.setString(0x00400009, VR.SH, "SPS-88213");
        req.setString(0x00401001, VR.SH, "RP-88213");
        ds.setBytes(0x7FE00010, VR.OW, pixels(512, 512, 1, 7));
        return ds;
    }

    // ---------------------------------------------------------------- enhanced multi-frame CT

    /**
     * An Enhanced CT image whose header carries most of its weight: a Shared Functional Groups
     * Sequence and a Per-Frame Functional Groups Sequence with one item per frame, each holding
     * six nested functional group sequences (Frame Content, Plane Position, Plane Orientation, CT
     * Position, Pixel Value Transformation, Frame VOI LUT), plus dimension organization and
     * indexes. Pixel Data holds {@code frames} frames of {@code rows} x {@code columns} 16-bit pixels.
     */
    public static Dataset enhancedCt(int frames, int rows, int columns) {
        Dataset ds = new Dataset(64);
        String study = ROOT + "20240316.1";
        String series = study + ".2";
        String dimensionOrg = study + ".5";
        ds.setString(0x00080005, VR.CS, "ISO_IR 100");
        ds.setString(0x00080008, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL", "NONE");
        ds.setString(0x00080012, VR.DA, "20240316");
        ds.setString(0x00080013, VR.TM, "093012.000000");
        ds.setString(0x00080016, VR.UI, ENHANCED_CT_IMAGE_STORAGE);
        ds.setString(0x00080018, VR.UI, series + ".3.1");
        ds.setString(0x00080020, VR.DA, "20240316");
        ds.setString(0x00080023, VR.DA, "20240316");
        ds.setString(0x00080030, VR.TM, "092500.000000");
        ds.setString(0x00080033, VR.TM, "093012.000000");
        ds.setString(0x0008002A, VR.DT, "20240316092611.250000");
        ds.setString(0x00080050, VR.SH, "ACC20240316007");
        ds.setString(0x00080060, VR.CS, "CT");
        ds.setString(0x00080070, VR.LO, "ACME Medical Systems");
        ds.setString(0x00080080, VR.LO, "Vesalius General Hospital");
        ds.setString(0x00080090, VR.PN, "Harvey^William^^Dr.");
        ds.setString(0x00081030, VR.LO, "CT ANGIO CHEST");
        ds.setString(0x0008103E, VR.LO, "CTA 0.625mm");
        ds.setString(0x00081090, VR.LO, "Tomograph 128");
        ds.setString(0x00089205, VR.CS, "MONOCHROME");
        ds.setString(0x00089206, VR.CS, "VOLUME");
        ds.setString(0x00089207, VR.CS, "NONE");
        ds.setString(0x00100010, VR.PN, "Doe^John");
        ds.setString(0x00100020, VR.LO, "PAT-0043-1022");
        ds.setString(0x00100030, VR.DA, "19620101");
        ds.setString(0x00100040, VR.CS, "M");
        ds.setString(0x00181000, VR.LO, "SN-4711");
        ds.setString(0x00181020, VR.LO, "ct_sw 5.2.1");
        ds.setString(0x00181030, VR.LO, "CTA Chest");
        ds.setString(0x0020000D, VR.UI, study);
        ds.setString(0x0020000E, VR.UI, series);
        ds.setString(0x00200010, VR.SH, "43");
        ds.setString(0x00200011, VR.IS, "3");
        ds.setString(0x00200013, VR.IS, "1");
        ds.setString(0x00200052, VR.UI, study + ".4");
        ds.setString(0x00201040, VR.LO, "SN");

        Sequence dimOrg = ds.newSequence(0x00209221, 1);
        dimOrg.addItem().setString(0x00209164, VR.UI, dimensionOrg);
        Sequence dimIndex = ds.newSequence(0x00209222, 2);
        Dataset stackDim = dimIndex.addItem();
        stackDim.setInt(0x00209165, VR.AT, 0x00209056L);
        stackDim.setInt(0x00209167, VR.AT, 0x00209111L);
        stackDim.setString(0x00209164, VR.UI, dimensionOrg);
        stackDim.setString(0x00209421, VR.LO, "Stack ID");
        Dataset posDim = dimIndex.addItem();
        posDim.setInt(0x00209165, VR.AT, 0x00209057L);
        posDim.setInt(0x00209167, VR.AT, 0x00209111L);
        posDim.setString(0x00209164, VR.UI, dimensionOrg);
        posDim.setString(0x00209421, VR.LO, "In-Stack Position Number");

        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setString(0x00280008, VR.IS, Integer.toString(frames));
        ds.setInt(0x00280010, VR.US, rows);
        ds.setInt(0x00280011, VR.US, columns);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 16);
        ds.setInt(0x00280102, VR.US, 15);
        ds.setInt(0x00280103, VR.US, 1);
        ds.setString(0x00282110, VR.CS, "00");

        Sequence shared = ds.newSequence(0x52009229, 1);
        Dataset sharedItem = shared.addItem();
        Sequence ctFrameType = sharedItem.newSequence(0x00189329, 1);
        ctFrameType.addItem().setString(0x00089007, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL", "NONE");
        Sequence measures = sharedItem.newSequence(0x00289110, 1);
        Dataset measure = measures.addItem();
        measure.setString(0x00180050, VR.DS, "0.625");
        measure.setString(0x00280030, VR.DS, "0.488281", "0.488281");
        Sequence acquisition = sharedItem.newSequence(0x00189301, 1);
        Dataset acq = acquisition.addItem();
        acq.setString(0x00189302, VR.CS, "SPIRAL");
        acq.setBytes(0x00189303, VR.FD, doubles(0.0));
        acq.setBytes(0x00189304, VR.FD, doubles(0.28));
        acq.setBytes(0x00189305, VR.FD, doubles(0.5));
        acq.setBytes(0x00189306, VR.FD, doubles(0.625));
        acq.setBytes(0x00189307, VR.FD, doubles(80.0));

        Sequence perFrame = ds.newSequence(0x52009230, frames);
        double spacing = 0.625;
        for (int f = 0; f < frames; f++) {
            Dataset item = perFrame.addItem();
            double z = -20.0 - f * spacing;

            Dataset content = item.newSequence(0x00209111, 1).addItem();
            String frameTime = String.format(java.util.Locale.ROOT, "20240316092611.%06d", (f * 2500) % 1_000_000);
            content.setString(0x00189074, VR.DT, frameTime);
            content.setString(0x00189151, VR.DT, frameTime);
            content.setBytes(0x00189220, VR.FD, doubles(280.0));
            content.setString(0x00209056, VR.SH, "1");
            content.setInt(0x00209057, VR.UL, f + 1);
            content.setInt(0x00209128, VR.UL, 1);
            content.setInt(0x00209157, VR.UL, 1, f + 1);

            Dataset position = item.newSequence(0x00209113, 1).addItem();
            position.setString(0x00200032, VR.DS, "-124.755859", "-249.755859", decimal(z));

            Dataset orientation = item.newSequence(0x00209116, 1).addItem();
            orientation.setString(0x00200037, VR.DS, "1", "0", "0", "0", "1", "0");

            Dataset ctPosition = item.newSequence(0x00189326, 1).addItem();
            ctPosition.setBytes(0x00189313, VR.FD, doubles(0.0, -125.0, z));
            ctPosition.setBytes(0x00189318, VR.FD, doubles(0.0, -125.0, z));
            ctPosition.setBytes(0x00189327, VR.FD, doubles(z + 1000.0));

            Dataset transform = item.newSequence(0x00289145, 1).addItem();
            transform.setString(0x00281052, VR.DS, "-1024");
            transform.setString(0x00281053, VR.DS, "1");
            transform.setString(0x00281054, VR.LO, "HU");

            Dataset voi = item.newSequence(0x00289132, 1).addItem();
            voi.setString(0x00281050, VR.DS, "300");
            voi.setString(0x00281051, VR.DS, "800");
        }
        ds.setBytes(0x7FE00010, VR.OW, pixels(rows, columns, frames, 11));
        return ds;
    }

    // ---------------------------------------------------------------- values

    /** 16-bit pixels: a disc of soft tissue in air with a little noise, different per frame. */
    static byte[] pixels(int rows, int columns, int frames, long seed) {
        long size = (long) rows * columns * frames * 2;
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("pixel data too large: " + size);
        }
        byte[] out = new byte[(int) size];
        SplittableRandom random = new SplittableRandom(seed);
        int cx = columns / 2;
        int cy = rows / 2;
        long r2 = (long) Math.min(rows, columns) * Math.min(rows, columns) / 9;
        int p = 0;
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    long d2 = (long) (x - cx) * (x - cx) + (long) (y - cy) * (y - cy);
                    int v = (d2 < r2 ? 40 + f % 16 : -1000) + random.nextInt(21) - 10;
                    out[p++] = (byte) v;
                    out[p++] = (byte) (v >> 8);
                }
            }
        }
        return out;
    }

    static byte[] pseudoRandomBytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        return b;
    }

    static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    /** A DS value of at most 16 characters. */
    static String decimal(double v) {
        String s = String.format(java.util.Locale.ROOT, "%.6f", v);
        return s.length() > 16 ? s.substring(0, 16) : s;
    }
}
