package org.vesalius.vna.server.acceptance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dcmtk's {@code storescu} as a modality would run it: each file proposed in its own SOP Class
 * and transfer syntax ({@code -R}), several files per association, carrying on after a refusal
 * ({@code --no-halt}). The per-file outcome is read from its verbose log.
 */
final class Storescu {

    /** What became of one file. */
    enum Outcome { SUCCESS, WARNING, REFUSED, NOT_SENT }

    private static final int FILES_PER_ASSOCIATION = 40;

    private final String host;
    private final int port;
    private final String callingAe;
    private final String calledAe;

    Storescu(String host, int port, String callingAe, String calledAe) {
        this.host = host;
        this.port = port;
        this.callingAe = callingAe;
        this.calledAe = calledAe;
    }

    /** Sends {@code files}; the outcome of each, in order. */
    Map<Path, Outcome> send(List<Path> files) throws IOException, InterruptedException {
        Map<Path, Outcome> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < files.size(); i += FILES_PER_ASSOCIATION) {
            List<Path> batch = files.subList(i, Math.min(files.size(), i + FILES_PER_ASSOCIATION));
            List<String> command = new ArrayList<>(List.of("storescu", "-v", "-R", "--no-halt", "-aet", callingAe, "-aec",
                    calledAe, host, Integer.toString(port)));
            batch.forEach(f -> command.add(f.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Map<String, Outcome> byName = parse(log);
            for (Path f : batch) {
                outcomes.put(f, byName.getOrDefault(f.toString(), Outcome.NOT_SENT));
            }
        }
        return outcomes;
    }

    /** Reads "Sending file: X" ... "Received Store Response (Success|Warning|...)" pairs. */
    private static Map<String, Outcome> parse(String log) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        String current = null;
        for (String line : log.split("\n")) {
            int at = line.indexOf("Sending file: ");
            if (at >= 0) {
                current = line.substring(at + "Sending file: ".length()).strip();
                continue;
            }
            at = line.indexOf("Received Store Response (");
            if (at >= 0 && current != null) {
                String status = line.substring(at + "Received Store Response (".length());
                out.put(current, status.startsWith("Success") ? Outcome.SUCCESS
                        : status.startsWith("Warning") ? Outcome.WARNING : Outcome.REFUSED);
                current = null;
            }
        }
        return out;
    }
}
