package dev.reprolab;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.testng.annotations.BeforeClass;
import org.testng.annotations.Test;

/**
 * Dependencies point one way: the CLI on top, the run and trial logic below it, the lab backends and the remote
 * transport below those, and the formats and input helpers at the bottom knowing nothing of the rest. Each rule is
 * checked against the compiled main classes, so a new import that breaks one fails here with the offending lines.
 */
public class ArchitectureTest {

    private JavaClasses main;

    @BeforeClass
    public void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.reprolab");
    }

    @Test
    public void topLevelPackagesHaveNoCycles() {
        slices().matching("dev.reprolab.(*)..").should().beFreeOfCycles().check(main);
    }

    /** Bad input below the CLI is {@code dev.reprolab.input.BadInputException}; only the CLI maps it to exit 2. */
    @Test
    public void nothingBelowTheCliDependsOnIt() {
        noClasses().that().resideOutsideOfPackage("dev.reprolab.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.reprolab.cli..").check(main);
    }

    /** The input helpers may use any library (Jackson, SnakeYAML for a syntax error's position), nothing of ours. */
    @Test
    public void inputHelpersDependOnNothingOfTheHarness() {
        classes().that().resideInAPackage("dev.reprolab.input..").should().onlyDependOnClassesThat(
                resideInAPackage("dev.reprolab.input..").or(resideOutsideOfPackage("dev.reprolab.."))).check(main);
    }

    /** Deadlines and the wait helper serve every layer, the sim's included, so they know none. */
    @Test
    public void timeDependsOnNothingOfTheHarness() {
        classes().that().resideInAPackage("dev.reprolab.time..").should().onlyDependOnClassesThat(
                resideInAPackage("dev.reprolab.time..").or(resideOutsideOfPackage("dev.reprolab.."))).check(main);
    }

    /** The Windows formats (parsers and formatters of real output) are shared by the harness and the sim alike. */
    @Test
    public void windowsFormatsKnowNothingOfTheLab() {
        noClasses().that().resideInAPackage("dev.reprolab.windows..").should().dependOnClassesThat().resideInAnyPackage(
                "dev.reprolab.lab..", "dev.reprolab.remote..", "dev.reprolab.sim..", "dev.reprolab.trial..", "dev.reprolab.run..",
                "dev.reprolab.scenario..", "dev.reprolab.catalog..", "dev.reprolab.cli..", "dev.reprolab.report..",
                "dev.reprolab.journal..").check(main);
    }

    /** The sim is a backend, never a shortcut: only the lab's sim backends (and the CLI that serves them) reach into it. */
    @Test
    public void theHarnessDrivesTheSimOnlyThroughTheLabBackend() {
        noClasses().that().resideInAnyPackage("dev.reprolab.trial..", "dev.reprolab.run..", "dev.reprolab.remote..",
                "dev.reprolab.report..", "dev.reprolab.journal..", "dev.reprolab.scenario..", "dev.reprolab.catalog..",
                "dev.reprolab.bisect..", "dev.reprolab.stats..").should().dependOnClassesThat().resideInAPackage("dev.reprolab.sim..")
                .check(main);
    }

    @Test
    public void theRemoteTransportKnowsNoBackend() {
        noClasses().that().resideInAPackage("dev.reprolab.remote..").should().dependOnClassesThat().resideInAnyPackage(
                "dev.reprolab.lab..", "dev.reprolab.trial..", "dev.reprolab.run..", "dev.reprolab.sim..").check(main);
    }
}
