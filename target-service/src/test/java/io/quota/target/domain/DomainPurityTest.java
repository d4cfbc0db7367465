package io.quota.target.domain;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain is pure Java: no framework, and none of the layers that use it. */
class DomainPurityTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.quota.target");

    @Test
    void theDomainImportsNoFramework() {
        noClasses().that().resideInAPackage("io.quota.target.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.persistence..",
                        "io.quarkus..", "io.smallrye..", "org.hibernate..", "com.fasterxml..", "org.apache.kafka..",
                        "org.eclipse.microprofile..", "io.quota.platform..")
                .check(CLASSES);
    }

    @Test
    void theDomainDoesNotKnowTheLayersAroundIt() {
        noClasses().that().resideInAPackage("io.quota.target.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quota.target.api..",
                        "io.quota.target.application..", "io.quota.target.messaging..", "io.quota.target.persistence..")
                .check(CLASSES);
    }

    @Test
    void callsFlowOneWayThroughTheApplication() {
        noClasses().that().resideInAnyPackage("io.quota.target.api..", "io.quota.target.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.quota.target.persistence..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.quota.target.api..")
                .should().dependOnClassesThat().resideInAPackage("io.quota.target.messaging..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.quota.target.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.quota.target.api..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.quota.target.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quota.target.api..",
                        "io.quota.target.messaging..", "io.quota.target.application..")
                .check(CLASSES);
    }
}
