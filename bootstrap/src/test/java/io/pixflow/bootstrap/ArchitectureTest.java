package io.pixflow.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The arrows of DESIGN §1, checked on the compiled classes of every module the server is built from. */
class ArchitectureTest {

    private static final String DOMAIN = "io.pixflow.payment.domain..";
    private static final String APPLICATION = "io.pixflow.payment.application..";
    private static final String ADAPTERS = "io.pixflow.adapter..";
    private static final String BOOTSTRAP = "io.pixflow.bootstrap..";

    private static final JavaClasses PIXFLOW = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.pixflow");

    // Each rule below is only as good as the package names it quotes: a typo would make it pass on nothing.
    @ParameterizedTest
    @ValueSource(strings = {"io.pixflow.payment.domain", "io.pixflow.payment.domain.pix",
            "io.pixflow.payment.domain.port.in", "io.pixflow.payment.domain.port.out",
            "io.pixflow.payment.application", "io.pixflow.adapter.persistence", "io.pixflow.adapter.qrcode",
            "io.pixflow.adapter.rest", "io.pixflow.adapter.websocket", "io.pixflow.adapter.webui",
            "io.pixflow.bootstrap"})
    void everyPackageTheRulesNameHoldsClasses(String packageName) {
        assertThat(PIXFLOW.that(DescribedPredicate.describe("in " + packageName,
                c -> c.getPackageName().equals(packageName)))).isNotEmpty();
    }

    @Test
    void theDomainUsesNothingButTheJdk() {
        noClasses().that().resideInAPackage(DOMAIN)
                .should().dependOnClassesThat().resideOutsideOfPackages(DOMAIN, "java..")
                .check(PIXFLOW);
    }

    @Test
    void theApplicationUsesOnlyTheDomainAndTheJdk() {
        noClasses().that().resideInAPackage(APPLICATION)
                .should().dependOnClassesThat().resideOutsideOfPackages(APPLICATION, DOMAIN, "java..")
                .check(PIXFLOW);
    }

    @Test
    void noAdapterUsesAnotherAdapter() {
        slices().matching("io.pixflow.adapter.(*)..").should().notDependOnEachOther().check(PIXFLOW);
    }

    @Test
    void adaptersTalkToThePortsNotToTheServicesBehindThem() {
        noClasses().that().resideInAPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage(APPLICATION)
                .check(PIXFLOW);
    }

    @Test
    void onlyTheBootstrapKnowsTheBootstrap() {
        noClasses().that().resideOutsideOfPackage(BOOTSTRAP)
                .should().dependOnClassesThat().resideInAPackage(BOOTSTRAP)
                .check(PIXFLOW);
    }

    @Test
    void rulesReadTimeAndRandomnessOnlyFromWhatTheyAreGiven() {
        noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(Clock.class, "systemUTC")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(UUID.class, "randomUUID")
                .check(PIXFLOW);
    }

    @Test
    void namesSayWhatAClassIsNotThatItIsAnImplementation() {
        noClasses().should().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Port")
                .check(PIXFLOW);
    }
}
