package io.quota.target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Topics;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.quota.target.Callers.as;
import static io.quota.target.Callers.asPlanner;
import static io.quota.target.Callers.asViewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token's territories claim at target-service: cells and roll-ups show only the cells whose territory lies in
 * one of its subtrees (by the replica's parent links), lists only the plans with such a cell, and a plan without
 * one is missing for it (404, the same answer as a missing plan) for every read and every write, which then
 * changes nothing.
 * <pre>
 * SCP-CN (REGION) ─┬─ SCP-EAST (REGION) ─┬─ SCP-E1
 *                  │                     └─ SCP-E2
 *                  └─ SCP-WEST (REGION) ─── SCP-W1
 * </pre>
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class ScopeTest {
    static final String EAST_REP = QuotaInfraResource.scopedToken("rita", List.of("SCP-EAST"), Roles.REP);
    static final String CN_REP = QuotaInfraResource.scopedToken("carl", List.of("SCP-CN"), Roles.REP);
    static final String E1_REP = QuotaInfraResource.scopedToken("eli", List.of("SCP-E1"), Roles.REP);
    /** A rep whose token names no territory sees nothing territory-bound. */
    static final String BARE_REP = QuotaInfraResource.token("nobody", Roles.REP);
    static final String EAST_VIEWER = QuotaInfraResource.scopedToken("vera", List.of("SCP-EAST"), Roles.VIEWER);
    static final String EAST_PLANNER = QuotaInfraResource.scopedToken("pia", List.of("SCP-EAST"), Roles.PLANNER);
    static final String EAST_APPROVER = QuotaInfraResource.scopedToken("abe", List.of("SCP-EAST"), Roles.APPROVER);
    static final String EAST_ADMIN = QuotaInfraResource.scopedToken("ann", List.of("SCP-EAST"), Roles.ADMIN);

    /** Plans no SCP-EAST token may see: all of the west, and one without a TERRITORY level. */
    static final List<String> OUT_OF_EAST = List.of("SCP-WESTERN", "SCP-WESTERN-SUBMITTED", "SCP-NO-TERRITORY");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    private static boolean prepared;

    static String plan(String id, String members, String total) {
        return """
                {"id":"%s","name":"Scoped revenue","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                 "periodStart":"2027-03-01","periodEnd":"2027-05-31","timeZone":"Asia/Shanghai","total":"%s",
                 "levels":[{"dimension":"TERRITORY","method":"EQUAL"%s},
                           {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}"""
                .formatted(id, total, members == null ? "" : ",\"members\":" + members);
    }

    @BeforeEach
    void prepare() {
        if (prepared) {
            return;
        }
        Instant now = Instant.now();
        Infra.replicate(bootstrap, ds,
                Infra.territory("SCP-CN", null, "REGION", "ACTIVE", now),
                Infra.territory("SCP-EAST", "SCP-CN", "REGION", "ACTIVE", now),
                Infra.territory("SCP-WEST", "SCP-CN", "REGION", "ACTIVE", now),
                Infra.territory("SCP-E1", "SCP-EAST", "GEOGRAPHIC", "ACTIVE", now),
                Infra.territory("SCP-E2", "SCP-EAST", "GEOGRAPHIC", "ACTIVE", now),
                Infra.territory("SCP-W1", "SCP-WEST", "GEOGRAPHIC", "ACTIVE", now));
        // 3 territories x 3 months: 10000.00 a cell
        create(plan("SCP-MIXED", "[\"SCP-E1\",\"SCP-E2\",\"SCP-W1\"]", "90000.00"));
        create(plan("SCP-EASTERN", "[\"SCP-E1\"]", "30000.00"));
        create(plan("SCP-WESTERN", "[\"SCP-W1\"]", "30000.00"));
        create(plan("SCP-WESTERN-SUBMITTED", "[\"SCP-W1\"]", "30000.00"));
        asPlanner().post("/api/plans/SCP-WESTERN-SUBMITTED/versions/1/submit").then().statusCode(200);
        create("""
                {"id":"SCP-NO-TERRITORY","name":"Company-wide","taskType":"NEW_BUSINESS","metric":"REVENUE",
                 "unit":"CNY","periodStart":"2027-03-01","periodEnd":"2027-05-31","timeZone":"Asia/Shanghai",
                 "total":"30000.00","levels":[{"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""");
        prepared = true;
    }

    private static void create(String body) {
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(201);
    }

    @Test
    void cellsAndRollUpsShowOnlyTheCellsInScope() {
        as(EAST_REP).get("/api/plans/SCP-MIXED").then().statusCode(200).body("id", equalTo("SCP-MIXED"));
        as(EAST_REP).get("/api/plans/SCP-MIXED/versions/1/cells").then().statusCode(200)
                .body("total", equalTo(6)).body("items", hasSize(6))
                .body("items.members.territory", everyItem(in(List.of("SCP-E1", "SCP-E2"))));
        as(EAST_REP).queryParam("territory", "SCP-W1").get("/api/plans/SCP-MIXED/versions/1/cells").then()
                .statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        as(EAST_REP).queryParam("by", "territory").get("/api/plans/SCP-MIXED/versions/1/rollup").then()
                .statusCode(200).body("items.members.territory", contains("SCP-E1", "SCP-E2"))
                .body("items.amount", contains("30000.00", "30000.00")).body("total", equalTo("60000.00"));
        // a roll-up by month sums only the cells in scope: never a sum over territories out of scope
        as(EAST_REP).queryParam("by", "month").get("/api/plans/SCP-MIXED/versions/1/rollup").then()
                .statusCode(200).body("items.amount", contains("20000.00", "20000.00", "20000.00"))
                .body("total", equalTo("60000.00"));
        as(EAST_REP).queryParam("by", "territory,month").get("/api/plans/SCP-MIXED/versions/1/rollup").then()
                .statusCode(200).body("items", hasSize(6)).body("total", equalTo("60000.00"));

        // the scope is a subtree: a root two levels up sees every cell, a leaf root only its own
        as(CN_REP).get("/api/plans/SCP-MIXED/versions/1/cells").then().statusCode(200).body("total", equalTo(9));
        as(CN_REP).queryParam("by", "month").get("/api/plans/SCP-MIXED/versions/1/rollup").then().statusCode(200)
                .body("total", equalTo("90000.00"));
        as(E1_REP).get("/api/plans/SCP-MIXED/versions/1/cells").then().statusCode(200).body("total", equalTo(3))
                .body("items.members.territory", everyItem(equalTo("SCP-E1")));
        // a scoped viewer is scoped the same way; an unscoped one sees everything
        as(EAST_VIEWER).get("/api/plans/SCP-MIXED/versions/1/cells").then().statusCode(200).body("total", equalTo(6));
        asViewer().get("/api/plans/SCP-MIXED/versions/1/cells").then().statusCode(200).body("total", equalTo(9));
    }

    @Test
    void listsShowOnlyPlansWithACellInScope() {
        Response east = as(EAST_REP).queryParam("size", 500).get("/api/plans");
        east.then().statusCode(200).body("items.id", hasItems("SCP-MIXED", "SCP-EASTERN"));
        List<String> ids = east.path("items.id");
        for (String hidden : OUT_OF_EAST) {
            assertTrue(!ids.contains(hidden), hidden + " listed for an SCP-EAST token: " + ids);
        }
        assertEquals(ids.size(), (int) east.path("total"), "total counts only what the token sees");
        as(EAST_REP).queryParam("size", 1).get("/api/plans").then().statusCode(200).body("items", hasSize(1));

        as(CN_REP).queryParam("size", 500).get("/api/plans").then().statusCode(200)
                .body("items.id", hasItems("SCP-MIXED", "SCP-WESTERN")).body("items.id", not(hasItem("SCP-NO-TERRITORY")));
        as(BARE_REP).queryParam("size", 500).get("/api/plans").then().statusCode(200)
                .body("total", equalTo(0)).body("items", hasSize(0));
        asViewer().queryParam("size", 500).get("/api/plans").then().statusCode(200)
                .body("items.id", hasItems("SCP-MIXED", "SCP-WESTERN", "SCP-NO-TERRITORY"));
    }

    /** Every endpoint that takes a plan id, as a token of a role the endpoint admits, scoped to SCP-EAST. */
    record Probe(String token, String method, String path, String body) {
        Probe(String token, String method, String path) {
            this(token, method, path, null);
        }

        Response send(String planId, String ifMatch) {
            var request = as(token).contentType(ContentType.JSON);
            if (body != null) {
                request = request.body(body.replace("{id}", planId));
            }
            if (ifMatch != null) {
                request = request.header("If-Match", ifMatch);
            }
            return request.request(method, path.replace("{id}", planId));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Probe> PROBES = List.of(
            new Probe(EAST_REP, "GET", "/api/plans/{id}"),
            new Probe(EAST_VIEWER, "GET", "/api/plans/{id}"),
            new Probe(BARE_REP, "GET", "/api/plans/{id}"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/versions/1/cells"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/versions/1/cells?territory=SCP-W1"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/versions/1/rollup?by=month"),
            new Probe(BARE_REP, "GET", "/api/plans/{id}/versions/1/rollup?by=month"),
            new Probe(EAST_PLANNER, "POST", "/api/plans/{id}/versions/1/submit"),
            new Probe(EAST_APPROVER, "POST", "/api/plans/{id}/versions/1/approve"),
            new Probe(EAST_ADMIN, "POST", "/api/plans/{id}/versions/1/submit"),
            new Probe(EAST_ADMIN, "POST", "/api/plans/{id}/versions/1/approve"),
            new Probe(EAST_ADMIN, "GET", "/api/plans/{id}/audit"),
            new Probe(EAST_PLANNER, "POST", "/api/plans/{id}/versions", "{\"from\":1}"),
            new Probe(EAST_PLANNER, "POST", "/api/plans/{id}/versions", "{\"from\":1,\"total\":\"1.00\"}"),
            new Probe(EAST_APPROVER, "POST", "/api/plans/{id}/versions/1/recall"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/diff?from=1&to=1"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/diff?from=1&to=1&by=territory"),
            new Probe(EAST_PLANNER, "POST", "/api/plans/{id}/versions/1/reallocations",
                    "{\"moves\":[{\"from\":\"{id}~territory=SCP-W1~2027-03-01..2027-03-31\",\"to\":\"{id}~territory=SCP-W1~2027-04-01..2027-04-30\",\"amount\":\"1\"}]}"),
            new Probe(EAST_PLANNER, "POST", "/api/plans/{id}/versions/1/carry-forward", "{\"through\":\"2027-03-31\"}"),
            new Probe(EAST_REP, "PUT", "/api/plans/{id}/versions/1/commitments",
                    "{\"items\":[{\"cellKey\":\"{id}~territory=SCP-W1~2027-03-01..2027-03-31\",\"amount\":\"1\"}]}"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/versions/1/commitments"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/versions/1/reconciliation?by=territory"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/versions/1/export?format=csv"),
            new Probe(EAST_REP, "GET", "/api/plans/{id}/export?format=csv"),
            new Probe(EAST_VIEWER, "GET", "/api/plans/{id}/export?format=xlsx"));

    @Test
    void aPlanOutOfScopeIsMissingForEveryReadAndWriteAndStaysAsItWas() throws Exception {
        Map<String, Map<String, Object>> before = new LinkedHashMap<>();
        for (String id : OUT_OF_EAST) {
            before.put(id, stored(id));
        }
        for (Probe p : PROBES) {
            Response missing = p.send("SCP-NO-SUCH-PLAN", null);
            assertEquals(404, missing.statusCode(), p + " of a missing plan: " + missing.asString());
            String missingBody = missing.asString().replace("SCP-NO-SUCH-PLAN", "<id>");
            for (String id : OUT_OF_EAST) {
                // with the plan's real ETag too: a stale-or-not answer (412) would tell that it exists
                String etag = asViewer().get("/api/plans/{id}", id).then().statusCode(200).extract().header("ETag");
                for (String ifMatch : new String[]{null, etag}) {
                    Response r = p.send(id, ifMatch);
                    String what = p + " of " + id + (ifMatch == null ? "" : " with If-Match") + ": " + r.asString();
                    assertEquals(404, r.statusCode(), what);
                    assertTrue(r.contentType().startsWith("application/problem+json"), what);
                    assertEquals(missingBody, r.asString().replace(id, "<id>"), "the same answer as a missing plan: " + what);
                }
            }
        }
        for (String id : OUT_OF_EAST) {
            assertEquals(before.get(id), stored(id), id + " changed");
        }
        // the plans are there all the same, for whoever may see them; the refused approvals published nothing
        as(CN_REP).get("/api/plans/SCP-WESTERN-SUBMITTED").then().statusCode(200)
                .body("versions[0].status", equalTo("SUBMITTED"));
        asViewer().get("/api/plans/SCP-NO-TERRITORY").then().statusCode(200);
        Callers.asApprover().post("/api/plans/SCP-WESTERN-SUBMITTED/versions/1/approve").then().statusCode(200);
        assertEquals(1, Infra.read(bootstrap, Topics.PLANS, 1, r -> "SCP-WESTERN-SUBMITTED".equals(r.key())).size());
    }

    @Test
    void scopedPlannersAndApproversWorkInsideTheirScope() throws Exception {
        String id = "SCP-EAST-FLOW";
        // naming a territory out of scope is answered like naming an unknown one
        String outside = as(EAST_PLANNER).contentType(ContentType.JSON)
                .body(plan(id, "[\"SCP-E1\",\"SCP-W1\"]", "30000.00")).post("/api/plans").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("levels[0].members"))
                .extract().path("detail");
        String unknown = as(EAST_PLANNER).contentType(ContentType.JSON)
                .body(plan(id, "[\"SCP-E1\",\"SCP-NOWHERE\"]", "30000.00")).post("/api/plans").then().statusCode(422)
                .extract().path("detail");
        assertEquals(unknown.replace("SCP-NOWHERE", "<t>"), outside.replace("SCP-W1", "<t>"));
        assertEquals(0, Infra.count(ds, "select count(*) from plans where id = ?", id));

        // EQUAL without members: every leaf in the planner's scope, none outside it
        as(EAST_PLANNER).contentType(ContentType.JSON).body(plan(id, null, "30000.00")).post("/api/plans").then()
                .statusCode(201).body("levels[0].members", contains("SCP-E1", "SCP-E2"))
                .body("versions[0].cellCount", equalTo(6)).body("createdBy", equalTo("pia"));
        as(EAST_PLANNER).post("/api/plans/{id}/versions/1/submit", id).then().statusCode(200)
                .body("versions[0].submittedBy", equalTo("pia"));
        as(EAST_APPROVER).post("/api/plans/{id}/versions/1/approve", id).then().statusCode(200)
                .body("versions[0].status", equalTo("APPROVED")).body("versions[0].approvedBy", equalTo("abe"));
        as(EAST_ADMIN).get("/api/plans/{id}/audit", id).then().statusCode(200)
                .body("items.actor", contains("pia", "pia", "abe"));
        // and a plan partly in scope may be moved by a scoped caller too
        as(EAST_PLANNER).post("/api/plans/SCP-EASTERN/versions/1/submit").then().statusCode(200);
        as(EAST_APPROVER).post("/api/plans/SCP-EASTERN/versions/1/approve").then().statusCode(200);
    }

    @Test
    void anIdempotencyKeyIsTheCallersOwn() throws Exception {
        String key = "scope-shared-key";
        String body = plan(null, "[\"SCP-W1\"]", "30000.00").replace("\"id\":\"null\",", "");
        String first = asPlanner().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/api/plans").then().statusCode(201).extract().path("id");
        // another caller with the same key and body: its own plan, not a replay of the first caller's
        String other = as(QuotaInfraResource.token("otto", Roles.PLANNER)).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(body).post("/api/plans").then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        assertTrue(!first.equals(other), first);
        // and a scoped caller learns nothing of the first caller's plan through the key
        as(EAST_PLANNER).contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/plans")
                .then().statusCode(422).body("field", equalTo("levels[0].members"))
                .body("detail", containsString("unknown territories [SCP-W1]"));
        assertEquals(2, Infra.count(ds, "select count(*) from idempotency_keys where idempotency_key = ?", key));
    }

    private Map<String, Object> stored(String planId) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", Infra.text(ds, "select status from plan_versions where plan_id = ? and version = 1", planId));
        row.put("submittedBy", Infra.text(ds, "select submitted_by from plan_versions where plan_id = ? and version = 1",
                planId));
        row.put("approvedBy", Infra.text(ds, "select approved_by from plan_versions where plan_id = ? and version = 1",
                planId));
        row.put("revision", Infra.text(ds, "select revision::text from plans where id = ?", planId));
        row.put("audit", Infra.count(ds, "select count(*) from audit_log where plan_id = ?", planId));
        row.put("versions", Infra.count(ds, "select count(*) from plan_versions where plan_id = ?", planId));
        row.put("commitments", Infra.count(ds, "select count(*) from commitments where plan_id = ?", planId));
        return row;
    }
}
