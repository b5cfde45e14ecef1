package org.vesalius.dicom.tool.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;

/**
 * dcmtk's dcmdump, the reference parser, reads generated files without an error and sees the
 * identifiers and names the manifest lists (names converted to UTF-8 by dcmdump itself, from
 * whichever Specific Character Set the file declares). A sample: every file of each
 * modality, transfer syntax and character set combination's first instance, and every 25th.
 */
class SyntheticDataSetDcmdumpIT {

    @TempDir
    Path dir;

    @Test
    void dcmdumpReadsASampleWithoutErrorsAndSeesWhatTheManifestSays() throws Exception {
        Dcmtk.require("dcmdump");
        SyntheticDataSet.generate(dir, SyntheticOptions.of(600).withSeed(5));
        List<Entry> entries = SyntheticManifest.read(dir);
        Map<String, Entry> sample = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            sample.putIfAbsent(e.modality() + "|" + e.transferSyntaxUid() + "|" + e.specificCharacterSet(), e);
            if (i % 25 == 0) {
                sample.putIfAbsent(e.file(), e);
            }
        }
        assertThat(sample).hasSizeGreaterThan(30);
        List<String> problems = new ArrayList<>();
        for (Entry e : sample.values()) {
            Dcmtk.Result r = Dcmtk.run(List.of("dcmdump", "+U8", dir.resolve(e.file()).toString()));
            String out = new String(r.stdout().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (!r.ok()) {
                problems.add(e.file() + ": dcmdump failed: " + r.stderr());
            } else if (!out.contains("[" + e.sopInstanceUid() + "]") || !out.contains("[" + e.patientName() + "]")
                    || !out.contains("[" + e.patientId() + "]")) {
                problems.add(e.file() + ": dcmdump does not show " + e.sopInstanceUid() + " / " + e.patientName());
            }
        }
        assertThat(problems).isEmpty();
    }
}
