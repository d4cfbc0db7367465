package io.quota.territory;

import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/**
 * The callers the tests act as: bearer tokens signed with the test JVM's key, which the app under test trusts
 * (QuotaInfraResource points mp.jwt.verify.publickey.location at it). Valid for an hour, one test run.
 */
public final class Callers {
    public static final String PLANNER_NAME = "test-planner";
    public static final String ADMIN_NAME = "test-admin";
    public static final String PLANNER = QuotaInfraResource.token(PLANNER_NAME, Roles.PLANNER);
    public static final String ADMIN = QuotaInfraResource.token(ADMIN_NAME, Roles.ADMIN);

    /** Shapes the tree, unrestricted. */
    public static RequestSpecification asPlanner() {
        return given().auth().oauth2(PLANNER);
    }

    /** The audit trail is an admin's. */
    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(ADMIN);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** No Authorization header at all. */
    public static RequestSpecification anonymous() {
        return given();
    }

    private Callers() {
    }
}
