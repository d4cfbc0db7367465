package io.quota.notification;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
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

    /** With deny-unannotated-endpoints a forgotten annotation fails closed; this names the method at build time. */
    @Test
    void everyRestMethodNamesItsRoles() {
        methods().that(new DescribedPredicate<JavaMethod>("answer an HTTP method") {
                    @Override
                    public boolean test(JavaMethod m) {
                        return m.getAnnotations().stream().anyMatch(a -> a.getRawType().isAnnotatedWith(HttpMethod.class));
                    }
                })
                .should().beAnnotatedWith(RolesAllowed.class)
                .check(CLASSES);
    }

    @Test
    void callsFlowOneWay() {
        noClasses().that().resideInAnyPackage("..notification.application..", "..notification.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("..notification.api..", "..notification.messaging..")
                .check(CLASSES);
    }
}
