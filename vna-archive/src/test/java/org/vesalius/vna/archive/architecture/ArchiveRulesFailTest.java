package org.vesalius.vna.archive.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.archfixture.ToolkitReachingOutFixture;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.dimse.CStoreScp;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.query.CycleQuerySideFixture;
import org.vesalius.vna.archive.update.CycleUpdateSideFixture;

/**
 * Each architecture rule fails when it is broken: it runs against fixture classes of the test
 * tree that break it on purpose (and passes against the same rule's clean counterpart), so a
 * rule that silently checks nothing would show here.
 */
class ArchiveRulesFailTest {

    private static final ClassFileImporter IMPORTER = new ClassFileImporter();

    @Test
    void anEdgeReachingIntoIngestInternalsBreaksTheApiRule() throws ClassNotFoundException {
        JavaClasses classes = IMPORTER.importClasses(
                Class.forName("org.vesalius.vna.archive.dimse.EdgeReachingInFixture"), IngestSettings.class);

        assertThatThrownBy(() -> ArchiveRules.edgesUseOnlyTheApi().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("EdgeReachingInFixture")
                .hasMessageContaining("IngestSettings");
    }

    @Test
    void anApiTypeCarryingAnInternalTypeBreaksTheApiRule() throws ClassNotFoundException {
        JavaClasses classes = IMPORTER.importClasses(Class.forName("org.vesalius.vna.archive.api.ApiLeakFixture"));

        assertThatThrownBy(() -> ArchiveRules.apiStandsAlone().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ApiLeakFixture")
                .hasMessageContaining("IngestSettings");
    }

    @Test
    void aCycleBetweenTwoFeaturePackagesBreaksTheCycleRule() {
        JavaClasses classes = IMPORTER.importClasses(CycleQuerySideFixture.class, CycleUpdateSideFixture.class);

        assertThatThrownBy(() -> ArchiveRules.noPackageCycles().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    @Test
    void aToolkitClassUsingAnArchiveTypeBreaksTheToolkitRule() {
        JavaClasses classes = IMPORTER.importClasses(ToolkitReachingOutFixture.class, PatientId.class);

        assertThatThrownBy(() -> ArchiveRules.toolkitStandsAlone().check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ToolkitReachingOutFixture");
    }

    @Test
    void theRulesPassOnClassesThatKeepThem() {
        // The C-STORE SCP: an edge on the ingest port only.
        JavaClasses clean = IMPORTER.importClasses(CStoreScp.class, IngestSettings.class);

        assertThatCode(() -> ArchiveRules.edgesUseOnlyTheApi().check(clean)).doesNotThrowAnyException();
        assertThatCode(() -> ArchiveRules.noPackageCycles().check(clean)).doesNotThrowAnyException();
    }
}
