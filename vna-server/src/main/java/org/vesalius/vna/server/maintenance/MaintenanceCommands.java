package org.vesalius.vna.server.maintenance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vesalius.vna.archive.maintenance.FindingWriter;
import org.vesalius.vna.archive.maintenance.ReindexReport;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchWorklistIndex;
import org.vesalius.vna.archive.maintenance.Reindexer;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.worklist.WorklistFeature;
import org.vesalius.vna.archive.maintenance.Verifier;
import org.vesalius.vna.archive.maintenance.VerifyReport;
import org.vesalius.vna.archive.storage.OwnerOnly;
import org.vesalius.vna.server.VnaServerApplication;

/**
 * Command mode: {@code java -jar vna-server.jar reindex|verify [--property=value ...]} runs one
 * maintenance command with exactly the server's configuration (the same properties, files and
 * profiles: storage backend, Elasticsearch, ingest limits), then exits. No HTTP or DICOM listener
 * and no index catch-up start (profile {@value #PROFILE}). The report goes to standard output
 * (one line per finding, then a summary), logs to standard error, and JSON lines to
 * {@code vna.reindex.report} / {@code vna.verify.report} when set.
 *
 * <p>Exit codes: 0 clean (verify) or done (reindex); 1 differences found (verify) or instances
 * skipped (reindex); 2 could not run (storage or index unavailable, another reindex running, bad
 * configuration).
 */
public final class MaintenanceCommands {

    /** The Spring profile of command mode. */
    public static final String PROFILE = "command";

    private static final Set<String> COMMANDS = Set.of("reindex", "verify");

    private MaintenanceCommands() {
    }

    /** Whether {@code args} start with a command name. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /**
     * Runs the command {@code args[0]} with the configuration {@code args[1..]}.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out) {
        String command = args[0];
        String[] configuration = Arrays.copyOfRange(args, 1, args.length);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(VnaServerApplication.class)
                    .web(WebApplicationType.NONE)
                    .profiles(PROFILE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .properties(Map.of("logging.config", "classpath:vna-command-logback.xml"))
                    .run(configuration);
        } catch (RuntimeException e) {
            out.println(command + ": FAILED: cannot start with this configuration: " + rootMessage(e));
            return VerifyReport.COULD_NOT_RUN;
        }
        try (context) {
            return execute(command, context, out);
        }
    }

    /** The report holds patient identifiers: a new one is readable by the server's user only. */
    private static Path ownerOnly(Path report) throws IOException {
        if (!Files.exists(report)) {
            Files.createFile(report, OwnerOnly.file(report));
        }
        return report;
    }

    private static int execute(String command, ConfigurableApplicationContext context, PrintStream out) {
        Path report = command.equals("reindex") ? context.getBean(ReindexProperties.class).report()
                : context.getBean(VerifyProperties.class).report();
        try (OutputStream json = report == null ? null : Files.newOutputStream(ownerOnly(report));
                FindingWriter writer = new FindingWriter(out, json)) {
            try {
                if (command.equals("reindex")) {
                    ReindexReport result = context.getBean(Reindexer.class).run(writer);
                    writer.summary(result);
                    // The worklist's index is derived from its items in the blob store too.
                    long items = WorklistFeature.reindex(context.getBean(BlobStore.class), context.getBean(ElasticsearchWorklistIndex.class));
                    out.println("reindex: " + items + " worklist item(s) indexed");
                    return result.skipped() == 0 ? VerifyReport.CLEAN : VerifyReport.DIFFERENCES;
                }
                VerifyReport result = context.getBean(Verifier.class).run(writer);
                writer.summary(result);
                return result.exitCode();
            } catch (RuntimeException e) {
                // Storage or index unavailable, another build running: the run could not complete.
                writer.failure(command, rootMessage(e));
                return VerifyReport.COULD_NOT_RUN;
            }
        } catch (IOException e) {
            out.println(command + ": FAILED: cannot write the report " + report + ": " + e.getMessage());
            return VerifyReport.COULD_NOT_RUN;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? message : e.getMessage() + " (" + message + ")";
    }
}
