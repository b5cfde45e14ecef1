package org.vesalius.vna.archive.update;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.update.PatientLinks;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * The update feature's one factory, and the handle the server's wiring keeps: {@link #updates()}
 * is the {@link UpdatePort} edges call; {@link #start}, {@link #drainPending} and {@link #close}
 * run the index work that follows each update (and what a crash or an unavailable index left
 * pending); {@link #whenIndexed} tells who needs to know once the index has an update.
 */
public final class UpdateFeature implements AutoCloseable {

    private final UpdateService service;
    private final PatientLinks links;

    private UpdateFeature(UpdateService service, PatientLinks links) {
        this.service = service;
        this.links = links;
    }

    /**
     * The update feature.
     *
     * @param journal the server's one journal
     * @param queries finds the patient's studies
     * @param index   re-indexes the touched instances
     * @param loader  loads an instance as reindex would (header, coercions, journal)
     * @param locator lists a study's instances in the blob store
     * @param blobs   holds the durable markers of pending index work
     * @param clock   the time of entries
     * @param settle  how long after a patient's last update its index work is checked once more
     *                (the index's refresh interval and then some; 10 s is plenty for Elasticsearch's 1 s)
     */
    public static UpdateFeature create(Journal journal, QueryPort queries, StudyIndex index, InstanceLoader loader,
            RetrievePort locator, BlobStore blobs, Clock clock, Duration settle) {
        LinkStore links = new LinkStore(blobs);
        return new UpdateFeature(new UpdateService(journal, queries, index, loader, locator, blobs, links, clock, settle),
                new JournalPatientLinks(journal, links));
    }

    /** The port edges call. */
    public UpdatePort updates() {
        return service;
    }

    /** Where merged patients went (the journal's merges and changes of identifier). */
    public PatientLinks links() {
        return links;
    }

    /**
     * Tells {@code listener} {@code (the patient's identity now, the journal sequence)} each time
     * the index has taken a patient's updates (a merge's: the identity it was merged into). Called
     * on the follower's thread: keep it short.
     */
    public void whenIndexed(BiConsumer<PatientId, String> listener) {
        service.whenIndexed(listener);
    }

    /** Starts the index work that follows updates; markers left by others are adopted every {@code interval}. */
    public void start(Duration interval) {
        service.start(Objects.requireNonNull(interval, "interval"));
    }

    /**
     * Does the index work that is due now, on the caller's thread.
     *
     * @return instances indexed
     */
    public int drainPending() {
        return service.drainPending();
    }

    /** Stops the index work (the markers keep what is left). */
    @Override
    public void close() {
        service.close();
    }
}
