package org.vesalius.vna.server.durability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.service.DimseResponse;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * A modality sending a generated data set with our C-STORE SCU on several associations at once,
 * each taking the next instance as it is free, and recording for every instance it sent what the
 * archive answered. An association that fails (the archive went away) ends that sender; instances
 * nobody took are not in the result.
 */
final class InstanceSender {

    /**
     * What became of one instance.
     *
     * @param status the C-STORE response status, or -1 when no response came
     * @param error  why no response came, or null
     */
    record Outcome(String sopInstanceUid, int status, String error) {

        /** A success or warning status: the archive took responsibility for the instance. */
        boolean acknowledged() {
            return status == 0 || (status & 0xF000) == 0xB000;
        }
    }

    private static final long SEND_GUARD_MINUTES = 10;

    private final Path dataSet;
    private final int associations;

    InstanceSender(Path dataSet, int associations) {
        this.dataSet = dataSet;
        this.associations = associations;
    }

    /**
     * Sends {@code entries} to the archive at {@code port}; {@code acknowledgements} is counted down
     * once per acknowledged instance (a test waits on it to strike at a chosen point). Returns the
     * outcome of every instance that was sent, by SOP Instance UID.
     */
    Map<String, Outcome> send(int port, List<Entry> entries, CountDownLatch acknowledgements) throws InterruptedException {
        Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AssociationRequest request = request(entries);
        DimseClient scu = DimseClient.of(DicomClient.builder().build());
        List<Thread> senders = new ArrayList<>();
        for (int i = 0; i < associations; i++) {
            senders.add(Thread.ofPlatform().name("sender-" + i).start(() -> {
                try (Association as = scu.connect("127.0.0.1", port, request)) {
                    for (int n = next.getAndIncrement(); n < entries.size(); n = next.getAndIncrement()) {
                        Entry e = entries.get(n);
                        try {
                            DimseResponse r = scu.store(as, dataSet.resolve(e.file()));
                            Outcome o = new Outcome(e.sopInstanceUid(), r.status().code(), null);
                            outcomes.put(e.sopInstanceUid(), o);
                            if (o.acknowledged()) {
                                acknowledgements.countDown();
                            }
                        } catch (IOException | RuntimeException ex) {
                            outcomes.put(e.sopInstanceUid(), new Outcome(e.sopInstanceUid(), -1, String.valueOf(ex)));
                            return;   // this association is gone
                        }
                    }
                    as.release();
                } catch (IOException | RuntimeException ex) {
                    // Could not associate, or the release failed after the last instance: nothing to record.
                }
            }));
        }
        for (Thread t : senders) {
            if (!t.join(java.time.Duration.ofMinutes(SEND_GUARD_MINUTES))) {
                throw new IllegalStateException(t.getName() + " still sending after " + SEND_GUARD_MINUTES + " minutes");
            }
        }
        return outcomes;
    }

    /**
     * A context per SOP Class and transfer syntax of the entries: each file is sent as it is
     * encoded, so both must be accepted, not one of them.
     */
    private static AssociationRequest request(List<Entry> entries) {
        Set<String> contexts = new LinkedHashSet<>();
        entries.forEach(e -> contexts.add(e.sopClassUid() + " " + e.transferSyntaxUid()));
        AssociationRequest.Builder b = AssociationRequest.builder("DURABILITY", ServerProcess.AE_TITLE);
        for (String context : contexts) {
            String[] c = context.split(" ");
            b.propose(c[0], c[1]);
        }
        return b.build();
    }
}
