package org.vesalius.dicom.tool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vesalius.dicom.io.MalformedDicomException;

/**
 * The error discipline shared by the command-line tools: every failure is one line on standard
 * error, {@code vna NAME: FILE: message}, never a stack trace.
 *
 * <p>Exit codes: 0 when every file was handled; 1 when some input was malformed or unreadable
 * (the typed exceptions and I/O errors); 2 when something unexpected happened, which is a bug to
 * report; 64 for a wrong command line.
 */
final class ToolRunner {

    static final int OK = 0;
    static final int BAD_INPUT = 1;
    static final int INTERNAL_ERROR = 2;
    static final int USAGE = 64;

    /** One file's work. */
    @FunctionalInterface
    interface FileAction {
        void run(Path file) throws IOException;
    }

    private final String name;
    private final PrintStream err;

    ToolRunner(String name, PrintStream err) {
        this.name = name;
        this.err = err;
    }

    /**
     * Before any logger exists: without an SLF4J provider on the class path, SLF4J would print a
     * three-line notice on every run of a tool.
     */
    static void quietLoggingNotice() {
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /** Runs {@code action} on {@code file} and returns its exit code, reporting any failure in one line. */
    int runOn(Path file, FileAction action) {
        try {
            action.run(file);
            return OK;
        } catch (MalformedDicomException e) {
            return fail(file, e.getMessage(), BAD_INPUT);
        } catch (NoSuchFileException e) {
            return fail(file, "no such file", BAD_INPUT);
        } catch (AccessDeniedException e) {
            return fail(file, "permission denied", BAD_INPUT);
        } catch (IOException e) {
            return fail(file, "cannot read: " + oneLine(e), BAD_INPUT);
        } catch (RuntimeException | Error e) {
            // OutOfMemoryError and StackOverflowError included: one line, and a hint to report it.
            return fail(file, "internal error, please report it: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e)), INTERNAL_ERROR);
        }
    }

    /**
     * Runs a whole tool: anything that escapes it is still reported in one line, exit code 2.
     */
    static int guard(String name, PrintStream err, java.util.function.IntSupplier tool) {
        try {
            return tool.getAsInt();
        } catch (RuntimeException | Error e) {
            err.println("vna " + name + ": internal error, please report it: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e)));
            return INTERNAL_ERROR;
        }
    }

    /** The path an argument names, or null (after reporting it) when it cannot be one. */
    Path pathOf(String argument) {
        try {
            return Path.of(argument);
        } catch (java.nio.file.InvalidPathException e) {
            err.println("vna " + name + ": " + argument.replace("\0", "\\0") + ": not a valid path");
            return null;
        }
    }

    /** Prints a usage problem and returns {@link #USAGE}. */
    int usage(String problem, String usage) {
        err.println("vna " + name + ": " + problem);
        err.println(usage);
        return USAGE;
    }

    private int fail(Path file, String message, int code) {
        err.println("vna " + name + ": " + file + ": " + message);
        return code;
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
