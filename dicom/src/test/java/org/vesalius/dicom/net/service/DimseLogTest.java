package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.net.dimse.DicomStatus;

/**
 * A peer cannot forge a log line through the values it sends: a SOP Instance UID or an Error
 * Comment with a line break is logged escaped, on one line (slf4j-simple writes to System.err in tests).
 */
class DimseLogTest {

    private static final String FORGED = "[main] INFO org.vesalius.dicom.net.service.Dimse - ADMIN->VNA: C-STORE from CT 9.9.9: 0000";

    @Test
    void a_uid_and_a_comment_with_line_breaks_stay_on_one_escaped_line() {
        String log = capturingSystemErr(() -> DimseLog.single("STORESCU->VNA", "C-STORE", "from", "1.2.840.10008.5.1.4.1.1.2",
                "1.2.3\n" + FORGED, DicomStatus.PROCESSING_FAILURE, "refused\r\n" + FORGED, 10, System.nanoTime()));

        assertThat(log).contains("STORESCU->VNA: C-STORE from CTImageStorage 1.2.3\\n" + FORGED, "\"refused\\r\\n" + FORGED + "\"");
        assertThat(log.lines()).filteredOn(line -> line.startsWith("[main] INFO org.vesalius.dicom.net.service.Dimse - ADMIN"))
                .isEmpty();
        assertThat(log.lines().filter(line -> line.contains("C-STORE"))).hasSize(1);
    }

    @Test
    void an_unknown_sop_class_level_and_destination_are_escaped_too() {
        String log = capturingSystemErr(() -> {
            DimseLog.find("FINDSCU->VNA", "from", "1.2.3\n4", "STUDY\nX", 0, DicomStatus.SUCCESS, null, System.nanoTime());
            DimseLog.retrieve("MOVESCU->VNA", "C-MOVE", "from", "1.2.3\r4", "DEST\nX", new SubOperations(0, 0, 0, 0),
                    DicomStatus.SUCCESS, null, System.nanoTime());
        });

        assertThat(log).contains("C-FIND from 1.2.3\\n4 level STUDY\\nX", "C-MOVE from 1.2.3\\r4 to DEST\\nX");
        assertThat(log.lines()).noneMatch(line -> line.startsWith("4") || line.startsWith("X"));
    }

    private static String capturingSystemErr(Runnable logging) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
