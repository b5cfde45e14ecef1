package org.vesalius.dicom.net.ul;

import static org.vesalius.dicom.net.ul.Action.*;
import static org.vesalius.dicom.net.ul.Event.*;
import static org.vesalius.dicom.net.ul.State.*;

import java.util.EnumMap;
import java.util.Map;

/**
 * PS3.8 Table 9-10, the DICOM upper layer state transition table, cell by cell. Cells the
 * standard leaves empty hold {@link Action#REFUSE} for local primitives and
 * {@link Action#IGNORE} for everything else, with three deliberate exceptions marked below.
 */
final class TransitionTable {

    private static final Map<State, EnumMap<Event, Action>> TABLE = build();

    private TransitionTable() {
    }

    /** The action for {@code event} in {@code state}; never null. */
    static Action lookup(State state, Event event) {
        return TABLE.get(state).get(event);
    }

    private static Map<State, EnumMap<Event, Action>> build() {
        EnumMap<State, EnumMap<Event, Action>> t = new EnumMap<>(State.class);
        for (State s : State.values()) {
            t.put(s, new EnumMap<>(Event.class));
        }
        // One row of the standard's table per event: the states where it is defined.
        row(t, EVT1, STA1, AE_1);
        row(t, EVT2, STA4, AE_2);
        row(t, EVT3, STA2, AA_1, STA3, AA_8, STA5, AE_3, STA6, AA_8, STA7, AA_8, STA8, AA_8, STA9, AA_8, STA10, AA_8,
                STA11, AA_8, STA12, AA_8, STA13, AA_6);
        row(t, EVT4, STA2, AA_1, STA3, AA_8, STA5, AE_4, STA6, AA_8, STA7, AA_8, STA8, AA_8, STA9, AA_8, STA10, AA_8,
                STA11, AA_8, STA12, AA_8, STA13, AA_6);
        row(t, EVT5, STA1, AE_5);
        row(t, EVT6, STA2, AE_6, STA3, AA_8, STA5, AA_8, STA6, AA_8, STA7, AA_8, STA8, AA_8, STA9, AA_8, STA10, AA_8,
                STA11, AA_8, STA12, AA_8, STA13, AA_7);
        row(t, EVT7, STA3, AE_7);
        row(t, EVT8, STA3, AE_8);
        row(t, EVT9, STA6, DT_1, STA8, AR_7);
        row(t, EVT10, STA2, AA_1, STA3, AA_8, STA5, AA_8, STA6, DT_2, STA7, AR_6, STA8, AA_8, STA9, AA_8, STA10, AA_8,
                STA11, AA_8, STA12, AA_8, STA13, AA_6);
        row(t, EVT11, STA6, AR_1);
        row(t, EVT12, STA2, AA_1, STA3, AA_8, STA5, AA_8, STA6, AR_2, STA7, AR_8, STA8, AA_8, STA9, AA_8, STA10, AA_8,
                STA11, AA_8, STA12, AA_8, STA13, AA_6);
        row(t, EVT13, STA2, AA_1, STA3, AA_8, STA5, AA_8, STA6, AA_8, STA7, AR_3, STA8, AA_8, STA9, AA_8, STA10, AR_10,
                STA11, AR_3, STA12, AA_8, STA13, AA_6);
        row(t, EVT14, STA8, AR_4, STA9, AR_9, STA12, AR_4);
        row(t, EVT15, STA3, AA_1, STA4, AA_2, STA5, AA_1, STA6, AA_1, STA7, AA_1, STA8, AA_1, STA9, AA_1, STA10, AA_1,
                STA11, AA_1, STA12, AA_1);
        row(t, EVT16, STA2, AA_2, STA3, AA_3, STA5, AA_3, STA6, AA_3, STA7, AA_3, STA8, AA_3, STA9, AA_3, STA10, AA_3,
                STA11, AA_3, STA12, AA_3, STA13, AA_2);
        row(t, EVT17, STA2, AA_5, STA3, AA_4, STA4, AA_4, STA5, AA_4, STA6, AA_4, STA7, AA_4, STA8, AA_4, STA9, AA_4,
                STA10, AA_4, STA11, AA_4, STA12, AA_4, STA13, AR_5);
        row(t, EVT18, STA2, AA_2, STA13, AA_2);
        row(t, EVT19, STA2, AA_1, STA3, AA_8, STA5, AA_8, STA6, AA_8, STA7, AA_8, STA8, AA_8, STA9, AA_8, STA10, AA_8,
                STA11, AA_8, STA12, AA_8, STA13, AA_7);

        // Empty cells. An A-ABORT request where the table has none is not refused: aborting must
        // always be possible and idempotent (pynetdicom #460 is Evt15 in Sta13).
        row(t, EVT15, STA2, AA_2); // server shutdown before the request arrived: just close
        row(t, EVT15, STA13, AA_2); // the peer is slow to close: close now rather than wait for ARTIM
        row(t, EVT15, STA1, IGNORE); // already idle
        for (State s : State.values()) {
            for (Event e : Event.values()) {
                t.get(s).putIfAbsent(e, e.isLocalPrimitive() ? REFUSE : IGNORE);
            }
        }
        return t;
    }

    private static void row(EnumMap<State, EnumMap<Event, Action>> t, Event event, Object... stateActionPairs) {
        for (int i = 0; i < stateActionPairs.length; i += 2) {
            Action previous = t.get((State) stateActionPairs[i]).put(event, (Action) stateActionPairs[i + 1]);
            if (previous != null) {
                throw new IllegalStateException("cell " + stateActionPairs[i] + " x " + event + " set twice");
            }
        }
    }
}
