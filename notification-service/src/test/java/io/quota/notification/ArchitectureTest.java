package io.quota.notification;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** domain/ is plain Java: no framework, and none of the layers that use it. */
class ArchitectureTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.quota.notification");

    @Test
    void domainImportsNoFramework() {
        noClasses().that().resideInAPackage("..notification.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.persistence..",
                        "io.quarkus..", "io.smallrye..", "org.hibernate..", "com.fasterxml..", "org.eclipse..",
                        "org.apache.kafka..", "org.jboss..", "io.quota.platform..")
                .check(CLASSES);
    }

    @Test
    void domainImportsNoOtherLayer() {
        noClasses().that().resideInAPackage("..notification.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..notification.api..",
                        "..notification.messaging..", "..notification.persistence..", "..notification.application..")
                .check(CLASSES);
    }

    @Test
    void callsFlowOneWay() {
        noClasses().that().resideInAnyPackage("..notification.application..", "..notification.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("..notification.api..", "..notification.messaging..")
                .check(CLASSES);
    }
}
