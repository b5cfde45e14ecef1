package org.vesalius.vna.archive.ingest.quota;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.ObjectIds;

/**
 * Per-source quotas around an {@link IngestPort}: a modality or a script gone wild (sending the
 * same study in a loop, or far more than it ever should) is refused as out of resources once it
 * has stored its quota within the window (C-STORE A700; STOW-RS failure reason A700, 503 with
 * {@code Retry-After} when nothing of the request was stored), and the others go on. Objects
 * already stored (the same bytes sent again) cost nothing. Counted per node, in memory: a restart
 * starts every source afresh.
 */
public final class IngestQuotas implements IngestPort {

    private static final Logger LOG = LoggerFactory.getLogger(IngestQuotas.class);
    /** Full buckets are forgotten beyond this many sources (STOW clients may be many). */
    private static final int REMEMBERED = 10_000;

    private final IngestPort delegate;
    private final QuotaSettings settings;
    private final LongSupplier nanoTime;
    private final Map<String, QuotaBucket> buckets = new ConcurrentHashMap<>();

    private IngestQuotas(IngestPort delegate, QuotaSettings settings, LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** {@code delegate} with {@code settings} enforced; {@code delegate} itself when no source has a quota. */
    public static IngestPort around(IngestPort delegate, QuotaSettings settings) {
        return around(delegate, settings, System::nanoTime);
    }

    /** As {@link #around(IngestPort, QuotaSettings)}, on a clock of the caller's (tests). */
    static IngestPort around(IngestPort delegate, QuotaSettings settings, LongSupplier nanoTime) {
        return settings.any() ? new IngestQuotas(delegate, settings, nanoTime) : delegate;
    }

    @Override
    public IngestResult ingest(IngestRequest request) {
        String source = request.source().toString();
        Quota quota = settings.of(source);
        if (quota.unlimited()) {
            return delegate.ingest(request);
        }
        long now = nanoTime.getAsLong();
        QuotaBucket bucket = bucket(source, quota, now);
        if (!bucket.admits(now)) {
            LOG.warn("ingest quota of {} used up ({} per {}): object refused", LogValue.of(source), quota, settings.window());
            return new IngestResult.StorageUnavailable(ObjectIds.UNKNOWN, "the ingest quota of " + source + " on this node ("
                    + quota + " per " + settings.window() + ") is used up; send again later");
        }
        IngestResult result = delegate.ingest(request);
        if (result instanceof IngestResult.Stored stored && stored.disposition() != IngestResult.Disposition.ALREADY_STORED) {
            bucket.charge(stored.instance().blob().size(), nanoTime.getAsLong());
        }
        return result;
    }

    private QuotaBucket bucket(String source, Quota quota, long now) {
        QuotaBucket bucket = buckets.get(source);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= REMEMBERED) {
            buckets.values().removeIf(b -> b.full(now));
        }
        return buckets.computeIfAbsent(source, s -> new QuotaBucket(quota, settings.window().toNanos(), now));
    }
}
