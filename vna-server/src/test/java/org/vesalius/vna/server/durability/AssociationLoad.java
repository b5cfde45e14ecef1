package org.vesalius.vna.server.durability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRejectedException;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * Many C-STORE SCUs at once with our toolkit, one platform thread and one association each, a few
 * small synthetic CT instances per association. All ask at the same moment, and an association
 * that is accepted holds on until every other one has had its answer before it sends: so the
 * archive's association limits are met for certain, whatever the machine's speed.
 */
final class AssociationLoad {

    private static final Duration GUARD = Duration.ofMinutes(3);
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();

    /**
     * What one association came to.
     *
     * @param rejected the A-ASSOCIATE-RJ, or null when accepted
     * @param statuses the C-STORE status of each instance sent, in order
     * @param error    what went wrong otherwise (no answer, a broken association), or null
     */
    record Outcome(Client client, AAssociateRj rejected, List<Integer> statuses, String error) {

        /** Accepted, and the client aborted in the middle of its first data set as it meant to. */
        boolean aborted() {
            return rejected == null && error == null && statuses.isEmpty() && client.aborts();
        }
    }

    /**
     * One SCU: its calling AE title and the instances it sends (study, series, SOP Instance UIDs).
     * One that {@code aborts} gives up in the middle of its first data set (A-ABORT after part of it).
     */
    record Client(int number, String callingAe, String study, String series, List<String> sops, boolean aborts) {
    }

    private final ServerProcess server;
    private final DimseClient scu = DimseClient.of(DicomClient.builder().build());

    AssociationLoad(ServerProcess server) {
        this.server = server;
    }

    /**
     * {@code count} clients spread over {@code callingAes} AE titles, {@code instances} instances
     * each, under {@code study}; every {@code abortEvery}th aborts (0: none).
     */
    static List<Client> clients(String study, int count, int callingAes, int instances, int abortEvery) {
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            String series = study + "." + (c % callingAes + 1);
            List<String> sops = new ArrayList<>();
            for (int n = 1; n <= instances; n++) {
                sops.add(series + "." + (c + 1) + "." + n);
            }
            clients.add(new Client(c, "LOAD" + (c % callingAes), study, series, sops, abortEvery > 0 && c % abortEvery == abortEvery - 1));
        }
        return clients;
    }

    /** Every client at once; accepted associations send once all have been answered. */
    List<Outcome> run(List<Client> clients) throws InterruptedException {
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(clients.size());
        List<Thread> threads = new ArrayList<>();
        for (Client client : clients) {
            threads.add(Thread.ofPlatform().name("scu-" + client.number()).start(() -> {
                try {
                    start.await();
                    outcomes.add(associateAndSend(client, answered, client.aborts()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        join(threads);
        return List.copyOf(outcomes);
    }

    /** One client alone, sending everything, as a modality would send again after a rejection or an abort. */
    Outcome send(Client client) throws InterruptedException {
        return associateAndSend(client, new CountDownLatch(0), false);
    }

    private Outcome associateAndSend(Client client, CountDownLatch answered, boolean abort) throws InterruptedException {
        AssociationRequest request = AssociationRequest.builder(client.callingAe(), ServerProcess.AE_TITLE)
                .propose(TestObjects.CT, EXPLICIT).build();
        Association as;
        try {
            as = scu.connect("127.0.0.1", server.dicomPort(), request);
        } catch (AssociationRejectedException e) {
            answered.countDown();
            return new Outcome(client, e.reject(), List.of(), null);
        } catch (IOException | RuntimeException e) {
            answered.countDown();
            return new Outcome(client, null, List.of(), "no association: " + e);
        }
        answered.countDown();
        List<Integer> statuses = new ArrayList<>();
        try (as) {
            if (!answered.await(GUARD.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return new Outcome(client, null, statuses, "the other associations were not answered within " + GUARD);
            }
            if (abort) {
                abortInTheMiddle(as, client);
                return new Outcome(client, null, statuses, null);
            }
            for (int n = 0; n < client.sops().size(); n++) {
                String sop = client.sops().get(n);
                Dataset ds = TestObjects.ct(sop, "LOAD-DIMSE", null, 512, client.number() * 10 + n);
                ds.setString(Tags.StudyInstanceUID, VR.UI, client.study());
                ds.setString(Tags.SeriesInstanceUID, VR.UI, client.series());
                byte[] dataSet = TestObjects.dataSet(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                statuses.add(scu.store(as, TestObjects.CT, sop, EXPLICIT, new ByteArrayInputStream(dataSet), Priority.MEDIUM)
                        .status().code());
            }
            as.release();
            return new Outcome(client, null, statuses, null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(client, null, statuses, "association broken: " + e);
        }
    }

    /**
     * Sends half of a 64 KB data set (more than a PDU, so the archive has started to store it),
     * then aborts: the archive must keep nothing of it and hold nothing open.
     */
    private void abortInTheMiddle(Association as, Client client) {
        String sop = client.sops().get(0);
        Dataset ds = TestObjects.ct(sop, "LOAD-DIMSE", null, 128 * 256 * 2, client.number());
        ds.setInt(Tags.Rows, VR.US, 128);
        ds.setInt(Tags.Columns, VR.US, 256);
        ds.setString(Tags.StudyInstanceUID, VR.UI, client.study());
        ds.setString(Tags.SeriesInstanceUID, VR.UI, client.series());
        byte[] dataSet = TestObjects.dataSet(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        try {
            scu.store(as, TestObjects.CT, sop, EXPLICIT, out -> {
                out.write(dataSet, 0, dataSet.length / 2);
                out.flush();
                throw new IOException("the SCU gives up in the middle of the data set");
            }, Priority.MEDIUM);
        } catch (IOException | RuntimeException expected) {
            // as meant
        }
        as.abort();
    }

    private static void join(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            if (!t.join(GUARD)) {
                throw new IllegalStateException(t.getName() + " still running after " + GUARD);
            }
        }
    }
}
