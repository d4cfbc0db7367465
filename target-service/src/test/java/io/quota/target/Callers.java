package io.quota.target;

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
    public static final String APPROVER_NAME = "test-approver";
    public static final String PLANNER = QuotaInfraResource.token(PLANNER_NAME, Roles.PLANNER);
    public static final String APPROVER = QuotaInfraResource.token(APPROVER_NAME, Roles.APPROVER);
    public static final String ADMIN = QuotaInfraResource.token("test-admin", Roles.ADMIN);
    public static final String VIEWER = QuotaInfraResource.token("test-viewer", Roles.VIEWER);

    /** Drafts and submits plans; reads them too. */
    public static RequestSpecification asPlanner() {
        return as(PLANNER);
    }

    /** Approves what another caller authored. */
    public static RequestSpecification asApprover() {
        return as(APPROVER);
    }

    /** Reads audit trails. */
    public static RequestSpecification asAdmin() {
        return as(ADMIN);
    }

    public static RequestSpecification asViewer() {
        return as(VIEWER);
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private Callers() {
    }
}
