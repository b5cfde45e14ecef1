package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AReleaseRp;
import org.vesalius.dicom.net.ul.pdu.AReleaseRq;
import org.vesalius.dicom.net.ul.pdu.Pdu;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/** PS3.8 Table 9-10, checked against a second transcription and walked cell by cell on a real connection. */
class TransitionTableTest {

    /** The standard's table as printed: one line per event, columns Sta1 to Sta13, "-" for an empty cell. */
    private static final String[] STANDARD = {
        "AE-1 - - - - - - - - - - - -",
        "- - - AE-2 - - - - - - - - -",
        "- AA-1 AA-8 - AE-3 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        "- AA-1 AA-8 - AE-4 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        "AE-5 - - - - - - - - - - - -",
        "- AE-6 AA-8 - AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-7",
        "- - AE-7 - - - - - - - - - -",
        "- - AE-8 - - - - - - - - - -",
        "- - - - - DT-1 - AR-7 - - - - -",
        "- AA-1 AA-8 - AA-8 DT-2 AR-6 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        "- - - - - AR-1 - - - - - - -",
        "- AA-1 AA-8 - AA-8 AR-2 AR-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-6",
        "- AA-1 AA-8 - AA-8 AA-8 AR-3 AA-8 AA-8 AR-10 AR-3 AA-8 AA-6",
        "- - - - - - - AR-4 AR-9 - - AR-4 -",
        "- - AA-1 AA-2 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 AA-1 -",
        "- AA-2 AA-3 - AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-3 AA-2",
        "- AA-5 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AA-4 AR-5",
        "- AA-2 - - - - - - - - - - AA-2",
        "- AA-1 AA-8 - AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-8 AA-7",
    };

    private static ServerSocket listener;

    @BeforeAll
    static void listen() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stop() throws IOException {
        listener.close();
    }

    @Test
    void everyDefinedCellIsTheStandards() {
        for (Event event : Event.values()) {
            String[] cells = STANDARD[event.ordinal()].split(" ");
            for (State state : State.values()) {
                String expected = cells[state.ordinal()];
                Action action = TransitionTable.lookup(state, event);
                if (expected.equals("-")) {
                    assertThat(action).as(state.label() + " x " + event.label())
                            .isIn(Action.REFUSE, Action.IGNORE, Action.AA_2);
                } else {
                    assertThat(action.label()).as(state.label() + " x " + event.label()).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void emptyCellsRefuseLocalRequestsAndIgnoreTheRest() {
        List<String> extensions = new ArrayList<>();
        for (Event event : Event.values()) {
            for (State state : State.values()) {
                if (!STANDARD[event.ordinal()].split(" ")[state.ordinal()].equals("-")) {
                    continue;
                }
                Action action = TransitionTable.lookup(state, event);
                if (event == Event.EVT15) {
                    extensions.add(state.label() + "=" + action.label());
                } else {
                    assertThat(action).as(state.label() + " x " + event.label())
                            .isEqualTo(event.isLocalPrimitive() ? Action.REFUSE : Action.IGNORE);
                }
            }
        }
        // A-ABORT request is always possible: the three documented extensions of the table.
        assertThat(extensions).containsExactly("Sta1=IGNORE", "Sta2=AA-2", "Sta13=AA-2");
    }

    /** Every state x event pair on a live connection: next state, PDU sent to the peer, connection closed. */
    @Test
    void walkTheWholeTable() throws Exception {
        int cells = 0;
        for (State state : State.values()) {
            for (Event event : Event.values()) {
                for (boolean requestor : new boolean[] {true, false}) {
                    walk(state, event, requestor);
                    cells++;
                }
            }
        }
        assertThat(cells).isEqualTo(13 * 19 * 2);
    }

    private static void walk(State state, Event event, boolean requestor) throws Exception {
        String cell = state.label() + " x " + event.label() + (requestor ? " (requestor)" : " (acceptor)");
        Action action = TransitionTable.lookup(state, event);
        try (Socket local = new Socket(listener.getInetAddress(), listener.getLocalPort()); Socket peer = listener.accept()) {
            peer.setSoTimeout(10_000);
            UpperLayer ul = new UpperLayer(new Transport(local), requestor, Duration.ofMinutes(1), cell);
            ul.forceState(state);
            Pdu pdu = pduFor(action);
            if (action == Action.REFUSE) {
                assertThatThrownBy(() -> ul.fire(event, pdu, "test")).as(cell).isInstanceOf(IllegalStateException.class);
                assertThat(ul.state()).as(cell).isEqualTo(state);
                return;
            }
            assertThat(ul.fire(event, pdu, "test")).as(cell).isEqualTo(action);
            assertThat(ul.state()).as(cell).isEqualTo(expectedNext(state, action, requestor));
            Integer sent = sentType(action);
            InputStream in = peer.getInputStream();
            if (sent != null) {
                Pdu received = new PduReader(in, 1 << 20).read();
                assertThat(received).as(cell).isNotNull();
                assertThat(received.type()).as(cell).isEqualTo(sent);
            }
            if (closes(action)) {
                assertThat(in.read()).as(cell + " closes the connection").isEqualTo(-1);
            }
            ul.transport().close();
        }
    }

    private static State expectedNext(State from, Action action, boolean requestor) {
        return switch (action) {
            case REFUSE, IGNORE -> from;
            case AE_6 -> State.STA13; // the walk passes a rejection
            case AR_8 -> requestor ? State.STA9 : State.STA10;
            default -> action.next();
        };
    }

    private static Integer sentType(Action action) {
        return switch (action) {
            case AE_2 -> AAssociateRq.TYPE;
            case AE_7 -> AAssociateAc.TYPE;
            case AE_6, AE_8 -> AAssociateRj.TYPE;
            case AR_1 -> AReleaseRq.TYPE;
            case AR_4, AR_9 -> AReleaseRp.TYPE;
            case AA_1, AA_7, AA_8 -> AAbort.TYPE;
            default -> null;
        };
    }

    private static boolean closes(Action action) {
        return switch (action) {
            case AE_4, AR_3, AR_5, AA_2, AA_3, AA_4, AA_5 -> true;
            default -> false;
        };
    }

    private static Pdu pduFor(Action action) {
        AAssociateRq rq = new AAssociateRq(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRequest(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))),
                UserInformation.of(16384, "1.2.3", null));
        return switch (action) {
            case AE_2 -> rq;
            case AE_7 -> new AAssociateAc(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT, List.of(),
                    UserInformation.of(16384, "1.2.3", null));
            case AE_6, AE_8 -> AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED;
            default -> AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU);
        };
    }
}
