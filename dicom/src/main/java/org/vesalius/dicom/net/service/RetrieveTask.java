package org.vesalius.dicom.net.service;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The instances a C-MOVE or C-GET sends: how many, known up front (the count the Pending
 * responses start from), and the instances themselves, pulled one at a time as they are sent, so
 * that a large retrieve can be produced lazily (a database cursor, say). Closed when the retrieve
 * ends, however it ends.
 */
public interface RetrieveTask extends AutoCloseable {

    /** The number of instances that {@link #instances()} yields. An instance it does not yield counts as failed. */
    int size();

    /** The instances, in the order to send them; called once. */
    Iterator<OutgoingInstance> instances();

    /** Releases what the iteration holds; by default nothing. */
    @Override
    default void close() {
    }

    /** Nothing to send: the retrieve succeeds without a sub-operation (and, for C-MOVE, without associating). */
    static RetrieveTask empty() {
        return of(List.of());
    }

    /** A task over a list. */
    static RetrieveTask of(List<OutgoingInstance> instances) {
        List<OutgoingInstance> copy = List.copyOf(instances);
        return new RetrieveTask() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Iterator<OutgoingInstance> instances() {
                return copy.iterator();
            }
        };
    }

    /** A task over a lazy stream of {@code size} instances; the stream is closed with the task. */
    static RetrieveTask of(int size, Stream<OutgoingInstance> instances) {
        return new RetrieveTask() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<OutgoingInstance> instances() {
                return instances.iterator();
            }

            @Override
            public void close() {
                instances.close();
            }
        };
    }
}
