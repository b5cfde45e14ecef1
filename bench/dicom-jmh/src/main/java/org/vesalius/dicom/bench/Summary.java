package org.vesalius.dicom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * Turns a JMH JSON result file into the Markdown table of the module README: ops/s with its
 * error, MB/s derived from ops/s and the bytes each operation goes through, and allocation per
 * operation ({@code gc.alloc.rate.norm} of {@code -prof gc}).
 *
 * <p>Usage: {@code Summary results.json}. The byte counts are computed again from the same
 * deterministic inputs the benchmarks use.
 */
public final class Summary {

    private Summary() {
    }

    /** Bytes each benchmark goes through per operation, and what they are. */
    record Work(long bytes, String what) {
    }

    static Map<String, Work> work() {
        Map<String, Work> m = new LinkedHashMap<>();
        String pkg = Summary.class.getPackageName() + ".";
        byte[] ctExplicit = Samples.encode(Samples.ct512(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] ctImplicit = Samples.encode(Samples.ct512(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        byte[] enhanced = Samples.encode(
                Samples.enhancedCt(Inputs.ENHANCED_FRAMES, Inputs.ENHANCED_ROWS, Inputs.ENHANCED_COLUMNS),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] multi = Samples.encode(
                Samples.enhancedCt(Inputs.MULTIFRAME_FRAMES, Inputs.MULTIFRAME_ROWS, Inputs.MULTIFRAME_COLUMNS),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        m.put(pkg + "HeaderParseBenchmark.ctExplicitVrLittleEndian",
                new Work(Samples.headerBytes(ctExplicit), "header up to Pixel Data (file: " + ctExplicit.length + " B)"));
        m.put(pkg + "HeaderParseBenchmark.ctImplicitVrLittleEndian",
                new Work(Samples.headerBytes(ctImplicit), "header up to Pixel Data (file: " + ctImplicit.length + " B)"));
        m.put(pkg + "HeaderParseBenchmark.enhancedCt500Frames",
                new Work(Samples.headerBytes(enhanced), "header up to Pixel Data (file: " + enhanced.length + " B)"));
        m.put(pkg + "FullReadBenchmark.ctExplicitVrLittleEndian", new Work(ctExplicit.length, "whole file"));
        m.put(pkg + "MultiFrameReadBenchmark.fullyInMemory", new Work(multi.length, "whole file"));
        m.put(pkg + "MultiFrameReadBenchmark.fullyInMemoryFromFile", new Work(multi.length, "whole file"));
        // Pixel Data is skipped (ByteArrayInputStream.skip costs nothing): counting it would give
        // a meaningless rate, so only the bytes actually parsed count.
        m.put(pkg + "MultiFrameReadBenchmark.bulkDataAsLocations", new Work(Samples.headerBytes(multi),
                "header parsed; the Pixel Data is skipped, not counted (file: " + multi.length + " B)"));
        m.put(pkg + "MultiFrameReadBenchmark.baselineCopyOfInput", new Work(multi.length, "whole file, one copy"));
        return m;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Summary results.json");
            System.exit(2);
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        Map<String, Work> work = work();
        StringBuilder out = new StringBuilder();
        if (results.size() > 0) {
            JsonNode first = results.get(0);
            out.append("JDK ").append(first.path("jdkVersion").asText()).append(", ")
                    .append(first.path("vmName").asText()).append(' ').append(first.path("vmVersion").asText())
                    .append("; JMH ").append(first.path("jmhVersion").asText())
                    .append("; forks ").append(first.path("forks").asInt())
                    .append(", warmup ").append(first.path("warmupIterations").asInt()).append(" x ")
                    .append(first.path("warmupTime").asText())
                    .append(", measurement ").append(first.path("measurementIterations").asInt()).append(" x ")
                    .append(first.path("measurementTime").asText()).append("\n\n");
        }
        out.append("| Benchmark | ops/s (± 99.9% CI) | iterations min–max ops/s | MB/s | alloc B/op | bytes/op for MB/s |\n");
        out.append("|---|---:|---:|---:|---:|---|\n");
        for (JsonNode r : results) {
            String name = r.path("benchmark").asText();
            JsonNode primary = r.path("primaryMetric");
            double ops = primary.path("score").asDouble();
            double err = primary.path("scoreError").asDouble();
            JsonNode alloc = r.path("secondaryMetrics").path("gc.alloc.rate.norm");
            Work w = work.get(name);
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            out.append("| ").append(shortName)
                    .append(" | ").append(number(ops)).append(" ± ").append(number(Double.isNaN(err) ? 0 : err))
                    .append(" | ").append(range(primary.path("rawData")))
                    .append(" | ").append(w == null ? "?" : number(ops * w.bytes() / 1e6))
                    .append(" | ").append(alloc.isMissingNode() ? "n/a" : bytes(alloc.path("score").asDouble()))
                    .append(" | ").append(w == null ? "?" : w.bytes() + " (" + w.what() + ")")
                    .append(" |\n");
        }
        System.out.print(out);
    }

    /** Lowest and highest measurement iteration (all forks). */
    static String range(JsonNode rawData) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode fork : rawData) {
            for (JsonNode v : fork) {
                min = Math.min(min, v.asDouble());
                max = Math.max(max, v.asDouble());
            }
        }
        return min > max ? "n/a" : number(min) + "–" + number(max);
    }

    /** Three significant digits, grouped thousands. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double magnitude = Math.floor(Math.log10(Math.abs(v)));
        int decimals = (int) Math.max(0, 2 - magnitude);
        double rounded = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).doubleValue();
        return String.format(Locale.ROOT, "%,." + decimals + "f", rounded);
    }

    /** Allocation per operation: bytes, with a binary-prefixed reading beside it. */
    static String bytes(double b) {
        String exact = String.format(Locale.ROOT, "%,.0f", b);
        if (b >= 1 << 20) {
            return exact + String.format(Locale.ROOT, " (%.1f MiB)", b / (1 << 20));
        }
        if (b >= 1 << 10) {
            return exact + String.format(Locale.ROOT, " (%.1f KiB)", b / (1 << 10));
        }
        return exact;
    }
}
