package org.vesalius.dicom.testdata;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link OrthancProcess} per test class. Register it on a static field; the class is skipped
 * when Orthanc is not installed.
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
public final class OrthancExtension implements BeforeAllCallback, AfterAllCallback {

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
        OrthancProcess.require();
        orthanc = OrthancProcess.start(config.get());
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
