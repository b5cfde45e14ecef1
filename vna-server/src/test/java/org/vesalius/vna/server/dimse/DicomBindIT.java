package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.vna.server.VnaServerApplication;

/**
 * Where the DICOM listener may listen: on every interface without a {@code vna.dicom.access.*}
 * allow-list the server does not start, and says why; with {@code vna.security.insecure=true} it
 * starts there and admits any calling AE. (The loopback default with no list, admitting every AE,
 * is what every other DIMSE test runs with.)
 */
class DicomBindIT {

    @Test
    void everyInterfaceWithoutAnAllowListRefusesToStart() throws Exception {
        assertThatThrownBy(() -> run("vna.dicom.bind-address=0.0.0.0").close())
                .satisfies(e -> assertThat(causes(e)).anySatisfy(m -> assertThat(m)
                        .contains("vna.dicom.bind-address is every interface").contains("vna.dicom.access")
                        .contains("vna.security.insecure=true")));
    }

    @Test
    void insecureStartsOnEveryInterfaceAndAdmitsAnyCallingAe() throws Exception {
        try (ConfigurableApplicationContext context = run("vna.dicom.bind-address=0.0.0.0", "vna.security.insecure=true")) {
            DicomListener listener = context.getBean(DicomListener.class);
            DimseClient client = DimseClient.of(DicomClient.builder().build());
            try (Association as = client.connect("127.0.0.1", listener.port(),
                    AssociationRequest.builder("ANYONE", "VESALIUS").propose(UID.Verification, UID.ImplicitVRLittleEndian).build())) {
                assertThat(client.echo(as).status().code()).isZero();
                as.release();
            }
        }
    }

    @Test
    void anAllowListMakesEveryInterfaceAcceptable() throws Exception {
        try (ConfigurableApplicationContext context = run("vna.dicom.bind-address=0.0.0.0",
                "vna.dicom.access.MODALITY.rights=echo,store")) {
            assertThat(context.getBean(DicomListener.class).port()).isPositive();
        }
    }

    private static ConfigurableApplicationContext run(String... properties) throws Exception {
        List<String> all = new ArrayList<>(List.of(properties));
        all.add("vna.storage.fs.root=" + Files.createTempDirectory("vna-bind-it-blobs"));
        all.add("vna.ingest.log.directory=" + Files.createTempDirectory("vna-bind-it-log"));
        all.add("vna.dicom.port=0");
        all.add("vna.elasticsearch.url=http://127.0.0.1:9"); // nothing listens: the index is unavailable, which is fine here
        return new SpringApplicationBuilder(VnaServerApplication.class).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }

    private static List<String> causes(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
