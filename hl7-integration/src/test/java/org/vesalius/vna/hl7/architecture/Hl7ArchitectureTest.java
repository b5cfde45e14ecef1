package org.vesalius.vna.hl7.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The HL7 module is an edge: it changes the archive only through {@code archive.api} (the update
 * port and its values), never the archive's internals, storage or index adapters.
 */
class Hl7ArchitectureTest {

    static ArchRule edgeRule() {
        return noClasses().that().resideInAPackage("org.vesalius.vna.hl7..")
                .should().dependOnClassesThat(resideInAPackage("org.vesalius.vna..")
                        .and(not(resideInAPackage("org.vesalius.vna.archive.api..")))
                        .and(not(resideInAPackage("org.vesalius.vna.hl7.."))))
                .because("hl7-integration is an edge: it talks to the archive through archive.api only");
    }

    @Test
    void hl7UsesOnlyTheArchiveApi() {
        var module = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vesalius.vna.hl7");

        edgeRule().check(module);
    }

    @Test
    void theRuleFailsWhenTheModuleReachesIntoTheArchive() {
        var classes = new ClassFileImporter().importClasses(ReachingInFixture.class);

        assertThatThrownBy(() -> edgeRule().check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("ReachingInFixture").hasMessageContaining("OwnerOnly");
    }

    /** Breaks the rule on purpose: uses the archive's storage internals. */
    static final class ReachingInFixture {
        Object build() {
            return org.vesalius.vna.archive.storage.OwnerOnly.file(java.nio.file.Path.of("x"));
        }
    }
}
