package dev.baas.server.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The module borders of the architecture, checked on the compiled classes of every module. */
class BordersTest {
    static JavaClasses production;

    /** Plugins see the contract (and the browser runtime), never the engine or the server. */
    static final ArchRule PLUGINS_USE_THE_CONTRACT_ONLY = noClasses()
            .that().resideInAnyPackage("dev.baas.adapter..", "dev.baas.stt..", "dev.baas.sandbox..", "dev.baas.browser..", "dev.baas.tck..", "dev.baas.calendar..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.baas.core..", "dev.baas.server..")
            .because("plugins compile against baas-spi (and baas-browser) alone")
            .allowEmptyShould(true);

    static final ArchRule CORE_KNOWS_NO_WEB_FRAMEWORK = noClasses()
            .that().resideInAPackage("dev.baas.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "dev.baas.server..", "com.microsoft.playwright..")
            .because("the engine embeds in any Java application");

    static final ArchRule NOTHING_DEPENDS_ON_THE_SERVER = noClasses()
            .that().resideOutsideOfPackages("dev.baas.server..", "dev.baas.bench..")
            .should().dependOnClassesThat().resideInAPackage("dev.baas.server..");

    static final ArchRule SPI_IS_JDK_ONLY = classes()
            .that().resideInAPackage("dev.baas.spi..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.baas.spi..", "java..")
            .because("baas-spi has no third-party dependency");

    static final ArchRule ONLY_THE_SERVER_KNOWS_HELIDON = noClasses()
            .that().resideOutsideOfPackage("dev.baas.server..")
            .should().dependOnClassesThat().resideInAPackage("io.helidon..");

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.baas");
    }

    @Test void pluginsUseTheContractOnly() { PLUGINS_USE_THE_CONTRACT_ONLY.check(production); }

    @Test void coreKnowsNoWebFramework() { CORE_KNOWS_NO_WEB_FRAMEWORK.check(production); }

    @Test void nothingDependsOnTheServer() { NOTHING_DEPENDS_ON_THE_SERVER.check(production); }

    @Test void spiIsJdkOnly() { SPI_IS_JDK_ONLY.check(production); }

    @Test void onlyTheServerKnowsHelidon() { ONLY_THE_SERVER_KNOWS_HELIDON.check(production); }

    /** The rule is not vacuous: a plugin class that reaches into the engine breaks it. */
    @Test
    void theRulesFailWhenABorderIsCrossed() {
        JavaClasses withViolation = new ClassFileImporter()
                .importClasses(dev.baas.adapter.archfixture.AdapterReachingIntoCore.class, dev.baas.core.Baas.class);
        assertThrows(AssertionError.class, () -> PLUGINS_USE_THE_CONTRACT_ONLY.check(withViolation));
        JavaClasses spiViolation = new ClassFileImporter()
                .importClasses(dev.baas.adapter.archfixture.AdapterReachingIntoCore.class);
        assertThrows(AssertionError.class, () -> ONLY_THE_SERVER_KNOWS_HELIDON.check(new ClassFileImporter()
                .importClasses(dev.baas.adapter.archfixture.AdapterUsingHelidon.class)));
        assertThrows(AssertionError.class, () -> NOTHING_DEPENDS_ON_THE_SERVER.check(new ClassFileImporter()
                .importClasses(dev.baas.adapter.archfixture.AdapterUsingTheServer.class)));
        assertThrows(AssertionError.class, () -> CORE_KNOWS_NO_WEB_FRAMEWORK.check(new ClassFileImporter()
                .importClasses(dev.baas.core.archfixture.CoreUsingHelidon.class)));
        assertThrows(AssertionError.class, () -> SPI_IS_JDK_ONLY.check(new ClassFileImporter()
                .importClasses(dev.baas.spi.archfixture.SpiUsingJackson.class)));
        assertThrows(AssertionError.class, () -> PLUGINS_USE_THE_CONTRACT_ONLY.check(spiViolation));
    }
}
