package org.vesalius.dicom.net.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.io.MalformedDicomException;

class CommandSetTest {

    @Test
    void storeRequestRoundTripsWithGroupLength() throws Exception {
        CommandSet rq = CommandSet.storeRequest(7, "1.2.840.10008.5.1.4.1.1.2", "1.2.3.4", CommandSet.Priority.HIGH, "MOVER", 3);
        byte[] bytes = rq.encode();
        assertThat(LittleEndian.tag(new byte[] {bytes[0], bytes[1], bytes[2], bytes[3]}, 0)).isZero();
        assertThat(LittleEndian.int32(bytes, 8)).isEqualTo(bytes.length - 12);
        CommandSet back = CommandSet.decode(bytes);
        assertThat(back.commandField()).isEqualTo(CommandField.C_STORE_RQ);
        assertThat(back.messageId()).isEqualTo(7);
        assertThat(back.affectedSopClassUid()).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(back.affectedSopInstanceUid()).isEqualTo("1.2.3.4");
        assertThat(back.priority()).isEqualTo(CommandSet.Priority.HIGH);
        assertThat(back.moveOriginatorAet()).isEqualTo("MOVER");
        assertThat(back.moveOriginatorMessageId()).isEqualTo(3);
        assertThat(back.hasDataset()).isTrue();
    }

    @Test
    void responsesCarryStatusCountsAndComments() throws Exception {
        CommandSet rq = CommandSet.moveRequest(9, "1.2.840.10008.5.1.4.1.2.2.2", CommandSet.Priority.MEDIUM, "DEST");
        CommandSet rsp = CommandSet.responseTo(rq, DicomStatus.SUB_OPERATIONS_WITH_FAILURES, true)
                .withSubOperations(-1, 3, 1, 0).withErrorComment("one instance failed");
        CommandSet back = CommandSet.decode(rsp.encode());
        assertThat(back.commandField()).isEqualTo(CommandField.C_MOVE_RSP);
        assertThat(back.messageIdBeingRespondedTo()).isEqualTo(9);
        assertThat(back.status().category()).isEqualTo(DicomStatus.Category.WARNING);
        assertThat(back.subOperations()).containsExactly(-1, 3, 1, 0);
        assertThat(back.errorComment()).isEqualTo("one instance failed");
        assertThat(rq.moveDestination()).isEqualTo("DEST");
    }

    @Test
    void echoAndCancelHaveNoDataset() throws Exception {
        assertThat(CommandSet.decode(CommandSet.echoRequest(1, "1.2.840.10008.1.1").encode()).hasDataset()).isFalse();
        CommandSet cancel = CommandSet.decode(CommandSet.cancelRequest(5).encode());
        assertThat(cancel.commandField()).isEqualTo(CommandField.C_CANCEL_RQ);
        assertThat(cancel.messageIdBeingRespondedTo()).isEqualTo(5);
        assertThat(cancel.hasDataset()).isFalse();
    }

    @Test
    void statusCategories() {
        assertThat(new DicomStatus(0xFF01).category()).isEqualTo(DicomStatus.Category.PENDING);
        assertThat(new DicomStatus(0xB007).category()).isEqualTo(DicomStatus.Category.WARNING);
        assertThat(new DicomStatus(0x0107).category()).isEqualTo(DicomStatus.Category.WARNING);
        assertThat(new DicomStatus(0xA801).category()).isEqualTo(DicomStatus.Category.FAILURE);
        assertThat(new DicomStatus(0xC123).category()).isEqualTo(DicomStatus.Category.FAILURE);
        assertThat(new DicomStatus(0xFE00).category()).isEqualTo(DicomStatus.Category.CANCEL);
    }

    @Test
    void refusesGarbage() {
        assertThatThrownBy(() -> CommandSet.decode(new byte[] {1, 2, 3})).isInstanceOf(MalformedDicomException.class);
        assertThatThrownBy(() -> CommandSet.decode(new byte[0])).isInstanceOf(MalformedDicomException.class);
    }
}
