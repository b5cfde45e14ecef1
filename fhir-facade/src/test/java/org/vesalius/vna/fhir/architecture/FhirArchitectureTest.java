package org.vesalius.vna.fhir.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The FHIR facade is an edge: it reads the archive only through {@code archive.api} (the query
 * port and its model), never the archive's internals, storage or index adapters.
 */
class FhirArchitectureTest {

    static ArchRule facadeUsesOnlyTheArchiveApi() {
        return noClasses().that().resideInAPackage("org.vesalius.vna.fhir..")
                .should().dependOnClassesThat(resideInAPackage("org.vesalius.vna..")
                        .and(not(resideInAPackage("org.vesalius.vna.archive.api..")))
                        .and(not(resideInAPackage("org.vesalius.vna.fhir.."))))
                .because("the FHIR facade is an edge: it talks to the archive through archive.api only");
    }

    /** Plain JUnit over one import (not ArchUnit's engine), so that {@code -Dtest=} selects it. */
    @Test
    void fhirUsesOnlyTheArchiveApi() {
        var facade = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vesalius.vna.fhir");

        facadeUsesOnlyTheArchiveApi().check(facade);
    }

    /** The rule fails on a class that reaches into the archive (this test's own fixture). */
    @Test
    void theRuleFailsWhenTheFacadeReachesIntoTheArchive() {
        var classes = new ClassFileImporter().importClasses(ReachingInFixture.class);

        assertThatThrownBy(() -> facadeUsesOnlyTheArchiveApi().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachingInFixture")
                .hasMessageContaining("QueryFeature");
    }

    /** Breaks the rule on purpose: builds a query port from the archive's internals. */
    static final class ReachingInFixture {
        Object build() {
            return org.vesalius.vna.archive.query.QueryFeature.create(null, 1);
        }
    }
}
