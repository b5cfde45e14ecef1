package org.vesalius.vna.hl7.orders;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.util.Terser;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.hl7.adt.Demographics;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.message.Hl7Refusal;
import org.vesalius.vna.hl7.message.InboundMessage;

/**
 * Imaging orders (ORM^O01, OMI^O23) applied to the archive's worklist: each ORC with its OBR is one
 * order, the worklist item of its placer order number (ORC-2, else OBR-2). The mapping follows IHE
 * Radiology's Procedure Scheduled transaction (RAD-4):
 * <ul>
 * <li>patient: PID-3 (as ADT identifies it), PID-5, PID-7, PID-8; referring physician PV1-8;</li>
 * <li>Accession Number: IPC-1, else OBR-18; Requested Procedure ID: IPC-2, else OBR-19; Study
 * Instance UID: IPC-3, else ZDS-1, else one derived from the order (the same for every message
 * about it); Scheduled Procedure Step ID: IPC-4, else OBR-20; Modality: IPC-5, else OBR-24;</li>
 * <li>Requested Procedure code and description: OBR-4; requesting physician: OBR-16; start: TQ1-7,
 * else ORC-7 / OBR-27 (start date/time); station AE titles: IPC-9, else those configured for the
 * modality; station name IPC-7, location IPC-8.</li>
 * </ul>
 * ORC-1 {@code NW} and {@code XO} schedule (or replace) the order; {@code SC} sets the status of
 * ORC-5 ({@code SC} scheduled, {@code IP} in progress, {@code HD} on hold, {@code CM} completed,
 * {@code CA} cancelled, {@code DC} discontinued); {@code CA}, {@code OC} cancel and {@code DC},
 * {@code OD} discontinue an order the worklist holds (an unknown one is refused, 204). Nothing is
 * stored until every order of the message has been read; another order control is refused (103).
 */
public final class OrderFeed {

    static final Set<String> TYPES = Set.of("ORM^O01", "OMI^O23");

    private final WorklistPort worklist;
    private final PatientIdentities identities;
    private final OrderSettings settings;
    private final Clock clock;

    public OrderFeed(WorklistPort worklist, PatientIdentities identities, OrderSettings settings, Clock clock) {
        this.worklist = Objects.requireNonNull(worklist, "worklist");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** True for the message types (MSH-9-1) this feed takes. */
    public static boolean handles(String type) {
        return type.equals("ORM") || type.equals("OMI");
    }

    /**
     * Applies {@code message} (an ORM or OMI).
     *
     * @return what was done, in words (for the message log)
     * @throws Hl7Refusal what the message lacks or asks that cannot be done; nothing was changed
     */
    public String apply(InboundMessage message, String source) {
        if (!TYPES.contains(message.event())) {
            throw new Hl7Refusal(Hl7Refusal.Kind.REJECT, ErrorCode.UNSUPPORTED_EVENT_CODE,
                    message.event() + " is not supported (ORM^O01 and OMI^O23 are)");
        }
        List<Segment> segments = new ArrayList<>();
        flatten(message.message(), segments);
        PID pid = segments.stream().filter(PID.class::isInstance).map(PID.class::cast).findFirst()
                .orElseThrow(() -> new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.SEGMENT_SEQUENCE_ERROR,
                        message.event() + " needs a PID segment"));
        PatientId patient = identities.identify(Arrays.asList(pid.getPatientIdentifierList()), "PID-3");
        String referring = segments.stream().filter(s -> s.getName().equals("PV1")).findFirst()
                .map(pv1 -> physician(pv1, 8)).orElse("");
        List<Order> orders = orders(segments);
        if (orders.isEmpty()) {
            throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    message.event() + " needs an ORC segment with its OBR (the order)");
        }
        List<WorklistItem> changes = new ArrayList<>();
        for (Order order : orders) {
            changes.add(change(order, patient, pid, referring, source));
        }
        List<String> done = new ArrayList<>();
        for (WorklistItem item : changes) {
            worklist.schedule(item);
            done.add(item.id() + " " + item.status());
        }
        return "orders of " + patient + ": " + String.join(", ", done);
    }

    /** An ORC and the segments that follow it up to the next ORC. */
    private record Order(Segment orc, Optional<Segment> obr, Optional<Segment> tq1, Optional<Segment> ipc, Optional<Segment> zds) {
    }

    private static List<Order> orders(List<Segment> segments) {
        List<Order> orders = new ArrayList<>();
        Segment zds = segments.stream().filter(s -> s.getName().equals("ZDS")).findFirst().orElse(null);
        for (int i = 0; i < segments.size(); i++) {
            if (!segments.get(i).getName().equals("ORC")) {
                continue;
            }
            Segment obr = null;
            Segment tq1 = null;
            Segment ipc = null;
            for (int j = i + 1; j < segments.size() && !segments.get(j).getName().equals("ORC"); j++) {
                Segment s = segments.get(j);
                switch (s.getName()) {
                    case "OBR" -> obr = obr == null ? s : obr;
                    case "TQ1" -> tq1 = tq1 == null ? s : tq1;
                    case "IPC" -> ipc = ipc == null ? s : ipc;
                    default -> { }
                }
            }
            orders.add(new Order(segments.get(i), Optional.ofNullable(obr), Optional.ofNullable(tq1), Optional.ofNullable(ipc),
                    Optional.ofNullable(zds)));
        }
        return orders;
    }

    private WorklistItem change(Order order, PatientId patient, PID pid, String referring, String source) {
        String control = get(order.orc(), 1, 1);
        String placer = get(order.orc(), 2, 1);
        String namespace = get(order.orc(), 2, 2);
        if (placer.isEmpty() && order.obr().isPresent()) {
            placer = get(order.obr().get(), 2, 1);
            namespace = get(order.obr().get(), 2, 2);
        }
        if (placer.isEmpty()) {
            throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.REQUIRED_FIELD_MISSING,
                    "ORC-2 (and OBR-2): the placer order number is empty");
        }
        String id = WorklistItem.idOf(namespace, placer);
        String named = "ORC-2 " + placer + (namespace.isEmpty() ? "" : "^" + namespace);
        switch (control) {
            case "NW", "XO" -> {
                return item(order, id, OrderStatus.SCHEDULED, patient, pid, referring, source);
            }
            case "SC" -> {
                OrderStatus status = statusOf(get(order.orc(), 5, 1));
                Optional<WorklistItem> held = worklist.item(id);
                return held.isPresent() && order.obr().isEmpty()
                        ? held.get().withStatus(status, clock.instant(), source)
                        : item(order, id, status, patient, pid, referring, source);
            }
            case "CA", "OC", "DC", "OD" -> {
                OrderStatus status = control.startsWith("C") || control.equals("OC") ? OrderStatus.CANCELLED : OrderStatus.DISCONTINUED;
                WorklistItem held = worklist.item(id).orElseThrow(() -> new Hl7Refusal(Hl7Refusal.Kind.ERROR,
                        ErrorCode.UNKNOWN_KEY_IDENTIFIER, named + ": the worklist holds no such order to " + (status == OrderStatus.CANCELLED ? "cancel" : "discontinue")));
                return held.withStatus(status, clock.instant(), source);
            }
            default -> throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "ORC-1 order control '" + control + "' is not supported (NW, XO, SC, CA, OC, DC, OD are)");
        }
    }

    private static OrderStatus statusOf(String orc5) {
        return switch (orc5) {
            case "", "SC" -> OrderStatus.SCHEDULED;
            case "IP" -> OrderStatus.IN_PROGRESS;
            case "HD" -> OrderStatus.ON_HOLD;
            case "CM" -> OrderStatus.COMPLETED;
            case "CA" -> OrderStatus.CANCELLED;
            case "DC" -> OrderStatus.DISCONTINUED;
            default -> throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.TABLE_VALUE_NOT_FOUND,
                    "ORC-5 order status '" + orc5 + "' is not one of SC, IP, HD, CM, CA, DC");
        };
    }

    private WorklistItem item(Order order, String id, OrderStatus status, PatientId patient, PID pid, String referring,
            String source) {
        Segment obr = order.obr().orElseThrow(() -> new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.SEGMENT_SEQUENCE_ERROR,
                "order " + get(order.orc(), 2, 1) + " has no OBR segment: not an imaging order this archive can schedule"));
        Optional<Segment> ipc = order.ipc();
        Dataset ds = new Dataset();
        ds.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        set(ds, Tags.PatientID, patient.id());
        set(ds, Tags.IssuerOfPatientID, patient.issuer());
        List<Object> demographics = Demographics.of(pid);
        for (int i = 0; i + 1 < demographics.size(); i += 2) {
            set(ds, (Integer) demographics.get(i), (String) demographics.get(i + 1));
        }
        set(ds, Tags.ReferringPhysicianName, referring);
        set(ds, Tags.RequestingPhysician, physician(obr, 16));
        String accession = first(ipc.map(s -> get(s, 1, 1)), get(obr, 18, 1));
        set(ds, Tags.AccessionNumber, accession);
        String accessionIssuer = ipc.map(s -> get(s, 1, 2)).orElse("");
        if (!accessionIssuer.isEmpty()) {
            ds.newSequence(Tags.IssuerOfAccessionNumberSequence, 1).addItem()
                    .setString(Tags.LocalNamespaceEntityID, VR.UT, accessionIssuer);
        }
        set(ds, Tags.RequestedProcedureID, first(ipc.map(s -> get(s, 2, 1)), get(obr, 19, 1)));
        String study = first(ipc.map(s -> get(s, 3, 1)), order.zds().map(s -> get(s, 1, 1)).orElse(""));
        if (study.isEmpty() || !InstanceRef.isValidUid(study)) {
            study = studyUidOf(id);
        }
        set(ds, Tags.StudyInstanceUID, study);
        String code = get(obr, 4, 1);
        String meaning = get(obr, 4, 2);
        set(ds, Tags.RequestedProcedureDescription, meaning.isEmpty() ? code : meaning);
        if (!code.isEmpty()) {
            code(ds.newSequence(Tags.RequestedProcedureCodeSequence, 1).addItem(), code, get(obr, 4, 3), meaning);
        }
        set(ds, Tags.PlacerOrderNumberImagingServiceRequest, first(Optional.of(get(order.orc(), 2, 1)), get(obr, 2, 1)));
        set(ds, Tags.FillerOrderNumberImagingServiceRequest, first(Optional.of(get(order.orc(), 3, 1)), get(obr, 3, 1)));
        set(ds, Tags.AdmissionID, "");

        Sequence steps = ds.newSequence(Tags.ScheduledProcedureStepSequence, 1);
        Dataset step = steps.addItem();
        String modality = first(ipc.map(s -> get(s, 5, 1)), get(obr, 24, 1));
        List<String> stations = ipc.map(s -> repetitions(s, 9)).filter(l -> !l.isEmpty()).orElse(settings.stationsOf(modality));
        if (!stations.isEmpty()) {
            step.setString(Tags.ScheduledStationAETitle, VR.AE, stations.toArray(String[]::new));
        }
        String start = first(order.tq1().map(s -> get(s, 7, 1)), first(Optional.of(get(order.orc(), 7, 4)), get(obr, 27, 4)));
        if (start.length() >= 8 && start.substring(0, 8).chars().allMatch(Character::isDigit)) {
            step.setString(Tags.ScheduledProcedureStepStartDate, VR.DA, start.substring(0, 8));
            String time = start.substring(8).replaceAll("[+-].*$", "");
            if (!time.isEmpty() && time.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
                step.setString(Tags.ScheduledProcedureStepStartTime, VR.TM, time);
            }
        }
        set(step, Tags.Modality, modality);
        set(step, Tags.ScheduledProcedureStepID, first(ipc.map(s -> get(s, 4, 1)), get(obr, 20, 1)));
        set(step, Tags.ScheduledProcedureStepDescription, meaning.isEmpty() ? code : meaning);
        set(step, Tags.ScheduledStationName, ipc.map(s -> get(s, 7, 1)).orElse(""));
        set(step, Tags.ScheduledProcedureStepLocation, ipc.map(s -> get(s, 8, 1)).orElse(""));
        step.setString(Tags.ScheduledProcedureStepStatus, VR.CS, status.dicom());
        String protocol = ipc.map(s -> get(s, 6, 1)).filter(s -> !s.isEmpty()).orElse(code);
        if (!protocol.isEmpty()) {
            Segment from = ipc.filter(s -> !get(s, 6, 1).isEmpty()).orElse(obr);
            int field = from == obr ? 4 : 6;
            code(step.newSequence(Tags.ScheduledProtocolCodeSequence, 1).addItem(), protocol, get(from, field, 3), get(from, field, 2));
        }
        return new WorklistItem(id, status, ds, clock.instant(), source);
    }

    /** A Study Instance UID for an order that names none: 2.25 and the order's id (a UUID), so every message agrees. */
    static String studyUidOf(String id) {
        UUID uuid = UUID.fromString(id);
        BigInteger value = new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array());
        return "2.25." + value;
    }

    private static void code(Dataset item, String value, String scheme, String meaning) {
        item.setString(Tags.CodeValue, VR.SH, value);
        item.setString(Tags.CodingSchemeDesignator, VR.SH, scheme.isEmpty() ? "L" : scheme); // "L": local, no scheme named
        item.setString(Tags.CodeMeaning, VR.LO, meaning.isEmpty() ? value : meaning);
    }

    /** DICOM PN {@code family^given^middle^prefix^suffix} from an XCN field (id^family^given^middle^suffix^prefix). */
    private static String physician(Segment s, int field) {
        String[] parts = {get(s, field, 2), get(s, field, 3), get(s, field, 4), get(s, field, 6), get(s, field, 5)};
        int last = parts.length - 1;
        while (last >= 0 && parts[last].isEmpty()) {
            last--;
        }
        return String.join("^", Arrays.copyOf(parts, last + 1));
    }

    private static void set(Dataset ds, int tag, String value) {
        VR vr = ElementDictionary.standard().vrOf(tag);
        if (value == null || value.isEmpty()) {
            ds.set(tag, vr, null);
        } else {
            ds.setString(tag, vr, value);
        }
    }

    private static String first(Optional<String> preferred, String otherwise) {
        return preferred.filter(s -> !s.isEmpty()).orElse(otherwise);
    }

    private static List<String> repetitions(Segment s, int field) {
        List<String> values = new ArrayList<>();
        try {
            for (int rep = 0; rep < s.getField(field).length; rep++) {
                String v = value(Terser.get(s, field, rep, 1, 1));
                if (!v.isEmpty()) {
                    values.add(v);
                }
            }
        } catch (HL7Exception e) {
            return values;
        }
        return values;
    }

    /** Component {@code component} of the first repetition of {@code field}, or "" (also for HL7's null {@code ""}). */
    static String get(Segment s, int field, int component) {
        try {
            return value(Terser.get(s, field, 0, component, 1));
        } catch (HL7Exception | RuntimeException e) {
            return "";
        }
    }

    private static String value(String s) {
        String v = s == null ? "" : s.strip();
        return v.equals("\"\"") ? "" : v;
    }

    private static boolean isEmpty(Segment segment) {
        try {
            return segment.isEmpty();
        } catch (HL7Exception e) {
            return true;
        }
    }

    private static void flatten(Group group, List<Segment> into) {
        for (String name : group.getNames()) {
            Structure[] all;
            try {
                all = group.getAll(name);
            } catch (HL7Exception e) {
                continue; // a name HAPI listed cannot be missing
            }
            for (Structure s : all) {
                if (s instanceof Segment segment) {
                    if (!isEmpty(segment)) {
                        into.add(segment);
                    }
                } else if (s instanceof Group g) {
                    flatten(g, into);
                }
            }
        }
    }
}
