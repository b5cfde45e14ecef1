package org.vesalius.vna.archive.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the archive, as ArchUnit rules. {@link ArchitectureTest} checks them against
 * the main classes of {@code vna-archive} and the {@code dicom} toolkit; {@link
 * ArchiveRulesFailTest} shows each of them failing on a fixture that breaks it.
 */
final class ArchiveRules {

    static final String ARCHIVE = "org.vesalius.vna.archive..";
    static final String API = "org.vesalius.vna.archive.api..";
    /** The protocol edges inside vna-archive (fhir-facade and vna-server check their own). */
    static final String[] EDGES = {"org.vesalius.vna.archive.dicomweb..", "org.vesalius.vna.archive.dimse.."};

    private ArchiveRules() {
    }

    /** The API stands on its own: no feature, storage or index type of the archive crosses it. */
    static ArchRule apiStandsAlone() {
        return noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat(resideInAPackage(ARCHIVE)
                        .and(not(resideInAPackage(API))))
                .because("edges see the archive through archive.api only, so nothing behind it may leak through it");
    }

    /** Edges use the archive only through {@code archive.api} (besides the edge packages themselves). */
    static ArchRule edgesUseOnlyTheApi() {
        return noClasses().that().resideInAnyPackage(EDGES)
                .should().dependOnClassesThat(resideInAPackage(ARCHIVE)
                        .and(not(resideInAnyPackage(API)))
                        .and(not(resideInAnyPackage(EDGES))))
                .because("protocol edges talk to the archive through its published ports (archive.api), never its internals");
    }

    /** No cycles between the archive's top packages ({@code api}, {@code ingest}, {@code query}, ...). */
    static ArchRule noPackageCycles() {
        return slices().matching("org.vesalius.vna.archive.(*)..").should().beFreeOfCycles()
                .because("features depend one way: edges -> api <- features -> storage/index SPI");
    }

    /** The toolkit stands alone: it never depends on the archive or anything else of the VNA. */
    static ArchRule toolkitStandsAlone() {
        return noClasses().that().resideInAPackage("org.vesalius.dicom..")
                .should().dependOnClassesThat().resideInAPackage("org.vesalius.vna..")
                .because("the dicom toolkit is publishable on its own (docs/architecture.md)");
    }
}
