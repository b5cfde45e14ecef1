package org.vesalius.vna.server.durability;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a Linux process holds, read from {@code /proc/PID}: its threads by name (from
 * {@code task/TID/comm}, digits folded to {@code #} so that the threads of one pool share a key) and
 * its file descriptors by kind. Sockets are told apart through {@code /proc/PID/net/tcp{,6}}:
 * accepted on the DICOM port, accepted on the HTTP port, listening, or outgoing to a remote port
 * (Elasticsearch), else UDP, Unix or other (created, not yet bound); a file is keyed by its path, so a leaked blob names itself.
 *
 * @param threads     thread count per name
 * @param descriptors descriptor count per kind ({@code socket dicom accepted}, {@code socket http
 *                    accepted}, {@code socket listening}, {@code socket to :PORT}, {@code socket
 *                    udp}, {@code socket unix}, {@code socket other}, {@code file PATH},
 *                    {@code pipe}, {@code anon_inode:[eventpoll]}, ...)
 */
record ProcessResources(Map<String, Integer> threads, Map<String, Integer> descriptors) {

    /** What {@code pid} holds now; {@code httpPort} and {@code dicomPort} are the server's listening ports. */
    static ProcessResources of(long pid, int httpPort, int dicomPort) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        Map<String, Integer> threads = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path task : tasks) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "#");
                    threads.merge(name, 1, Integer::sum);
                } catch (NoSuchFileException ended) {
                    // The thread ended while we looked.
                }
            }
        }
        Map<String, String> sockets = sockets(proc, httpPort, dicomPort);
        Map<String, Integer> descriptors = new TreeMap<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException closed) {
                    continue;
                }
                String kind;
                if (target.startsWith("socket:[")) {
                    kind = sockets.getOrDefault(target.substring(8, target.length() - 1), "socket other");
                } else if (target.startsWith("pipe:")) {
                    kind = "pipe";
                } else if (target.startsWith("/")) {
                    kind = "file " + target;
                } else {
                    kind = target;
                }
                descriptors.merge(kind, 1, Integer::sum);
            }
        }
        return new ProcessResources(threads, descriptors);
    }

    /** All threads. */
    int threadCount() {
        return threads.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Descriptors whose kind starts with {@code prefix}. */
    int descriptors(String prefix) {
        return descriptors.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).sum();
    }

    /**
     * Where this differs from {@code baseline}, ignoring the keys {@code tolerated} accepts (lazily
     * created pools the caller documents): key → now − before. Empty when they hold the same.
     */
    Map<String, Integer> differencesFrom(ProcessResources baseline, java.util.function.Predicate<String> tolerated) {
        Map<String, Integer> differences = new TreeMap<>();
        compare("thread ", threads, baseline.threads, tolerated, differences);
        compare("fd ", descriptors, baseline.descriptors, tolerated, differences);
        return differences;
    }

    private static void compare(String prefix, Map<String, Integer> now, Map<String, Integer> before,
            java.util.function.Predicate<String> tolerated, Map<String, Integer> differences) {
        Set<String> keys = new TreeSet<>(now.keySet());
        keys.addAll(before.keySet());
        for (String key : keys) {
            int delta = now.getOrDefault(key, 0) - before.getOrDefault(key, 0);
            if (delta != 0 && !tolerated.test(prefix + key)) {
                differences.put(prefix + key, delta);
            }
        }
    }

    /** Socket inode → kind, from the TCP tables the process sees (IPv4 and IPv6). */
    private static Map<String, String> sockets(Path proc, int httpPort, int dicomPort) throws IOException {
        Map<String, String> kinds = new HashMap<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = proc.resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                String[] f = line.strip().split("\\s+");
                if (f.length < 10) {
                    continue;
                }
                int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                String kind;
                if (f[3].equals("0A")) {
                    kind = "socket listening";
                } else if (local == dicomPort) {
                    kind = "socket dicom accepted";
                } else if (local == httpPort) {
                    kind = "socket http accepted";
                } else {
                    kind = "socket to :" + remote;
                }
                kinds.put(f[9], kind);
            }
        }
        for (String table : List.of("net/udp", "net/udp6", "net/unix")) {
            Path file = proc.resolve(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            int inode = table.equals("net/unix") ? 6 : 9;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                if (f.length > inode) {
                    kinds.put(f[inode], table.equals("net/unix") ? "socket unix" : "socket udp");
                }
            }
        }
        return kinds;
    }

    @Override
    public String toString() {
        return threadCount() + " threads " + threads + "; descriptors " + descriptors;
    }
}
