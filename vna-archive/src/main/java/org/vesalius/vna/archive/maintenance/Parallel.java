package org.vesalius.vna.archive.maintenance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Maps a batch on a few threads, keeping the order: reading headers and hashing blobs wait on
 * storage (S3 round trips above all), so a handful of requests in flight speeds a walk over
 * millions of objects up. One thread runs on the caller's thread.
 */
final class Parallel implements AutoCloseable {

    private final ExecutorService pool;

    Parallel(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** {@code f} applied to every item, in order; the first failure is rethrown as it was. */
    <T, R> List<R> map(List<T> items, Function<T, R> f) {
        List<R> out = new ArrayList<>(items.size());
        if (pool == null) {
            items.forEach(item -> out.add(f.apply(item)));
            return out;
        }
        List<Callable<R>> tasks = items.stream().<Callable<R>>map(item -> () -> f.apply(item)).toList();
        try {
            for (Future<R> future : pool.invokeAll(tasks)) {
                out.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
