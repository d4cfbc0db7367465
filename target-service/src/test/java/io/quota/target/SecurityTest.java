package io.quota.target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Topics;
import io.quota.infra.HostileTokens;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.quota.target.Callers.as;
import static io.quota.target.Callers.asAdmin;
import static io.quota.target.Callers.asApprover;
import static io.quota.target.Callers.asPlanner;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN.md section 6 at target-service's door: no endpoint answers without a valid bearer token (401
 * problem+json), each admits exactly its roles (403 problem+json otherwise), a refused write changes nothing,
 * and nobody, not even an admin, approves a version they authored.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class SecurityTest {
    private static final List<String> ALL_ROLES = List.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.REP,
            Roles.VIEWER, Roles.INGEST, Roles.SERVICE);
    private static final Set<String> READERS = Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER,
            Roles.SERVICE, Roles.REP);
    /** Readers that are people: every reader but service (service reads only what our services call). */
    private static final Set<String> PEOPLE = Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP);
    private static final String AUTHOR_MAY_NOT_APPROVE = "an author may not approve their own version";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    private static boolean prepared;

    static String plan(String id) {
        return PlanLifecycleTest.plan(id, """
                [{"dimension":"TERRITORY","method":"EQUAL","members":["SEC-EAST","SEC-WEST"]},
                 {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]""");
    }

    /** The territories, and SEC-PLAN (a draft) for the reads of the matrix. */
    @BeforeEach
    void prepare() {
        if (!prepared) {
            Instant now = Instant.now();
            Infra.replicate(bootstrap, ds,
                    Infra.territory("SEC-CN", null, "REGION", "ACTIVE", now),
                    Infra.territory("SEC-EAST", "SEC-CN", "GEOGRAPHIC", "ACTIVE", now),
                    Infra.territory("SEC-WEST", "SEC-CN", "GEOGRAPHIC", "ACTIVE", now));
            asPlanner().contentType(ContentType.JSON).body(plan("SEC-PLAN")).post("/api/plans").then().statusCode(201);
            prepared = true;
        }
    }

    /** One request per endpoint, harmless for the roles that may make it (bad input, a missing plan, or a read). */
    record Endpoint(String method, String path, String body, Set<String> roles, int admitted, String contentType) {
        Endpoint(String method, String path, String body, Set<String> roles, int admitted) {
            this(method, path, body, roles, admitted, "application/json");
        }

        Response send(RequestSpecification request) {
            RequestSpecification r = request.contentType(contentType);
            if (body != null) {
                r = r.body(body);
            }
            return r.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/plans", "{}", Set.of(Roles.ADMIN, Roles.PLANNER), 400),
            new Endpoint("GET", "/api/plans", null, READERS, 200),
            new Endpoint("GET", "/api/plans/SEC-PLAN", null, READERS, 200),
            new Endpoint("GET", "/api/plans/SEC-PLAN/versions/1/cells", null, READERS, 200),
            new Endpoint("GET", "/api/plans/SEC-PLAN/versions/1/rollup?by=territory", null, READERS, 200),
            new Endpoint("POST", "/api/plans/SEC-NO-SUCH-PLAN/versions/1/submit", null,
                    Set.of(Roles.ADMIN, Roles.PLANNER), 404),
            new Endpoint("POST", "/api/plans/SEC-NO-SUCH-PLAN/versions/1/approve", null,
                    Set.of(Roles.ADMIN, Roles.APPROVER), 404),
            new Endpoint("GET", "/api/plans/SEC-PLAN/audit", null, Set.of(Roles.ADMIN), 200),
            new Endpoint("POST", "/api/plans/SEC-NO-SUCH-PLAN/versions", "{\"from\":1}", Set.of(Roles.ADMIN, Roles.PLANNER), 404),
            new Endpoint("POST", "/api/plans/SEC-NO-SUCH-PLAN/versions/1/recall", null, Set.of(Roles.ADMIN, Roles.APPROVER), 404),
            new Endpoint("GET", "/api/plans/SEC-PLAN/diff?from=1&to=1", null, READERS, 200),
            new Endpoint("POST", "/api/plans/SEC-NO-SUCH-PLAN/versions/1/reallocations",
                    "{\"moves\":[{\"from\":\"a\",\"to\":\"b\",\"amount\":\"1\"}]}", Set.of(Roles.ADMIN, Roles.PLANNER), 404),
            new Endpoint("POST", "/api/plans/SEC-NO-SUCH-PLAN/versions/1/carry-forward", "{\"through\":\"2027-03-31\"}",
                    Set.of(Roles.ADMIN, Roles.PLANNER), 404),
            new Endpoint("PUT", "/api/plans/SEC-NO-SUCH-PLAN/versions/1/commitments",
                    "{\"items\":[{\"cellKey\":\"x\",\"amount\":\"1\"}]}", Set.of(Roles.ADMIN, Roles.PLANNER, Roles.REP), 404),
            new Endpoint("GET", "/api/plans/SEC-PLAN/versions/1/commitments", null, PEOPLE, 200),
            new Endpoint("GET", "/api/plans/SEC-PLAN/versions/1/reconciliation?by=territory", null, PEOPLE, 200),
            new Endpoint("GET", "/api/plans/SEC-PLAN/versions/1/export?format=csv", null, PEOPLE, 200),
            new Endpoint("GET", "/api/plans/SEC-PLAN/export?format=csv", null, PEOPLE, 200),
            new Endpoint("POST", "/api/plans/import?format=csv", "section,field\n", Set.of(Roles.ADMIN, Roles.PLANNER), 422,
                    "text/csv"),
            new Endpoint("GET", "/api/seasonality-profiles", null, PEOPLE, 200),
            new Endpoint("POST", "/api/seasonality-profiles", "{}", Set.of(Roles.ADMIN, Roles.PLANNER), 400));

    /** A token with one role; the rep's is scoped to the tree SEC-PLAN lies in (a rep without scope sees nothing). */
    private static String tokenOf(String role) {
        return Roles.REP.equals(role) ? QuotaInfraResource.scopedToken("matrix-rep", List.of("SEC-CN"), role)
                : QuotaInfraResource.token("matrix-" + role, role);
    }

    @Test
    void eachEndpointAdmitsExactlyItsRoles() {
        for (Endpoint e : ENDPOINTS) {
            for (String role : ALL_ROLES) {
                Response r = e.send(as(tokenOf(role)));
                String what = e + " as " + role + ": " + r.asString();
                if (e.roles().contains(role)) {
                    assertEquals(e.admitted(), r.statusCode(), what);
                } else {
                    assertForbidden(r, what);
                }
            }
            // a valid token without any Quota role gets nothing
            Response none = e.send(as(QuotaInfraResource.token("matrix-nobody", "guest")));
            assertForbidden(none, e + " with no role");
        }
    }

    @Test
    void noEndpointAnswersWithoutAValidBearerToken() throws Exception {
        Map<String, String> hostile = HostileTokens.against(QuotaInfraResource.tokens());
        for (Endpoint e : ENDPOINTS) {
            assertUnauthorized(e.send(given()), e + " without a token");
            for (Map.Entry<String, String> token : hostile.entrySet()) {
                Response r = e.send(given().header("Authorization", token.getValue().startsWith("Basic ")
                        ? token.getValue() : "Bearer " + token.getValue()));
                assertUnauthorized(r, e + " with " + token.getKey());
            }
        }
        // health and the API description stay open (DESIGN.md section 6)
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aRefusedCreateStoresNothing() throws Exception {
        String body = plan("SEC-REFUSED");
        assertUnauthorized(given().contentType(ContentType.JSON).header("Idempotency-Key", "sec-refused")
                .body(body).post("/api/plans"), "no token");
        for (String role : List.of(Roles.APPROVER, Roles.REP, Roles.VIEWER, Roles.INGEST, Roles.SERVICE)) {
            assertForbidden(as(tokenOf(role)).contentType(ContentType.JSON).header("Idempotency-Key", "sec-refused")
                    .body(body).post("/api/plans"), "create as " + role);
        }
        assertEquals(0, Infra.count(ds, "select count(*) from plans where id = 'SEC-REFUSED'"));
        assertEquals(0, Infra.count(ds, "select count(*) from cells where plan_id = 'SEC-REFUSED'"));
        assertEquals(0, Infra.count(ds, "select count(*) from audit_log where plan_id = 'SEC-REFUSED'"));
        assertEquals(0, Infra.count(ds, "select count(*) from idempotency_keys where idempotency_key = 'sec-refused'"));
    }

    @Test
    void refusedSubmitsAndApprovalsChangeNothing() throws Exception {
        String id = "SEC-REFUSED-MOVES";
        asPlanner().contentType(ContentType.JSON).body(plan(id)).post("/api/plans").then().statusCode(201);
        Map<String, Object> draft = stored(id);

        assertUnauthorized(given().post("/api/plans/{id}/versions/1/submit", id), "submit without a token");
        for (String role : List.of(Roles.APPROVER, Roles.REP, Roles.VIEWER, Roles.INGEST, Roles.SERVICE)) {
            assertForbidden(as(tokenOf(role)).post("/api/plans/{id}/versions/1/submit", id), "submit as " + role);
        }
        assertEquals(draft, stored(id));

        asPlanner().post("/api/plans/{id}/versions/1/submit", id).then().statusCode(200);
        Map<String, Object> submitted = stored(id);
        assertEquals("SUBMITTED", submitted.get("status"));
        assertUnauthorized(given().post("/api/plans/{id}/versions/1/approve", id), "approve without a token");
        for (String role : List.of(Roles.PLANNER, Roles.REP, Roles.VIEWER, Roles.INGEST, Roles.SERVICE)) {
            assertForbidden(as(tokenOf(role)).post("/api/plans/{id}/versions/1/approve", id), "approve as " + role);
        }
        assertEquals(submitted, stored(id));

        // the audit trail is for admins only: the others do not even learn its length
        for (String role : List.of(Roles.PLANNER, Roles.APPROVER, Roles.REP, Roles.VIEWER, Roles.INGEST,
                Roles.SERVICE)) {
            assertForbidden(as(tokenOf(role)).get("/api/plans/{id}/audit", id), "audit as " + role);
        }
        asAdmin().get("/api/plans/{id}/audit", id).then().statusCode(200)
                .body("items.action", contains("PLAN_CREATED", "VERSION_SUBMITTED"))
                .body("items.actor", contains(Callers.PLANNER_NAME, Callers.PLANNER_NAME));

        // the one approval allowed publishes the version once: the refused ones published nothing
        asApprover().post("/api/plans/{id}/versions/1/approve", id).then().statusCode(200);
        assertPublishedOnce(id);
    }

    @Test
    void anAuthorMayNotApproveTheirOwnVersionEvenWithTheApproverRole() throws Exception {
        String id = "SEC-FOUR-EYES";
        String pat = QuotaInfraResource.token("pat", Roles.PLANNER, Roles.APPROVER);
        as(pat).contentType(ContentType.JSON).body(plan(id)).post("/api/plans").then().statusCode(201)
                .body("versions[0].createdBy", equalTo("pat")).body("createdBy", equalTo("pat"));
        // refused whatever the status: the answer never depends on timing
        as(pat).post("/api/plans/{id}/versions/1/approve", id).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(AUTHOR_MAY_NOT_APPROVE));
        as(pat).post("/api/plans/{id}/versions/1/submit", id).then().statusCode(200);
        Map<String, Object> submitted = stored(id);

        as(pat).post("/api/plans/{id}/versions/1/approve", id).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403))
                .body("title", equalTo("Forbidden")).body("detail", containsString(AUTHOR_MAY_NOT_APPROVE));
        // another token of the same subject is the same author
        as(QuotaInfraResource.token("pat", Roles.APPROVER)).post("/api/plans/{id}/versions/1/approve", id).then()
                .statusCode(403).body("detail", containsString(AUTHOR_MAY_NOT_APPROVE));
        assertEquals(submitted, stored(id));

        asApprover().post("/api/plans/{id}/versions/1/approve", id).then().statusCode(200)
                .body("versions[0].status", equalTo("APPROVED"))
                .body("versions[0].createdBy", equalTo("pat"))
                .body("versions[0].submittedBy", equalTo("pat"))
                .body("versions[0].approvedBy", equalTo(Callers.APPROVER_NAME));
        asAdmin().get("/api/plans/{id}/audit", id).then().statusCode(200)
                .body("items.action", contains("PLAN_CREATED", "VERSION_SUBMITTED", "VERSION_APPROVED"))
                .body("items.actor", contains("pat", "pat", Callers.APPROVER_NAME));
        assertPublishedOnce(id);
    }

    @Test
    void anAdminMayNotApproveAVersionTheyAuthoredEither() throws Exception {
        String id = "SEC-ADMIN-AUTHOR";
        String ada = QuotaInfraResource.token("ada", Roles.ADMIN);
        as(ada).contentType(ContentType.JSON).body(plan(id)).post("/api/plans").then().statusCode(201);
        as(ada).post("/api/plans/{id}/versions/1/submit", id).then().statusCode(200);
        Map<String, Object> submitted = stored(id);
        as(ada).post("/api/plans/{id}/versions/1/approve", id).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString(AUTHOR_MAY_NOT_APPROVE));
        assertEquals(submitted, stored(id));
        // another admin may
        asAdmin().post("/api/plans/{id}/versions/1/approve", id).then().statusCode(200)
                .body("versions[0].approvedBy", equalTo("test-admin"));
        assertPublishedOnce(id);
    }

    /** What a refused request must not change: the version's row, the plan's revision, the audit trail. */
    private Map<String, Object> stored(String planId) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", Infra.text(ds, "select status from plan_versions where plan_id = ? and version = 1", planId));
        row.put("submittedBy", Infra.text(ds, "select submitted_by from plan_versions where plan_id = ? and version = 1",
                planId));
        row.put("approvedBy", Infra.text(ds, "select approved_by from plan_versions where plan_id = ? and version = 1",
                planId));
        row.put("revision", Infra.text(ds, "select revision::text from plans where id = ?", planId));
        row.put("audit", Infra.count(ds, "select count(*) from audit_log where plan_id = ?", planId));
        return row;
    }

    /** Exactly one PlanPublished of the plan on its topic (read to the end, so a second one would count). */
    private void assertPublishedOnce(String planId) {
        assertEquals(1, Infra.read(bootstrap, Topics.PLANS, 1, r -> planId.equals(r.key())).size(), planId);
    }

    static void assertUnauthorized(Response r, String what) {
        assertEquals(401, r.statusCode(), what + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals("Bearer", r.header("WWW-Authenticate"), what);
        assertEquals("Unauthorized", r.path("title"), what);
    }

    static void assertForbidden(Response r, String what) {
        assertEquals(403, r.statusCode(), what + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals("Forbidden", r.path("title"), what);
    }

}
