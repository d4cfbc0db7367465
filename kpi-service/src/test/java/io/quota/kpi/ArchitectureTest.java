package io.quota.kpi;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.CanBeAnnotated;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * domain/ is pure Java; api/ and messaging/ reach the database only through an application service; every REST
 * method names the roles it admits (nothing under /api is open).
 */
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

    @Test
    void everyRestMethodNamesTheRolesItAdmits() {
        DescribedPredicate<CanBeAnnotated> resourceMethod = annotatedWith(GET.class).or(annotatedWith(POST.class))
                .or(annotatedWith(PUT.class)).or(annotatedWith(DELETE.class)).or(annotatedWith(PATCH.class));
        methods().that(resourceMethod).should().beAnnotatedWith(RolesAllowed.class).check(classes);
        noMethods().should().beAnnotatedWith(PermitAll.class).check(classes);
        noClasses().should().beAnnotatedWith(PermitAll.class).check(classes);
    }
}
