package org.vesalius.vna.archive.dicomweb;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Accept headers a real viewer sends, kept as a fixture so that negotiation tests replay them
 * verbatim: {@code ohif-accept-headers.tsv} beside this class (the OHIF Viewer, read from its
 * build and checked against a browser's network log by {@code ViewerBrowserIT} in vna-server).
 */
public final class ViewerAcceptHeaders {

    /** The fixture's resource name. */
    public static final String OHIF = "ohif-accept-headers.tsv";

    /**
     * One request kind.
     *
     * @param name   a short name ({@code wado-frames})
     * @param path   below the DICOMweb root, with {@code {study}}, {@code {series}}, {@code {instance}},
     *               {@code {patient}} to fill in
     * @param accept the Accept header value, verbatim
     * @param sentBy what sends it and when
     * @param seen   whether the browser test observed it (else read from the viewer's code only)
     */
    public record Row(String name, String path, String accept, String sentBy, boolean seen) {

        /** The path with the placeholders replaced. */
        public String path(Map<String, String> values) {
            String p = path;
            for (Map.Entry<String, String> e : values.entrySet()) {
                p = p.replace("{" + e.getKey() + "}", e.getValue());
            }
            return p;
        }

        /** The kind of resource the path names (see {@link ViewerAcceptHeaders#kind(String)}). */
        public String kind() {
            return ViewerAcceptHeaders.kind(path);
        }

        @Override
        public String toString() {
            return name + " (" + accept + ")";
        }
    }

    private ViewerAcceptHeaders() {
    }

    /** The OHIF Viewer's rows. */
    public static List<Row> ohif() {
        return read(OHIF);
    }

    /**
     * What a DICOMweb path below the root asks for: {@code search}, {@code metadata},
     * {@code frames}, {@code bulkdata}, {@code rendered}, {@code thumbnail} or {@code retrieve}.
     */
    public static String kind(String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String[] s = p.replaceFirst("^.*?/(studies|series|instances)", "/$1").split("/");
        String last = s[s.length - 1];
        for (String k : new String[] {"metadata", "rendered", "thumbnail"}) {
            if (last.equals(k)) {
                return k;
            }
        }
        for (int i = 0; i < s.length; i++) {
            if (s[i].equals("frames") || s[i].equals("bulkdata")) {
                return s[i];
            }
        }
        // studies | studies/{s}/series | .../instances: searches; studies/{s}[/series/{s}[/instances/{i}]]: retrieves
        return (s.length % 2 == 0) ? "search" : "retrieve";
    }

    static List<Row> read(String resource) {
        try (InputStream in = ViewerAcceptHeaders.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + resource + " not on the class path");
            }
            List<Row> rows = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 5 || !(f[4].equals("seen") || f[4].equals("source"))) {
                    throw new IllegalStateException(resource + ": bad line (5 tab-separated fields, the last seen|source): " + line);
                }
                rows.add(new Row(f[0], f[1], f[2], f[3], f[4].equals("seen")));
            }
            return List.copyOf(rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
