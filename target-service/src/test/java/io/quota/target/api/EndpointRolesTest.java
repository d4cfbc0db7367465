package io.quota.target.api;

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
 * Every REST method names the roles it admits (DESIGN.md section 6); nothing under /api is open. The app also
 * refuses unannotated endpoints at run time (quarkus.security.jaxrs.deny-unannotated-endpoints), this says so
 * at build time.
 */
class EndpointRolesTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.quota.target");

    @Test
    void everyRestMethodNamesTheRolesItAdmits() {
        DescribedPredicate<CanBeAnnotated> resourceMethod = annotatedWith(GET.class).or(annotatedWith(POST.class))
                .or(annotatedWith(PUT.class)).or(annotatedWith(DELETE.class)).or(annotatedWith(PATCH.class));
        methods().that(resourceMethod).should().beAnnotatedWith(RolesAllowed.class).check(CLASSES);
        noMethods().should().beAnnotatedWith(PermitAll.class).check(CLASSES);
        noClasses().should().beAnnotatedWith(PermitAll.class).check(CLASSES);
    }
}
