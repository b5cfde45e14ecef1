package org.vesalius.dicom.tool.synthetic;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.tool.synthetic.StudyKind.Modality;

/**
 * Builds the data set of one generated instance: patient, study, series and image attributes as
 * a modality would send them, and the pixels of a {@link TestPattern} with a window that shows
 * them.
 */
final class InstanceComposer {

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter TM_FRACTION = DateTimeFormatter.ofPattern("HHmmss.SSS");

    /** How a modality's images are stored and displayed. */
    private record Display(TestPattern.Levels levels, String[] centers, String[] widths, String[] explanations,
            boolean rescaled) {
    }

    private static final Display CT = new Display(new TestPattern.Levels(0, 1054, 1724),
            new String[] {"40", "-600"}, new String[] {"400", "1500"}, new String[] {"SOFT TISSUE", "LUNG"}, true);
    private static final Display MR = new Display(new TestPattern.Levels(0, 900, 2200),
            new String[] {"1100"}, new String[] {"2200"}, new String[] {"DEFAULT"}, false);
    private static final Display EMISSION = new Display(new TestPattern.Levels(0, 300, 3000),
            new String[] {"1500"}, new String[] {"3000"}, new String[] {"DEFAULT"}, false);
    private static final Display PROJECTION = new Display(new TestPattern.Levels(100, 1500, 3000),
            new String[] {"2048"}, new String[] {"4096"}, new String[] {"DEFAULT"}, false);

    private final int matrix;
    private final SyntheticUids uids;

    InstanceComposer(int matrix, SyntheticUids uids) {
        this.matrix = matrix;
        this.uids = uids;
    }

    /** The data set of instance {@code number} (1-based) of {@code series} in {@code study}. */
    Dataset compose(PlannedStudy study, PlannedSeries series, int number) {
        Patient patient = study.patient();
        Modality modality = series.template().modality();
        Dataset ds = new Dataset(64);
        if (!patient.characterSet().isEmpty()) {
            ds.setString(Tags.SpecificCharacterSet, VR.CS, patient.characterSet());   // first: the names need it
        }
        LocalTime seriesTime = study.time() == null ? null : study.time().plusMinutes(2L * series.index());
        LocalTime contentTime = seriesTime == null ? null : seriesTime.plusSeconds(number);

        ds.setString(Tags.ImageType, VR.CS, imageType(modality));
        ds.setString(Tags.InstanceCreationDate, VR.DA, DA.format(study.date()));
        if (contentTime != null) {
            ds.setString(Tags.InstanceCreationTime, VR.TM, TM.format(contentTime));
        }
        ds.setString(Tags.SOPClassUID, VR.UI, modality.sopClassUid);
        ds.setString(Tags.SOPInstanceUID, VR.UI, uids.instance(study.index(), series.index(), number));
        ds.setString(Tags.StudyDate, VR.DA, DA.format(study.date()));
        ds.setString(Tags.SeriesDate, VR.DA, DA.format(study.date()));
        ds.setString(Tags.ContentDate, VR.DA, DA.format(study.date()));
        ds.setString(Tags.StudyTime, VR.TM, study.time() == null ? "" : studyTime(study));
        if (seriesTime != null) {
            ds.setString(Tags.SeriesTime, VR.TM, TM.format(seriesTime));
            ds.setString(Tags.ContentTime, VR.TM, TM.format(contentTime));
        }
        ds.setString(Tags.AccessionNumber, VR.SH, study.accessionNumber());
        if (!study.accessionIssuer().isEmpty()) {
            ds.newSequence(Tags.IssuerOfAccessionNumberSequence, 1).addItem()
                    .setString(Tags.LocalNamespaceEntityID, VR.UT, study.accessionIssuer());
        }
        ds.setString(Tags.Modality, VR.CS, modality.name());
        if (modality == Modality.OT) {
            ds.setString(Tags.ConversionType, VR.CS, "WSD");
        }
        ds.setString(Tags.Manufacturer, VR.LO, "VESALIUS SYNTHETIC");
        ds.setString(Tags.InstitutionName, VR.LO, patient.institution());
        ds.setString(Tags.ReferringPhysicianName, VR.PN, study.referringPhysician());
        ds.setString(Tags.StationName, VR.SH, (patient.issuer().isEmpty() ? "C" : patient.issuer().substring(5)) + "_"
                + study.kind().primaryModality().name() + "01");
        ds.setString(Tags.StudyDescription, VR.LO, study.kind().description);
        ds.setString(Tags.SeriesDescription, VR.LO, series.template().description());
        ds.setString(Tags.ManufacturerModelName, VR.LO, modality.name() + " Simulator");
        ds.setString(Tags.PatientName, VR.PN, patient.name());
        ds.setString(Tags.PatientID, VR.LO, patient.id());
        if (!patient.issuer().isEmpty()) {
            ds.setString(Tags.IssuerOfPatientID, VR.LO, patient.issuer());
        }
        ds.setString(Tags.PatientBirthDate, VR.DA, patient.birthDate() == null ? "" : DA.format(patient.birthDate()));
        ds.setString(Tags.PatientSex, VR.CS, patient.sex());
        if (patient.birthDate() != null) {
            ds.setString(Tags.PatientAge, VR.AS, age(patient.birthDate(), study.date()));
        }
        ds.setString(Tags.BodyPartExamined, VR.CS, study.kind().bodyPart);
        ds.setString(Tags.ProtocolName, VR.LO, series.template().description());
        ds.setString(Tags.StudyInstanceUID, VR.UI, study.uid());
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series.uid());
        ds.setString(Tags.StudyID, VR.SH, study.studyId());
        ds.setInt(Tags.SeriesNumber, VR.IS, series.number());
        ds.setInt(Tags.AcquisitionNumber, VR.IS, 1);
        ds.setInt(Tags.InstanceNumber, VR.IS, number);
        if (!series.laterality().isEmpty()) {
            ds.setString(Tags.Laterality, VR.CS, series.laterality());
        }
        double spacing = (modality.crossSectional ? 400.0 : 240.0) / matrix;
        if (modality.crossSectional) {
            double z = -100.0 + 2.5 * number;
            ds.setDouble(Tags.SliceThickness, VR.DS, 2.5);
            ds.setDouble(Tags.ImagePositionPatient, VR.DS, -200, -200, z);
            ds.setDouble(Tags.ImageOrientationPatient, VR.DS, 1, 0, 0, 0, 1, 0);
            ds.setString(Tags.FrameOfReferenceUID, VR.UI, uids.frameOfReference(study.index()));
            ds.setString(Tags.PositionReferenceIndicator, VR.LO, "");
            ds.setDouble(Tags.SliceLocation, VR.DS, z);
            ds.setDouble(Tags.PixelSpacing, VR.DS, spacing, spacing);
        } else if (modality != Modality.OT && modality != Modality.US) {
            ds.setDouble(Tags.ImagerPixelSpacing, VR.DS, spacing, spacing);
        }
        image(ds, modality, series, number);
        return ds;
    }

    private void image(Dataset ds, Modality modality, PlannedSeries series, int number) {
        Display display = switch (modality) {
            case CT -> CT;
            case MR -> MR;
            case PT, NM -> EMISSION;
            default -> PROJECTION;
        };
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.Rows, VR.US, matrix);
        ds.setInt(Tags.Columns, VR.US, matrix);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setInt(Tags.BitsStored, VR.US, 12);
        ds.setInt(Tags.HighBit, VR.US, 11);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        ds.setString(Tags.WindowCenter, VR.DS, display.centers());
        ds.setString(Tags.WindowWidth, VR.DS, display.widths());
        ds.setString(Tags.WindowCenterWidthExplanation, VR.LO, display.explanations());
        if (display.rescaled()) {
            ds.setString(Tags.RescaleIntercept, VR.DS, "-1024");
            ds.setString(Tags.RescaleSlope, VR.DS, "1");
        }
        ds.setBytes(Tags.PixelData, VR.OW,
                TestPattern.pixels(matrix, number - 1, series.instances(), number, display.levels()));
    }

    private static String[] imageType(Modality modality) {
        return switch (modality) {
            case CT -> new String[] {"ORIGINAL", "PRIMARY", "AXIAL"};
            case OT -> new String[] {"DERIVED", "SECONDARY"};
            default -> new String[] {"ORIGINAL", "PRIMARY"};
        };
    }

    private static String studyTime(PlannedStudy study) {
        return (study.timeWithFraction() ? TM_FRACTION : TM).format(study.time());
    }

    /** Patient's Age as DICOM writes it: years from two on, else months, else weeks, else days. */
    static String age(LocalDate birth, LocalDate at) {
        Period p = Period.between(birth, at);
        if (p.getYears() >= 2) {
            return String.format("%03dY", Math.min(999, p.getYears()));
        }
        long months = p.toTotalMonths();
        if (months >= 1) {
            return String.format("%03dM", months);
        }
        long days = ChronoUnit.DAYS.between(birth, at);
        return days >= 7 ? String.format("%03dW", days / 7) : String.format("%03dD", days);
    }
}
