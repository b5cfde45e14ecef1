package org.vesalius.dicom.tool.synthetic;

import java.util.List;
import org.vesalius.dicom.data.UID;

/**
 * The kinds of study a data set is made of, each with its description, body part, usual number
 * of instances and series, roughly as a radiology department produces them.
 */
enum StudyKind {

    CT_CHEST("CT CHEST W/O CONTRAST", "CHEST", 8, 10, 300,
            series(Modality.CT, "Topogram", 1), series(Modality.CT, "Axial 5mm", 0),
            series(Modality.CT, "Axial 1mm Lung", 0), series(Modality.OT, "Dose Report", 1)),
    CT_HEAD("CT HEAD W/O", "HEAD", 7, 10, 120,
            series(Modality.CT, "Scout", 1), series(Modality.CT, "Brain 5mm", 0), series(Modality.CT, "Bone 2mm", 0)),
    CT_ABDOMEN("CT ABDOMEN PELVIS W CONTRAST", "ABDOMEN", 6, 20, 300,
            series(Modality.CT, "Topogram", 1), series(Modality.CT, "Arterial 3mm", 0),
            series(Modality.CT, "Portal Venous 3mm", 0), series(Modality.CT, "Coronal MPR", 0)),
    MR_BRAIN("MR BRAIN W/O", "HEAD", 7, 20, 200,
            series(Modality.MR, "Localizer", 3), series(Modality.MR, "T1 SAG", 0), series(Modality.MR, "T2 AX", 0),
            series(Modality.MR, "FLAIR AX", 0), series(Modality.MR, "DWI b1000", 0)),
    MR_KNEE("MR KNEE", "KNEE", 5, 15, 120,
            series(Modality.MR, "Localizer", 3), series(Modality.MR, "PD SAG", 0), series(Modality.MR, "PD FS COR", 0),
            series(Modality.MR, "T1 COR", 0)),
    MR_LSPINE("MR L-SPINE", "LSPINE", 4, 15, 100,
            series(Modality.MR, "Localizer", 3), series(Modality.MR, "T2 SAG", 0), series(Modality.MR, "T1 SAG", 0),
            series(Modality.MR, "T2 AX", 0)),
    CR_CHEST("XR CHEST 2 VIEWS", "CHEST", 14, 1, 2,
            series(Modality.CR, "PA", 1), series(Modality.CR, "LAT", 1)),
    DX_HAND("XR HAND 3 VIEWS", "HAND", 8, 1, 3,
            series(Modality.DX, "PA", 1), series(Modality.DX, "OBLIQUE", 1), series(Modality.DX, "LATERAL", 1)),
    DX_CHEST("XR CHEST PA", "CHEST", 10, 1, 1,
            series(Modality.DX, "PA", 1)),
    US_ABDOMEN("US ABDOMEN COMPLETE", "ABDOMEN", 9, 3, 40,
            series(Modality.US, "Abdomen", 0)),
    MG_SCREENING("MAMMO SCREENING BILATERAL", "BREAST", 7, 4, 4,
            series(Modality.MG, "R CC", 1), series(Modality.MG, "L CC", 1), series(Modality.MG, "R MLO", 1),
            series(Modality.MG, "L MLO", 1)),
    PET_CT("PET/CT WHOLE BODY FDG", "WHOLEBODY", 3, 60, 300,
            series(Modality.CT, "Topogram", 1), series(Modality.CT, "CT AC 3mm", 0), series(Modality.PT, "PET AC", 0),
            series(Modality.OT, "MIP Screenshots", 2)),
    NM_BONE("NM BONE SCAN WHOLE BODY", "WHOLEBODY", 4, 2, 4,
            series(Modality.NM, "Anterior", 1), series(Modality.NM, "Posterior", 1), series(Modality.NM, "Spot Views", 0)),
    XA_CORONARY("XA CORONARY ANGIOGRAPHY", "HEART", 4, 4, 30,
            series(Modality.XA, "LAO 30 CRA 20", 0), series(Modality.XA, "RAO 30 CAU 20", 0), series(Modality.XA, "LAO 45", 0));

    /** A modality with its storage SOP Class and how its images look when displayed. */
    enum Modality {
        CT(UID.CTImageStorage, true),
        MR(UID.MRImageStorage, true),
        PT(UID.PositronEmissionTomographyImageStorage, true),
        NM(UID.NuclearMedicineImageStorage, false),
        US(UID.UltrasoundImageStorage, false),
        CR(UID.ComputedRadiographyImageStorage, false),
        DX(UID.DigitalXRayImageStorageForPresentation, false),
        MG(UID.DigitalMammographyXRayImageStorageForPresentation, false),
        XA(UID.XRayAngiographicImageStorage, false),
        OT(UID.SecondaryCaptureImageStorage, false);

        final String sopClassUid;
        /** Slices of a volume: position, orientation and frame of reference. */
        final boolean crossSectional;

        Modality(String sopClassUid, boolean crossSectional) {
            this.sopClassUid = sopClassUid;
            this.crossSectional = crossSectional;
        }
    }

    /**
     * One series of a study kind.
     *
     * @param fixedCount its number of instances; 0: a share of what the fixed series leave
     */
    record SeriesTemplate(Modality modality, String description, int fixedCount) {
    }

    final String description;
    final String bodyPart;
    /** Relative frequency among the studies of a data set. */
    final int weight;
    final int minInstances;
    final int maxInstances;
    final List<SeriesTemplate> series;

    StudyKind(String description, String bodyPart, int weight, int minInstances, int maxInstances,
            SeriesTemplate... series) {
        this.description = description;
        this.bodyPart = bodyPart;
        this.weight = weight;
        this.minInstances = minInstances;
        this.maxInstances = maxInstances;
        this.series = List.of(series);
    }

    private static SeriesTemplate series(Modality modality, String description, int fixedCount) {
        return new SeriesTemplate(modality, description, fixedCount);
    }

    /** The modality of the study's main series, for its manufacturer and station. */
    Modality primaryModality() {
        return series.get(0).modality();
    }

    /** Can a study of this kind hold hundreds of instances? */
    boolean large() {
        return maxInstances >= 200;
    }
}
