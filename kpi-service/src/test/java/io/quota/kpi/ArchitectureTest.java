package io.quota.kpi;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** domain/ is pure Java; api/ and messaging/ reach the database only through an application service. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.quota.kpi");

    @Test
    void theDomainImportsNoFrameworkAndNoOuterLayer() {
        noClasses().that().resideInAPackage("io.quota.kpi.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax..", "io.quarkus..",
                        "org.hibernate..", "com.fasterxml.jackson..", "io.smallrye..", "org.eclipse.microprofile..",
                        "org.apache.kafka..", "io.quota.platform..", "io.quota.kpi.api..", "io.quota.kpi.messaging..",
                        "io.quota.kpi.persistence..", "io.quota.kpi.application..")
                .check(classes);
    }

    @Test
    void restAndConsumersGoThroughTheApplicationLayer() {
        noClasses().that().resideInAnyPackage("io.quota.kpi.api..", "io.quota.kpi.messaging..")
                .should().dependOnClassesThat().resideInAPackage("io.quota.kpi.persistence..")
                .check(classes);
    }

    @Test
    void theApplicationLayerKnowsNoRestOrConsumer() {
        noClasses().that().resideInAPackage("io.quota.kpi.application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quota.kpi.api..", "io.quota.kpi.messaging..")
                .check(classes);
    }
}
