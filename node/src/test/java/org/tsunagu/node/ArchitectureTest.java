package org.tsunagu.node;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the node's shape (docs/ARCHITECTURE.md): no import runs back up the layers. The rules read
 * the compiled main classes (tests may use any package, e.g. NodeAssembly); a rule that fails names
 * the class and the forbidden dependency.
 */
@AnalyzeClasses(packages = "org.tsunagu.node", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String NODE = "org.tsunagu.node..";
    private static final String HOME = "org.tsunagu.node.home..";
    private static final String DB = "org.tsunagu.node.db..";

    /** The floor of the house: the node's home (folder, keys, token) and the database, used by all. */
    @ArchTest
    static final ArchRule homeAndDb_anyDependency_staysInTheFloor = classes()
            .that()
            .resideInAnyPackage(HOME, DB)
            .should()
            .onlyDependOnClassesThat(resideOutsideOfPackage(NODE).or(resideInAnyPackage(HOME, DB)))
            .as("home and db depend on no other node package");

    /** The composition root is used only by the process entry and the commands. */
    @ArchTest
    static final ArchRule app_dependents_areOnlyMainAndCli = noClasses()
            .that()
            .resideOutsideOfPackages("org.tsunagu.node.app..", "org.tsunagu.node.cli..")
            .and()
            .doNotHaveFullyQualifiedName(Main.class.getName())
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tsunagu.node.app..")
            .as("only Main and cli use app (the composition root)");

    /** cli only parses commands: nothing but the entry point calls into it. */
    @ArchTest
    static final ArchRule cli_dependents_areOnlyMain = noClasses()
            .that()
            .resideOutsideOfPackage("org.tsunagu.node.cli..")
            .and()
            .doNotHaveFullyQualifiedName(Main.class.getName())
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tsunagu.node.cli..")
            .as("only Main uses cli");

    /** The admin API sits on top of the feature rooms: they never reach up into it. */
    @ArchTest
    static final ArchRule admin_dependents_areOnlyAppAndCli = noClasses()
            .that()
            .resideOutsideOfPackages("org.tsunagu.node.admin..", "org.tsunagu.node.app..", "org.tsunagu.node.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.tsunagu.node.admin..")
            .as("only app and cli use admin");

    /** Each room may use rooms below it, never one that (through others) uses it back. */
    @ArchTest
    static final ArchRule featurePackages_dependencies_haveNoCycles =
            slices().matching("org.tsunagu.node.(*)..").should().beFreeOfCycles();
}
