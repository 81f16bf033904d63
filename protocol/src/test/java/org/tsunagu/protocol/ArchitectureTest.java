package org.tsunagu.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps protocol/ reusable by other implementations: it depends on the JDK, Jackson and BouncyCastle
 * only (never on the node or any other library), and its sub-packages use each other without cycles.
 */
@AnalyzeClasses(packages = "org.tsunagu.protocol", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule protocol_anyDependency_isJdkJacksonOrBouncyCastle = classes()
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "org.tsunagu.protocol..", "java..", "javax..", "com.fasterxml.jackson..", "org.bouncycastle..")
            .as("protocol depends only on the JDK, Jackson and BouncyCastle");

    @ArchTest
    static final ArchRule subPackages_dependencies_haveNoCycles =
            slices().matching("org.tsunagu.protocol.(*)..").should().beFreeOfCycles();
}
