package org.vesalius.vna.server.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.update.UpdateFeature;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * The server holds one metadata journal, and every feature that reads or writes it holds that
 * one (ingest with its index catch-up, retrieve, update): found by walking each feature's object graph (its loaders, caches, helpers) for
 * {@link Journal}s, compared by identity.
 */
@SpringBootTest
class OneJournalTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @Autowired
    ApplicationContext context;

    @Test
    void ingestLoaderRetrieveAndUpdateShareTheOneJournalBean() {
        assertThat(context.getBeansOfType(Journal.class)).hasSize(1);
        Journal bean = context.getBean(Journal.class);

        for (Class<?> feature : new Class<?>[] {IngestFeature.class, IngestPort.class, RetrieveService.class, UpdateFeature.class, UpdatePort.class}) {
            Set<Journal> held = journalsReachableFrom(context.getBean(feature));
            assertThat(held).as("journals %s holds", feature.getSimpleName()).hasSize(1);
            assertThat(held.iterator().next()).as(feature.getSimpleName()).isSameAs(bean);
        }
    }

    /** The journals reachable from {@code root} through fields that hold our own classes. */
    private static Set<Journal> journalsReachableFrom(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Journal> journals = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (!seen.add(o)) {
                continue;
            }
            if (o instanceof Journal j) {
                journals.add(j);
                continue;
            }
            for (Class<?> c = o.getClass(); c != null && c.getName().startsWith("org.vesalius."); c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                        continue;
                    }
                    f.setAccessible(true);
                    Object value;
                    try {
                        value = f.get(o);
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                    if (value != null && value.getClass().getName().startsWith("org.vesalius.")) {
                        todo.push(value);
                    }
                }
            }
        }
        return journals;
    }
}
