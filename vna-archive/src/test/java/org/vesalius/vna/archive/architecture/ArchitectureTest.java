package org.vesalius.vna.archive.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The archive's layering holds for the main classes of vna-archive and the dicom toolkit
 * ({@link ArchiveRules}). Plain JUnit tests over one import rather than ArchUnit's own engine,
 * so that Surefire's {@code -Dtest=} filters select them like any other test.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.vesalius.vna.archive", "org.vesalius.dicom");
    }

    @Test
    void edgesUseOnlyTheArchiveApi() {
        ArchiveRules.edgesUseOnlyTheApi().check(classes);
    }

    @Test
    void theApiCarriesNoInternalType() {
        ArchiveRules.apiStandsAlone().check(classes);
    }

    @Test
    void noPackageCyclesInTheArchive() {
        ArchiveRules.noPackageCycles().check(classes);
    }

    @Test
    void theToolkitNeverDependsOnTheVna() {
        ArchiveRules.toolkitStandsAlone().check(classes);
    }
}
