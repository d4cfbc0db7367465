package io.quota.territory.domain;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain is plain Java: no framework, and it never reaches into the layers around it. */
class DomainPurityTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.quota.territory");

    @Test
    void domainImportsNoFramework() {
        noClasses().that().resideInAPackage("io.quota.territory.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "io.quarkus..",
                        "org.hibernate..", "com.fasterxml..", "org.eclipse.microprofile..", "io.smallrye..",
                        "io.vertx..", "org.apache.kafka..", "io.quota.platform..")
                .because("domain rules are unit tested without infrastructure")
                .check(CLASSES);
    }

    @Test
    void domainDependsOnNoOuterLayer() {
        noClasses().that().resideInAPackage("io.quota.territory.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quota.territory.api..",
                        "io.quota.territory.application..", "io.quota.territory.persistence..",
                        "io.quota.territory.messaging..")
                .check(CLASSES);
    }

    @Test
    void callsFlowOneWay() {
        noClasses().that().resideInAnyPackage("io.quota.territory.persistence..", "io.quota.territory.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quota.territory.api..",
                        "io.quota.territory.messaging..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.quota.territory.persistence..")
                .should().dependOnClassesThat().resideInAPackage("io.quota.territory.application..")
                .check(CLASSES);
    }
}
