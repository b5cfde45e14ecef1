package org.vesalius.dicom.tool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;

/**
 * {@code vna generate OUTDIR [--instances N] [--seed S] [--matrix M]}: writes a synthetic data
 * set of Part 10 files and its {@code MANIFEST.tsv} into a new or empty directory (see
 * {@link SyntheticDataSet}). The same options give the same files, byte for byte.
 *
 * <p>Exit codes as {@link ToolRunner}: 0 done, 1 the directory is not empty or cannot be written,
 * 2 internal error, 64 wrong command line.
 */
public final class GenerateTool {

    static final String USAGE = """
            usage: vna generate OUTDIR [--instances N] [--seed S] [--matrix M]
              --instances N  number of instances (default %d)
              --seed S       seed; the same seed gives the same files (default %d)
              --matrix M     rows and columns of each image, 8 to 512 (default %d)"""
            .formatted(SyntheticOptions.DEFAULT_INSTANCES, SyntheticOptions.DEFAULT_SEED, SyntheticOptions.DEFAULT_MATRIX);

    private GenerateTool() {
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        ToolRunner.quietLoggingNotice();
        System.exit(ToolRunner.guard("generate", System.err, () -> run(args, System.out, System.err)));
    }

    /** Runs the tool; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ToolRunner runner = new ToolRunner("generate", err);
        Path dir = null;
        int instances = SyntheticOptions.DEFAULT_INSTANCES;
        long seed = SyntheticOptions.DEFAULT_SEED;
        int matrix = SyntheticOptions.DEFAULT_MATRIX;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            try {
                switch (arg) {
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return ToolRunner.OK;
                    }
                    case "--instances" -> instances = Integer.parseInt(value(args, ++i, arg));
                    case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                    case "--matrix" -> matrix = Integer.parseInt(value(args, ++i, arg));
                    default -> {
                        if (arg.startsWith("-") && arg.length() > 1) {
                            return runner.usage("unknown option " + arg, USAGE);
                        }
                        if (dir != null) {
                            return runner.usage("one output directory only", USAGE);
                        }
                        dir = runner.pathOf(arg);
                        if (dir == null) {
                            return ToolRunner.BAD_INPUT;
                        }
                    }
                }
            } catch (NumberFormatException e) {
                return runner.usage(arg + " needs a whole number, not \"" + args[i] + "\"", USAGE);
            } catch (IllegalArgumentException e) {
                return runner.usage(e.getMessage(), USAGE);
            }
        }
        if (dir == null) {
            return runner.usage("no output directory given", USAGE);
        }
        SyntheticOptions options;
        try {
            options = new SyntheticOptions(instances, seed, matrix);
        } catch (IllegalArgumentException e) {
            return runner.usage(e.getMessage(), USAGE);
        }
        long start = System.nanoTime();
        try {
            SyntheticDataSet.Summary s = SyntheticDataSet.generate(dir, options);
            out.printf("generated %d instances (%d patients, %d studies, %d series; seed %d) in %s in %.1f s; manifest %s%n",
                    s.instances(), s.patients(), s.studies(), s.series(), seed, dir, (System.nanoTime() - start) / 1e9,
                    s.manifest());
            return ToolRunner.OK;
        } catch (IllegalArgumentException e) {
            err.println("vna generate: " + e.getMessage());
            return ToolRunner.BAD_INPUT;
        } catch (IOException e) {
            err.println("vna generate: " + dir + ": cannot write: " + e.getMessage());
            return ToolRunner.BAD_INPUT;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
