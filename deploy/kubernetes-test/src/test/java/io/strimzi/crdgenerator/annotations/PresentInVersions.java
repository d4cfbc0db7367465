package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Same name and shape as Strimzi's own (crd-annotations, not on the Maven mirror here), so the API versions that
 * io.strimzi:api marks on each property can be read by reflection: StrictParser rejects a property absent from v1.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.FIELD, ElementType.TYPE })
public @interface PresentInVersions {
    String value();
}
