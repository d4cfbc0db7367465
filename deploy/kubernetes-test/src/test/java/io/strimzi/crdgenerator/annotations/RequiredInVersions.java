package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Same name and shape as Strimzi's own (crd-annotations, not on the Maven mirror here), so the API versions in which
 * io.strimzi:api requires a property can be read by reflection: StrictParser rejects v1 objects that lack one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.FIELD, ElementType.TYPE })
public @interface RequiredInVersions {
    String value();
}
