package io.quota.territory.domain;

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

/**
 * The domain is plain Java: no framework, and it never reaches into the layers around it; calls flow one way; every
 * REST method names its roles.
 */
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

    /**
     * Every REST method names its roles (DESIGN.md section 6). deny-unannotated-endpoints refuses a forgotten one at
     * run time; this names it at build time.
     */
    @Test
    void everyRestMethodNamesItsRoles() {
        methods().that(new DescribedPredicate<JavaMethod>("answer an HTTP method") {
                    @Override
                    public boolean test(JavaMethod m) {
                        return m.getAnnotations().stream()
                                .anyMatch(a -> a.getRawType().isAnnotatedWith(HttpMethod.class));
                    }
                })
                .should().beAnnotatedWith(RolesAllowed.class)
                .check(CLASSES);
    }
}
