package io.mtgo.storage.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layout of README's "Architecture", enforced: the API and the SPI know no backend and
 * no auto-configuration, a backend knows no other backend, interop works through the API only, and
 * nothing but the auto-configuration depends on it.
 */
class PackageDependencyTests {

    private static final String API = "io.mtgo.storage";

    private static final String SPI = "io.mtgo.storage.spi..";

    private static final String INTEROP = "io.mtgo.storage.interop..";

    private static final String AUTOCONFIGURE = "io.mtgo.storage.autoconfigure..";

    /** Backends other than memory, which is part of the core ({@code Storages.memory} uses it). */
    private static final String[] OPTIONAL_BACKENDS = { "io.mtgo.storage.jdbc..", "io.mtgo.storage.mongodb..",
            "io.mtgo.storage.redis.." };

    private static JavaClasses library;

    @BeforeAll
    static void importTheLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mtgo.storage");
    }

    @Test
    void apiDependsOnNoBackendInteropOrAutoConfiguration() {
        check(noClasses().that().resideInAPackage(API).should().dependOnClassesThat()
            .resideInAnyPackage(concat(OPTIONAL_BACKENDS, INTEROP, AUTOCONFIGURE)));
    }

    @Test
    void spiDependsOnNoBackendInteropOrAutoConfiguration() {
        check(noClasses().that().resideInAPackage(SPI).should().dependOnClassesThat()
            .resideInAnyPackage(concat(OPTIONAL_BACKENDS, "io.mtgo.storage.memory..", INTEROP, AUTOCONFIGURE)));
    }

    @Test
    void backendsDependOnNoOtherBackend() {
        check(slices().matching("io.mtgo.storage.(jdbc|memory|mongodb|redis)..").should().notDependOnEachOther());
    }

    @Test
    void backendsAndInteropDependOnNoAutoConfiguration() {
        check(noClasses().that().resideInAnyPackage(concat(OPTIONAL_BACKENDS, "io.mtgo.storage.memory..", INTEROP))
            .should().dependOnClassesThat().resideInAPackage(AUTOCONFIGURE));
    }

    @Test
    void interopUsesNoBackend() {
        check(noClasses().that().resideInAPackage(INTEROP).should().dependOnClassesThat()
            .resideInAnyPackage(concat(OPTIONAL_BACKENDS, "io.mtgo.storage.memory..")));
    }

    private static void check(ArchRule rule) {
        rule.check(library);
    }

    private static String[] concat(String[] packages, String... more) {
        String[] all = new String[packages.length + more.length];
        System.arraycopy(packages, 0, all, 0, packages.length);
        System.arraycopy(more, 0, all, packages.length, more.length);
        return all;
    }

}
