package dev.baton.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import dev.baton.handoff.violations.HandsOffWithSshj;
import dev.baton.handoff.violations.PrintsAndLogsItsOwnWay;
import dev.baton.handoff.violations.ReadsSeedsUntagged;
import dev.baton.runbook.Seeds;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code, checked on the compiled classes: the window and the command line are thin faces
 * over one application layer ({@code session}), which calls the core feature packages. Each rule says what
 * to move when it fails.
 */
class ArchitectureTest {
    private static final String[] CORE = {"dev.baton.runbook..", "dev.baton.step..", "dev.baton.render..",
        "dev.baton.ssh..", "dev.baton.inventory..", "dev.baton.terminal..", "dev.baton.incident..",
        "dev.baton.handoff..", "dev.baton.sources..", "dev.baton.query..", "dev.baton.alerts..",
        "dev.baton.ansible..", "dev.baton.team..", "dev.baton.history.."};

    private static final JavaClasses BATON = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.baton");

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Entry point").definedBy("dev.baton")
            .layer("Window").definedBy("dev.baton.ui..")
            .layer("Command line").definedBy("dev.baton.cli..")
            .layer("Session").definedBy("dev.baton.session..")
            .layer("Core").definedBy(CORE)
            .whereLayer("Entry point").mayNotBeAccessedByAnyLayer()
            .whereLayer("Window").mayOnlyBeAccessedByLayers("Entry point")
            .whereLayer("Command line").mayOnlyBeAccessedByLayers("Entry point")
            .whereLayer("Session").mayOnlyBeAccessedByLayers("Window", "Command line", "Entry point")
            .because("workflows both faces use belong in dev.baton.session, models and mechanisms in the core "
                    + "packages; a core class that needs the session or a face is in the wrong package");

    static final ArchRule NO_CYCLES = slices().matching("dev.baton.(*)..").should().beFreeOfCycles()
            .because("a feature package that needs another's internals and is needed back should be merged or "
                    + "split along the data's way: runbook → step → target → result → timeline → bundle");

    static final ArchRule NO_JAVAFX_BELOW_THE_WINDOW = noClasses().that().resideOutsideOfPackage("dev.baton.ui..")
            .and().resideOutsideOfPackage("dev.baton")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.techsenger.jeditermfx.ui..",
                    "atlantafx..")
            .because("everything but the window runs and is tested without a display: move the JavaFX part "
                    + "into dev.baton.ui and hand it the core's result");

    static final ArchRule SSHJ_ONLY_IN_SSH = noClasses().that().resideOutsideOfPackage("dev.baton.ssh..")
            .should().dependOnClassesThat().resideInAnyPackage("net.schmizz..", "com.hierynomus..")
            .because("sshj's types stay in dev.baton.ssh: wrap what you need there (as SshConnection, "
                    + "SshSignature and NodeRun do) and pass Baton's own types out");

    static final ArchRule STANDARD_STREAMS_ONLY_IN_CLI = noClasses().that().resideOutsideOfPackage("dev.baton.cli..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("only the command line prints; elsewhere return the text, or log it through SLF4J");

    static final ArchRule SLF4J_ONLY = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.util.logging..", "org.apache.commons.logging..", "org.apache.log4j..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
            .because("Baton logs through SLF4J (Logback behind it), so one configuration sees every line");

    static final ArchRule NO_TRUST_EVERY_HOST_KEY = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName("net.schmizz.sshj.transport.verification.PromiscuousVerifier")
            .because("host keys are checked as OpenSSH does, in tests too: use BatonHostKeyVerifier with a "
                    + "known_hosts file that holds the test server's key");

    static final ArchRule EVENTS_ARE_TYPED = noClasses().that().resideOutsideOfPackage("dev.baton.incident..")
            .should().callMethod(dev.baton.incident.Timeline.class, "append", String.class, Map.class)
            .because("timeline lines are written from IncidentEvent records (Timeline.append(IncidentEvent)), "
                    + "converted in one place, IncidentEvents");

    /** A test that reads the external collections runs only when they are given: its clone may not have them. */
    static final ArchRule SEED_TESTS_ARE_OPT_IN = methods().that(callTheSeedCollections())
            .should(beTaggedSeeds())
            .because("the suite passes on a clone without the external seed collections: a test that reads them "
                    + "carries @Tag(Seeds.TAG) (on the method or its class) and runs only with -Dbaton.seeds=DIR; "
                    + "what it checks of Baton's own runbooks belongs in a test of its own, untagged");

    private static DescribedPredicate<JavaMethod> callTheSeedCollections() {
        Set<String> reading = Set.of("folder", "file", "parse");
        return DescribedPredicate.describe("read the seed collections", method -> !method.getOwner()
                .isEquivalentTo(Seeds.class) && method.getMethodCallsFromSelf().stream()
                .anyMatch(call -> call.getTargetOwner().isEquivalentTo(Seeds.class)
                        && reading.contains(call.getName())));
    }

    private static ArchCondition<JavaMethod> beTaggedSeeds() {
        return new ArchCondition<>("be tagged " + Seeds.TAG) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean tagged = taggedSeeds(method) || taggedSeeds(method.getOwner());
                events.add(new SimpleConditionEvent(method, tagged, method.getFullName() + " reads the seed "
                        + "collections without @Tag(Seeds.TAG)"));
            }
        };
    }

    private static boolean taggedSeeds(CanBeAnnotated element) {
        return element.isAnnotatedWith(DescribedPredicate.describe("@Tag(seeds)",
                annotation -> annotation.getRawType().isEquivalentTo(Tag.class)
                        && annotation.get("value").map(Seeds.TAG::equals).orElse(false)));
    }

    @Test
    void theFacesCallTheSessionWhichCallsTheCore() {
        LAYERS.check(BATON);
    }

    @Test
    void packagesHaveNoCycles() {
        NO_CYCLES.check(BATON);
    }

    @Test
    void onlyTheWindowUsesJavaFx() {
        NO_JAVAFX_BELOW_THE_WINDOW.check(BATON);
    }

    @Test
    void sshjStaysInTheSshPackage() {
        SSHJ_ONLY_IN_SSH.check(BATON);
    }

    @Test
    void onlyTheCommandLinePrints() {
        STANDARD_STREAMS_ONLY_IN_CLI.check(BATON);
    }

    @Test
    void loggingGoesThroughSlf4j() {
        SLF4J_ONLY.check(BATON);
    }

    @Test
    void noCodeTrustsEveryHostKeyTestsIncluded() {
        NO_TRUST_EVERY_HOST_KEY.check(new ClassFileImporter()
                .withImportOption(location -> !location.contains("/violations/"))
                .importPackages("dev.baton"));
    }

    @Test
    void timelineLinesAreWrittenFromTypedEvents() {
        EVENTS_ARE_TYPED.check(BATON);
    }

    @Test
    void testsOfTheSeedCollectionsAreOptIn() {
        SEED_TESTS_ARE_OPT_IN.check(new ClassFileImporter()
                .withImportOption(location -> !location.contains("/violations/"))
                .importPackages("dev.baton"));
    }

    /** The rules are not vacuous: classes written to break them (in the test tree only) are caught. */
    @Test
    void deliberateViolationsFail() {
        JavaClasses violations = new ClassFileImporter().importClasses(HandsOffWithSshj.class,
                PrintsAndLogsItsOwnWay.class);
        assertThat(SSHJ_ONLY_IN_SSH.evaluate(violations).hasViolation()).isTrue();
        assertThat(STANDARD_STREAMS_ONLY_IN_CLI.evaluate(violations).hasViolation()).isTrue();
        assertThat(SLF4J_ONLY.evaluate(violations).hasViolation()).isTrue();
        assertThat(NO_TRUST_EVERY_HOST_KEY.evaluate(violations).hasViolation()).isTrue();
        assertThat(EVENTS_ARE_TYPED.evaluate(violations).hasViolation()).isTrue();
        assertThat(NO_JAVAFX_BELOW_THE_WINDOW.evaluate(violations).hasViolation()).isTrue();
        assertThat(SEED_TESTS_ARE_OPT_IN.evaluate(new ClassFileImporter().importClasses(ReadsSeedsUntagged.class))
                .hasViolation()).isTrue();

        JavaClasses coreCallingSession = new ClassFileImporter().importClasses(HandsOffWithSshj.class,
                dev.baton.session.IncidentSession.class);
        assertThat(LAYERS.evaluate(coreCallingSession).hasViolation()).isTrue();
    }
}
