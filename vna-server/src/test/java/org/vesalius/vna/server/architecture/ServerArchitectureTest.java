package org.vesalius.vna.server.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The server's protocol edges (controllers, the DICOM listener, the FHIR servlet registration's
 * helpers) use the archive only through {@code archive.api} and the framework-free edge halves in
 * {@code archive.dicomweb} / {@code archive.dimse}. Its configuration classes ({@code
 * *Configuration}, {@code *Properties}) are the wiring: they may call each feature's factory and
 * the storage and index SPI, and are not checked here.
 */
class ServerArchitectureTest {

    /** Packages of the server that hold edges (their configuration classes excepted). */
    static final String[] EDGE_PACKAGES = {
        "org.vesalius.vna.server.dicomweb..", "org.vesalius.vna.server.dimse..",
        "org.vesalius.vna.server.fhir..", "org.vesalius.vna.server.web..",
        "org.vesalius.vna.server.status.."};

    /** What an edge may use of the archive. */
    static final String[] ALLOWED = {
        "org.vesalius.vna.archive.api..", "org.vesalius.vna.archive.dicomweb..", "org.vesalius.vna.archive.dimse.."};

    /**
     * Not an exclusion that goes away: {@code StatusController} is the operator's view of the
     * wiring (whether ingest queues without trying the index, the ingest settings in force), not a
     * protocol edge, so it reads those wiring types on purpose.
     */
    static final DescribedPredicate<JavaClass> OPERATIONS_VIEW =
            named("the operator's status view", "org.vesalius.vna.server.status.StatusController");

    static ArchRule edgesUseOnlyTheArchiveApi(DescribedPredicate<? super JavaClass> exemptEdges) {
        return noClasses().that().resideInAnyPackage(EDGE_PACKAGES)
                .and(not(simpleNameEndingWith("Configuration"))).and(not(simpleNameEndingWith("Properties")))
                .and(not(exemptEdges))
                .should().dependOnClassesThat(resideInAPackage("org.vesalius.vna.archive..")
                        .and(not(resideInAnyPackage(ALLOWED))))
                .because("protocol edges use the archive through archive.api only; wiring goes in *Configuration");
    }

    @Test
    void edgesUseOnlyTheArchiveApi() {
        JavaClasses server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vesalius.vna.server");

        edgesUseOnlyTheArchiveApi(OPERATIONS_VIEW).check(server);
    }

    @Test
    void theRuleFailsForAControllerThatReachesIntoTheArchive() throws ClassNotFoundException {
        JavaClasses fixture = new ClassFileImporter().importClasses(
                Class.forName("org.vesalius.vna.server.dicomweb.ReachingInControllerFixture"));

        assertThatThrownBy(() -> edgesUseOnlyTheArchiveApi(OPERATIONS_VIEW).check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachingInControllerFixture")
                .hasMessageContaining("BlobStore");
    }

    static DescribedPredicate<JavaClass> named(String description, String... classNames) {
        Set<String> names = Set.of(classNames);
        return DescribedPredicate.describe(description, c -> {
            String name = c.getName();
            int nested = name.indexOf('$');
            return names.contains(nested < 0 ? name : name.substring(0, nested));
        });
    }
}
