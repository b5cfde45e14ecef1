package org.vesalius.vna.archive.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading {@link WadoResponse}s in tests. */
final class WadoResponses {

    record Part(Map<String, String> headers, byte[] content) {
    }

    private WadoResponses() {
    }

    static byte[] body(WadoResponse r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((WadoResponse.Content) r).body().writeTo(out);
        return out.toByteArray();
    }

    static List<Part> parts(WadoResponse r) throws IOException {
        WadoResponse.Content c = (WadoResponse.Content) r;
        String boundary = MediaType.parse(c.contentType()).orElseThrow().parameter("boundary").orElseThrow();
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body(r)), boundary);
        List<Part> parts = new ArrayList<>();
        for (MultipartReader.Part p = reader.next(); p != null; p = reader.next()) {
            parts.add(new Part(p.headers(), p.content().readAllBytes()));
        }
        return parts;
    }

    static String header(WadoResponse r, String name) {
        return r.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(WadoResponse.Header::value).findFirst().orElse(null);
    }
}
