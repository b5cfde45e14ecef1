package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vesalius.vna.archive.index.IndexUnavailableException;

/**
 * Concurrent first calls to {@link ElasticsearchStudyIndex#ensureIndex()} create the index once,
 * and the caller doing the network I/O holds no object monitor meanwhile (a monitor held across
 * I/O pins a virtual thread's carrier on JDKs before 24). A small HTTP server on loopback answers
 * the few index-administration requests like Elasticsearch does and holds the index creation
 * until the test has looked at the threads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // hang guard only
class EnsureIndexConcurrencyTest {

    private static final int CALLERS = 8;

    private final ElasticsearchIndexConfig config = ElasticsearchIndexConfig.local(URI.create("http://127.0.0.1:1"));
    private final AtomicInteger indexCreations = new AtomicInteger();
    private final AtomicReference<String> aliasTarget = new AtomicReference<>();
    private final CountDownLatch creationStarted = new CountDownLatch(1);
    private final CountDownLatch releaseCreation = new CountDownLatch(1);
    private volatile int creationStatus = 200;
    private HttpServer server;
    private ElasticsearchStudyIndex index;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        index = new ElasticsearchStudyIndex(new ElasticsearchIndexConfig(List.of(uri), null, null, "vna", 1, 0,
                config.connectTimeout(), config.requestTimeout(), false));
    }

    @AfterEach
    void stop() {
        releaseCreation.countDown();
        index.close();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        String expected = config.indexName(IndexMapping.VERSION);
        if (method.equals("PUT") && path.equals("/_index_template/" + config.templateName())) {
            reply(exchange, 200, "{\"acknowledged\":true}");
        } else if (method.equals("GET") && path.equals("/_alias/" + config.alias())) {
            String target = aliasTarget.get();
            if (target == null) {
                reply(exchange, 404, "{\"error\":\"alias [" + config.alias() + "] missing\",\"status\":404}");
            } else {
                reply(exchange, 200, "{\"" + target + "\":{\"aliases\":{\"" + config.alias() + "\":{}}}}");
            }
        } else if (method.equals("PUT") && path.equals("/" + expected)) {
            indexCreations.incrementAndGet();
            creationStarted.countDown();
            try {
                releaseCreation.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (creationStatus != 200) {
                reply(exchange, creationStatus, "{\"error\":\"unavailable\",\"status\":" + creationStatus + "}");
                return;
            }
            aliasTarget.set(expected);
            reply(exchange, 200, "{\"acknowledged\":true,\"index\":\"" + expected + "\"}");
        } else {
            reply(exchange, 400, "{\"error\":\"unexpected " + method + " " + path + "\",\"status\":400}");
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-elastic-product", "Elasticsearch");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Test
    void concurrent_first_calls_create_the_index_once_without_holding_a_monitor_across_io() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            Thread caller = new Thread(() -> {
                try {
                    index.ensureIndex();
                } catch (Throwable t) {
                    synchronized (failures) {
                        failures.add(t);
                    }
                }
            }, "ensure-index-" + i);
            callers.add(caller);
            caller.start();
        }
        creationStarted.await();

        assertThat(monitorsHeldOn(index)).as("threads holding the index's monitor during index creation").isEmpty();

        releaseCreation.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(failures).isEmpty();
        assertThat(indexCreations).hasValue(1);
        index.ensureIndex(); // ready now: no further request
        assertThat(indexCreations).hasValue(1);
    }

    /**
     * Elasticsearch hung or failing: while one caller's check is under way, the others wait for
     * its answer and fail with it, instead of each checking again after it (with a hung
     * Elasticsearch, N queued queries would answer after N request timeouts).
     */
    @Test
    void callers_waiting_for_a_failing_check_fail_with_it_without_a_check_of_their_own() throws Exception {
        creationStatus = 500; // not 502-504: the client would try those again itself
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            callers.add(Thread.ofPlatform().name("ensure-index-" + i).start(() -> {
                try {
                    index.ensureIndex();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        creationStarted.await();
        while (index.callersWaitingForTheIndexCheck() < CALLERS - 1) {
            Thread.sleep(10);
        }

        releaseCreation.countDown();
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(failures).hasSize(CALLERS).allMatch(IndexUnavailableException.class::isInstance);
        assertThat(indexCreations).as("checks that reached Elasticsearch").hasValue(1);
    }

    private static List<String> monitorsHeldOn(Object target) {
        List<String> holders = new ArrayList<>();
        int identity = System.identityHashCode(target);
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, false)) {
            for (MonitorInfo monitor : info.getLockedMonitors()) {
                if (monitor.getIdentityHashCode() == identity && monitor.getClassName().equals(target.getClass().getName())) {
                    holders.add(info.getThreadName());
                }
            }
        }
        return holders;
    }
}
