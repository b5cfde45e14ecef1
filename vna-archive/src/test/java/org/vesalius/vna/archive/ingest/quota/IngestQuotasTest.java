package org.vesalius.vna.archive.ingest.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;

/** Quotas over the real ingest path (filesystem store, ingest log), on a hand-moved clock. */
class IngestQuotasTest {

    private static final Duration WINDOW = Duration.ofHours(1);

    @TempDir
    Path root;

    IngestFixture fixture;
    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void open() {
        fixture = new IngestFixture(root);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private IngestPort quotas(Quota fallback, Map<String, Quota> sources) {
        return IngestQuotas.around(fixture.service, new QuotaSettings(WINDOW, fallback, sources), now::get);
    }

    private static IngestResult send(IngestPort port, String callingAe, int n) {
        byte[] bytes = TestObjects.part10(TestObjects.ct("1.2.3.4." + n, "P", null, 1024, n));
        return port.ingest(IngestRequest.part10(IngestSource.dimse(callingAe), new ByteArrayInputStream(bytes), null));
    }

    @Test
    void noQuotaConfiguredIsThePortItself() {
        assertThat(IngestQuotas.around(fixture.service, QuotaSettings.NONE)).isSameAs(fixture.service);
    }

    @Test
    void aSourceBeyondItsInstanceQuotaIsRefusedAsOutOfResourcesAndTheOthersGoOn() {
        IngestPort port = quotas(Quota.UNLIMITED, Map.of("DIMSE:LOOPING", new Quota(0, 3)));
        for (int i = 0; i < 3; i++) {
            assertThat(send(port, "LOOPING", i)).isInstanceOf(IngestResult.Stored.class);
        }
        IngestResult refused = send(port, "LOOPING", 3);
        assertThat(refused).isInstanceOfSatisfying(IngestResult.StorageUnavailable.class,
                r -> assertThat(r.message()).contains("quota of DIMSE:LOOPING", "3 instances per PT1H"));
        assertThat(send(port, "OTHER", 4)).isInstanceOf(IngestResult.Stored.class);
        assertThat(fixture.keys()).hasSize(4); // the refused one left nothing

        // A third of the window later, one instance's worth has come back.
        now.addAndGet(WINDOW.toNanos() / 3 + 1);
        assertThat(send(port, "LOOPING", 5)).isInstanceOf(IngestResult.Stored.class);
        assertThat(send(port, "LOOPING", 6)).isInstanceOf(IngestResult.StorageUnavailable.class);
    }

    @Test
    void bytesAreCountedOnlyForWhatIsNewlyStored() {
        IngestPort port = quotas(new Quota(4_000, 0), Map.of());
        assertThat(send(port, "CT1", 1)).isInstanceOf(IngestResult.Stored.class);
        // The same bytes again: already stored, free.
        for (int i = 0; i < 10; i++) {
            assertThat(send(port, "CT1", 1)).isInstanceOfSatisfying(IngestResult.Stored.class,
                    s -> assertThat(s.disposition()).isEqualTo(IngestResult.Disposition.ALREADY_STORED));
        }
        // Each new one is ~1.3 KB: the quota lets a source overdraw by its last object, then refuses.
        int stored = 1;
        IngestResult last;
        int n = 2;
        while ((last = send(port, "CT1", n++)) instanceof IngestResult.Stored) {
            stored++;
        }
        assertThat(last).isInstanceOf(IngestResult.StorageUnavailable.class);
        assertThat(stored).isBetween(3, 4);
        // The fallback quota is per source, not shared.
        assertThat(send(port, "CT2", 100)).isInstanceOf(IngestResult.Stored.class);
    }
}
