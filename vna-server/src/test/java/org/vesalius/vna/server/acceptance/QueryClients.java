package org.vesalius.vna.server.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.json.DicomJsonReader;

/** The two ways a query-table row is asked: QIDO-RS over HTTP, and dcmtk's findscu. */
final class QueryClients {

    private QueryClients() {
    }

    static int uniqueKey(String level) {
        return switch (level) {
            case "STUDY" -> Tags.StudyInstanceUID;
            case "SERIES" -> Tags.SeriesInstanceUID;
            case "IMAGE" -> Tags.SOPInstanceUID;
            default -> throw new IllegalArgumentException(level);
        };
    }

    /** QIDO-RS at {@code dicomweb} (e.g. {@code http://127.0.0.1:8080/dicomweb}). */
    static final class Qido {
        private final String base;
        private final HttpClient http = HttpClient.newHttpClient();

        Qido(String base) {
            this.base = base;
        }

        /** The unique keys the row's query answers with; fails on anything but a complete 200. */
        Set<String> uids(QueryCase c) {
            Set<String> out = new TreeSet<>();
            for (Dataset d : search(c.level(), query(c.keys()))) {
                out.add(d.getString(uniqueKey(c.level())));
            }
            return out;
        }

        List<Dataset> search(String level, String query) {
            String path = switch (level) {
                case "STUDY" -> "/studies";
                case "SERIES" -> "/series";
                default -> "/instances";
            };
            HttpResponse<byte[]> r = get(path + "?" + query + (query.isEmpty() ? "" : "&") + "limit=10000");
            if (r.statusCode() != 200) {
                throw new AssertionError("QIDO-RS " + path + "?" + query + ": " + r.statusCode() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            if (!r.headers().allValues("Warning").isEmpty()) {
                throw new AssertionError("QIDO-RS " + path + "?" + query + ": " + r.headers().allValues("Warning"));
            }
            try {
                return new DicomJsonReader().readAll(new java.io.ByteArrayInputStream(r.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        HttpResponse<byte[]> get(String pathAndQuery) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery)).header("Accept", "application/dicom+json")
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        static String query(List<QueryCase.Key> keys) {
            List<String> params = new ArrayList<>();
            for (QueryCase.Key k : keys) {
                params.add(k.qidoName() + "=" + URLEncoder.encode(k.qidoValue(), StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return String.join("&", params);
        }
    }

    /** dcmtk findscu, Study Root, UTF-8 keys; responses extracted to files and read back. */
    static final class Findscu {
        private final int port;
        private final String calledAe;
        private final Path work;
        private int runs;

        Findscu(int port, String calledAe, Path work) {
            this.port = port;
            this.calledAe = calledAe;
            this.work = work;
        }

        Set<String> uids(QueryCase c) throws IOException, InterruptedException {
            Path dir = Files.createDirectories(work.resolve("find-" + (++runs)));
            int unique = uniqueKey(c.level());
            List<String> command = new ArrayList<>(List.of("findscu", "-v", "-S", "-aet", "ACCEPTANCE", "-aec", calledAe, "-X", "-od",
                    dir.toString(), "-k", "QueryRetrieveLevel=" + c.level(), "-k", "SpecificCharacterSet=ISO_IR 192"));
            boolean hasUnique = false;
            for (QueryCase.Key k : c.keys()) {
                command.add("-k");
                command.add(k.cfindPath() + "=" + k.cfindValue());
                hasUnique |= k.cfindPath().equals(org.vesalius.dicom.data.ElementDictionary.standard().keywordOf(unique));
            }
            if (!hasUnique) {
                command.add("-k");
                command.add(org.vesalius.dicom.data.ElementDictionary.standard().keywordOf(unique));
            }
            command.add("127.0.0.1");
            command.add(Integer.toString(port));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("findscu.log").toFile()).start();
            int exit = p.waitFor();
            String log = Files.readString(dir.resolve("findscu.log"), StandardCharsets.UTF_8);
            if (exit != 0 || !log.contains("Received Final Find Response (Success)")) {
                throw new AssertionError("findscu for " + c + " failed (" + exit + "):\n" + log);
            }
            Set<String> out = new TreeSet<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("rsp")).toList()) {
                    out.add(DicomReader.read(f).dataset().getString(unique));
                }
            }
            return out;
        }
    }
}
