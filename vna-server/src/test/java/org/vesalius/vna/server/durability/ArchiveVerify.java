package org.vesalius.vna.server.durability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.vesalius.vna.server.maintenance.MaintenanceCommands;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * {@code vna verify} over a {@link ServerProcess}'s archive, as {@code ./vna verify} runs it (the
 * command mode, in this JVM): its blob store, its ingest log, its index prefix, against the
 * Elasticsearch at {@code elasticsearchUrl}.
 */
final class ArchiveVerify {

    /** Exit code and what the command printed. */
    record Result(int exitCode, String out) {
    }

    private ArchiveVerify() {
    }

    static Result run(ServerProcess server, String elasticsearchUrl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = MaintenanceCommands.run(new String[] {"verify",
                    "--vna.storage.fs.root=" + server.blobRoot(),
                    "--vna.elasticsearch.url=" + elasticsearchUrl,
                    "--vna.elasticsearch.index-prefix=" + server.indexPrefix(),
                    "--vna.ingest.log.directory=" + server.dataDirectory().resolve("data/ingest-log")}, print);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }
}
