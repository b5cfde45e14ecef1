package org.vesalius.testsupport.peers;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link OrthancProcess} per test class. Register it on a static field. When Orthanc is not
 * installed, each test is skipped with that reason (failed under CI, see {@code Prerequisites}) (a skip in {@code beforeAll} would hide the
 * whole class from the test reports).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OrthancExtension ORTHANC = new OrthancExtension(() -> OrthancConfig.builder()
 *         .modality("STORESCP", STORESCP_PORT).build());
 * ...
 * ORTHANC.get().dicomPort()
 * }</pre>
 *
 * <p>The configuration is built in {@code beforeAll}, so it may use ports chosen in static
 * initializers. Orthanc starts before the class's {@code @BeforeAll} methods run and stops after
 * its {@code @AfterAll} methods.
 */
public final class OrthancExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Supplier<OrthancConfig> config;
    private OrthancProcess orthanc;

    public OrthancExtension() {
        this(OrthancConfig::defaults);
    }

    public OrthancExtension(Supplier<OrthancConfig> config) {
        this.config = config;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (OrthancProcess.available()) {
            orthanc = OrthancProcess.start(config.get());
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        OrthancProcess.require();
    }

    /** True between beforeAll and afterAll when Orthanc is installed. */
    public boolean running() {
        return orthanc != null;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (orthanc != null) {
            orthanc.close();
            orthanc = null;
        }
    }

    /** The running Orthanc (between beforeAll and afterAll). */
    public OrthancProcess get() {
        if (orthanc == null) {
            throw new IllegalStateException("Orthanc is not running: register the extension on a static field");
        }
        return orthanc;
    }
}
