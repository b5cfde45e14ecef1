package org.vesalius.vna.archive.dicomweb;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The STOW-RS multipart reader on an arbitrary body and boundary: parts whose content streams to
 * the end, or an {@link IOException} (a {@code MultipartException} for a body that is not
 * multipart/related), nothing else. Replayed by {@code ./vna test}, searched by {@code ./vna fuzz}
 * (vna-archive/README.md, "Fuzzing").
 */
class MultipartReaderFuzzTest {

    @FuzzTest(maxExecutions = 100_000)
    void multipartBody(FuzzedDataProvider data) {
        String boundary = data.consumeString(70);
        if (boundary.isEmpty()) {
            return; // StowRs refuses an empty boundary before reading
        }
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(data.consumeRemainingAsBytes()), boundary);
        byte[] sink = new byte[4096];
        try {
            MultipartReader.Part part;
            while ((part = reader.next()) != null) {
                part.contentType();
                InputStream content = part.content();
                while (content.read(sink) >= 0) {
                    // drain the part, as ingest does
                }
            }
        } catch (IOException expected) {
            // the typed answer to a broken body
        }
    }
}
