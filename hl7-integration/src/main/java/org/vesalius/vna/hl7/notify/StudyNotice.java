package org.vesalius.vna.hl7.notify;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v251.datatype.RP;
import ca.uhn.hl7v2.model.v251.datatype.ST;
import ca.uhn.hl7v2.model.v251.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.MSH;
import ca.uhn.hl7v2.model.v251.segment.OBR;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.model.v251.segment.ORC;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.parser.PipeParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;

/**
 * The notification of one study: an HL7 v2.5.1 ORU^R01 built with HAPI, in UTF-8 (MSH-18
 * {@code UNICODE UTF-8}).
 * <ul>
 * <li>PID: the patient (PID-3 Patient ID^^^issuer, PID-5 name, PID-7 birth date, PID-8 sex);</li>
 * <li>ORC-1 {@code SC}, ORC-5 {@code CM}; OBR-4 the study's description, OBR-7 its date and time,
 * OBR-18 its Accession Number, OBR-25 {@code F} when it became available, {@code C} when it was
 * changed (a patient update or merge);</li>
 * <li>OBX (RP) the study's WADO-RS URL, its FHIR ImagingStudy and, when configured, the viewer
 * link; OBX (ST) the Study Instance UID and the numbers of series and instances.</li>
 * </ul>
 */
final class StudyNotice {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private StudyNotice() {
    }

    /**
     * The message about {@code study} (its study-level attributes, as a query returns them).
     *
     * @param controlId MSH-10
     * @param changed   a change (update, merge) rather than new instances
     */
    static byte[] of(Dataset study, StudyLinks links, String controlId, boolean changed, Instant at) {
        try {
            ORU_R01 oru = new ORU_R01();
            oru.initQuickstart("ORU", "R01", "P");
            MSH msh = oru.getMSH();
            msh.getSendingApplication().getNamespaceID().setValue("VESALIUS");
            msh.getDateTimeOfMessage().getTime().setValue(TS.format(at));
            msh.getMessageControlID().setValue(controlId);
            msh.getCharacterSet(0).setValue("UNICODE UTF-8");

            PID pid = oru.getPATIENT_RESULT().getPATIENT().getPID();
            pid.getSetIDPID().setValue("1");
            pid.getPatientIdentifierList(0).getIDNumber().setValue(text(study, Tags.PatientID));
            String issuer = text(study, Tags.IssuerOfPatientID);
            if (!issuer.isEmpty()) {
                pid.getPatientIdentifierList(0).getAssigningAuthority().getNamespaceID().setValue(issuer);
            }
            String name = text(study, Tags.PatientName);
            if (!name.isEmpty()) {
                String[] c = name.split("=", -1)[0].split("\\^", -1); // the alphabetic group
                pid.getPatientName(0).getFamilyName().getSurname().setValue(part(c, 0));
                pid.getPatientName(0).getGivenName().setValue(part(c, 1));
                pid.getPatientName(0).getSecondAndFurtherGivenNamesOrInitialsThereof().setValue(part(c, 2));
                pid.getPatientName(0).getPrefixEgDR().setValue(part(c, 3));
                pid.getPatientName(0).getSuffixEgJRorIII().setValue(part(c, 4));
            }
            pid.getDateTimeOfBirth().getTime().setValue(emptyToNull(text(study, Tags.PatientBirthDate)));
            pid.getAdministrativeSex().setValue(emptyToNull(text(study, Tags.PatientSex)));

            ORU_R01_ORDER_OBSERVATION order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
            ORC orc = order.getORC();
            orc.getOrderControl().setValue("SC");
            orc.getOrderStatus().setValue("CM");
            OBR obr = order.getOBR();
            obr.getSetIDOBR().setValue("1");
            String description = text(study, Tags.StudyDescription);
            obr.getUniversalServiceIdentifier().getIdentifier().setValue("IMAGING");
            obr.getUniversalServiceIdentifier().getText().setValue(description.isEmpty() ? "Imaging study" : description);
            String date = text(study, Tags.StudyDate);
            if (!date.isEmpty()) {
                String time = text(study, Tags.StudyTime);
                obr.getObservationDateTime().getTime().setValue(date + (time.length() >= 4 ? time.replaceAll("\\..*$", "") : ""));
            }
            obr.getPlacerField1().setValue(emptyToNull(text(study, Tags.AccessionNumber)));
            obr.getResultStatus().setValue(changed ? "C" : "F");

            String uid = text(study, Tags.StudyInstanceUID);
            int n = 0;
            n = pointer(oru, order, n, "WADO-RS", "Study in DICOMweb (WADO-RS)", links.wadoRs(uid));
            n = pointer(oru, order, n, "FHIR", "FHIR ImagingStudy", links.fhir(uid));
            if (!links.viewer(uid).isEmpty()) {
                n = pointer(oru, order, n, "VIEWER", "Viewer", links.viewer(uid));
            }
            n = string(oru, order, n, "110180", "Study Instance UID", uid);
            n = string(oru, order, n, "SERIES", "Number of Study Related Series", text(study, Tags.NumberOfStudyRelatedSeries));
            string(oru, order, n, "INSTANCES", "Number of Study Related Instances", text(study, Tags.NumberOfStudyRelatedInstances));
            return new PipeParser().encode(oru).getBytes(StandardCharsets.UTF_8);
        } catch (HL7Exception | IOException e) {
            throw new IllegalStateException("the notification of a study could not be built: " + e.getMessage(), e);
        }
    }

    private static int pointer(ORU_R01 oru, ORU_R01_ORDER_OBSERVATION order, int n, String code, String text, String url)
            throws HL7Exception {
        OBX obx = observation(order, n, "RP", code, text);
        RP rp = new RP(oru);
        rp.getPointer().setValue(url);
        rp.getTypeOfData().setValue("TEXT");
        rp.getSubtype().setValue("HTML");
        obx.getObservationValue(0).setData(rp);
        return n + 1;
    }

    private static int string(ORU_R01 oru, ORU_R01_ORDER_OBSERVATION order, int n, String code, String text, String value)
            throws HL7Exception {
        if (value.isEmpty()) {
            return n;
        }
        OBX obx = observation(order, n, "ST", code, text);
        ST st = new ST(oru);
        st.setValue(value);
        obx.getObservationValue(0).setData(st);
        return n + 1;
    }

    private static OBX observation(ORU_R01_ORDER_OBSERVATION order, int n, String type, String code, String text) throws HL7Exception {
        OBX obx = order.getOBSERVATION(n).getOBX();
        obx.getSetIDOBX().setValue(String.valueOf(n + 1));
        obx.getValueType().setValue(type);
        obx.getObservationIdentifier().getIdentifier().setValue(code);
        obx.getObservationIdentifier().getText().setValue(text);
        obx.getObservationResultStatus().setValue("F");
        return obx;
    }

    private static String part(String[] components, int i) {
        return i < components.length && !components[i].isEmpty() ? components[i] : null;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String text(Dataset ds, int tag) {
        String s = ds.getString(tag);
        return s == null ? "" : s.strip();
    }
}
