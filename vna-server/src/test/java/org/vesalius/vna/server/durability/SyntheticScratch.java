package org.vesalius.vna.server.durability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.server.process.Checkout;

/**
 * What a process test of the real server against Elasticsearch starts from: the test
 * Elasticsearch and the server jar required (else the test skips), a scratch directory with a
 * seeded synthetic data set in {@code data-set/}, and the DIMSE log at WARN meanwhile (a line per
 * association of the checks would drown the output). {@link #close()} restores the log level and
 * removes the directory.
 *
 * @param directory the scratch directory (servers and Elasticsearch put their data under it)
 * @param dataSet   the synthetic data set's directory
 * @param entries   its instances, as its manifest lists them
 */
record SyntheticScratch(Path directory, Path dataSet, List<Entry> entries, Level dimseLevel) implements AutoCloseable {

    private static final Logger DIMSE_LOG = (Logger) LoggerFactory.getLogger("org.vesalius.dicom.net");

    static SyntheticScratch create(String name, int instances, long seed) throws IOException {
        TestElasticsearch.require();
        Checkout.requireServerJar();
        Path directory = Checkout.newScratchDirectory(name);
        Path dataSet = directory.resolve("data-set");
        SyntheticDataSet.generate(dataSet, SyntheticOptions.of(instances).withSeed(seed));
        List<Entry> entries = SyntheticManifest.read(dataSet);
        Level level = DIMSE_LOG.getLevel();
        DIMSE_LOG.setLevel(Level.WARN);
        return new SyntheticScratch(directory, dataSet, entries, level);
    }

    @Override
    public void close() {
        DIMSE_LOG.setLevel(dimseLevel);
        FileSystemUtils.deleteRecursively(directory.toFile());
    }
}
