package io.quota.kpi.it;

import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * The callers the tests act as: bearer tokens signed with the test JVM's key, which the app under test trusts
 * (QuotaInfraResource points mp.jwt.verify.publickey.location at it). Valid for an hour, one test run.
 */
final class Callers {
    static final String ADMIN = QuotaInfraResource.token("test-admin", Roles.ADMIN);
    static final String INGEST = QuotaInfraResource.token("test-ingest", Roles.INGEST);
    static final String VIEWER = QuotaInfraResource.token("test-viewer", Roles.VIEWER);

    /** The clock is an admin's. */
    static RequestSpecification asAdmin() {
        return given().auth().oauth2(ADMIN);
    }

    /** Systems posting actuals. */
    static RequestSpecification asIngest() {
        return given().auth().oauth2(INGEST);
    }

    /** Reads everything, unrestricted. */
    static RequestSpecification asViewer() {
        return given().auth().oauth2(VIEWER);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private Callers() {
    }
}
