package org.vesalius.vna.archive.index;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * A new index being filled beside the live one ({@link RebuildableIndex#startBuild}). Queries and
 * ingest keep using the live index until {@link #switchOver()}; instances ingested meanwhile go to
 * the live index, and {@link #receivedSince} finds them there so that they can be copied over.
 * Closing a build that was not switched over deletes its index. Not thread-safe.
 */
public interface IndexBuild extends AutoCloseable {

    /** The new index's name. */
    String name();

    /** The index queries and ingest use now, if there is one. */
    Optional<String> live();

    /**
     * Adds or replaces documents in the new index; the same contract as {@link StudyIndex#index}.
     *
     * @throws IndexWriteException       some documents were refused (the others are indexed)
     * @throws IndexUnavailableException retry; also when the build was taken over by another
     */
    void index(Collection<ArchivedInstance> instances);

    /**
     * The instances {@code index} received at or after {@code since} (by the time the archive
     * accepted them), lazily, after making its recent writes visible. Close the stream.
     */
    Stream<InstanceRef> receivedSince(String index, Instant since);

    /**
     * Makes the new index the live one in one atomic step and ends the build.
     *
     * @return the index that was live until now, if there was one (still there: {@link #drop})
     * @throws IndexUnavailableException the switch failed; the live index is unchanged
     */
    Optional<String> switchOver();

    /** Deletes an index that is no longer live. */
    void drop(String index);

    /** Deletes the new index unless it was switched over. */
    @Override
    void close();
}
