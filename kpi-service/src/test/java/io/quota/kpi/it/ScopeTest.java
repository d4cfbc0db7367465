package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventIds;
import io.quota.contracts.Metric;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.quota.kpi.it.Callers.as;
import static io.quota.kpi.it.Callers.asIngest;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A token's territories claim limits what it reads (DESIGN.md section 6): a territory outside its scope is
 * answered exactly like an unknown one, a roll-up of the whole plan sums only the cells inside the scope, and
 * drift lists show only nodes whose territory lies in it. The tree: S-ROOT over S-EAST (over S-EAST-1), S-WEST
 * and S-SOUTH; plan SEC-NC has a cell per quarter for S-EAST and S-WEST.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class ScopeTest {
    private static final String PLAN = "SEC-NC";
    private static final String END = "2027-06-30";
    private static boolean seeded;

    @Inject
    AgroalDataSource ds;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        send(Events.territory("S-ROOT", null, "REGION"));
        send(Events.territory("S-EAST", "S-ROOT", "GEOGRAPHIC"));
        send(Events.territory("S-EAST-1", "S-EAST", "GEOGRAPHIC"));
        send(Events.territory("S-WEST", "S-ROOT", "GEOGRAPHIC"));
        send(Events.territory("S-SOUTH", "S-ROOT", "GEOGRAPHIC"));
        send(Events.plan(PLAN, 1, Metric.NEW_CUSTOMERS, "COUNT", "2027-01-01", END, 4, "800"));
        for (String[] cell : List.of(new String[]{"S-EAST", "2027-01-01", "2027-03-31", "100"},
                new String[]{"S-EAST", "2027-04-01", END, "100"}, new String[]{"S-WEST", "2027-01-01", "2027-03-31", "300"},
                new String[]{"S-WEST", "2027-04-01", END, "300"})) {
            send(Events.cell(PLAN, 1, cell[0], cell[1], cell[2], cell[3], "COUNT"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from territory where territory_id like 'S-%'") == 5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", PLAN)
                .get("/api/attainment").then().statusCode(200).body("cells", equalTo(4)));

        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "scope-seed").body(List.of(
                actual("10", "2027-02-10", "S-EAST-1"), actual("5", "2027-02-11", "S-EAST"),
                actual("40", "2027-02-12", "S-WEST"), actual("1", "2027-04-05", "S-EAST"),
                actual("1", "2027-04-05", "S-WEST"))).post("/api/actuals").then().statusCode(202);
        // every cell was touched by an actual: each has its drift node, and so have the region's two quarters
        // (the default alert levels; the quarterly cells fit no month)
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from drift_state where plan_id = ?", PLAN) == 6
                && Sql.count(ds, "select sum(total) from territory_daily where territory_id like 'S-%'") == 57);
        seeded = true;
    }

    @Test
    void anUnrestrictedReaderSeesTheWholePlan() {
        for (String token : List.of(Callers.VIEWER, Callers.ADMIN, QuotaInfraResource.token("svc", Roles.SERVICE),
                QuotaInfraResource.scopedToken("rex", List.of("S-ROOT"), Roles.REP),
                QuotaInfraResource.scopedToken("pam", List.of("S-EAST", "S-WEST"), Roles.PLANNER))) {
            whole(token).statusCode(200).body("target", equalTo("800")).body("actual", equalTo("57"))
                    .body("cells", equalTo(4)).body("nodeKey", equalTo(PLAN + "~2027-01-01.." + END));
        }
    }

    @Test
    void aRepSeesItsSubtreeAndOnlyTheCellsOfAPlanInsideIt() {
        String rita = QuotaInfraResource.scopedToken("rita", List.of("S-EAST"), Roles.REP);
        whole(rita).statusCode(200).body("target", equalTo("200")).body("actual", equalTo("16"))
                .body("cells", equalTo(2)).body("cellsPartlyInside", equalTo(0));
        // a quarter: only the in-scope cell lying in it
        as(rita).queryParam("plan", PLAN).queryParam("period", "2027-Q1").queryParam("asOf", END)
                .get("/api/attainment").then().statusCode(200).body("target", equalTo("100"))
                .body("actual", equalTo("15")).body("cells", equalTo(1));
        // a period covering cells in part counts only the in-scope ones it leaves out
        as(rita).queryParam("plan", PLAN).queryParam("from", "2027-02-01").queryParam("to", END)
                .get("/api/attainment").then().statusCode(200).body("cells", equalTo(1))
                .body("cellsPartlyInside", equalTo(1));
        territory(rita, "S-EAST").statusCode(200).body("target", equalTo("200")).body("actual", equalTo("16"))
                .body("nodeKey", equalTo(PLAN + "~territory=S-EAST~2027-01-01.." + END));
        territory(rita, "S-EAST-1").statusCode(200).body("target", equalTo("0")).body("actual", equalTo("10"));
        as(rita).queryParam("plan", PLAN).get("/api/drifts").then().statusCode(200).body("total", equalTo(2))
                .body("items", hasSize(2)).body("items.nodeKey", everyItem(containsString("~territory=S-EAST~")));
        // every plan: still only the nodes in scope
        as(rita).get("/api/drifts").then().statusCode(200).body("total", equalTo(2));

        String vera = QuotaInfraResource.scopedToken("vera", List.of("S-WEST"), Roles.VIEWER);
        whole(vera).statusCode(200).body("target", equalTo("600")).body("actual", equalTo("41"));
        as(vera).queryParam("plan", PLAN).get("/api/drifts").then().body("total", equalTo(2))
                .body("items.nodeKey", everyItem(containsString("~territory=S-WEST~")));
        // the region's roll-ups lie outside both scopes, an unrestricted reader sees them too
        asViewer().queryParam("plan", PLAN).get("/api/drifts").then().body("total", equalTo(6));
    }

    @Test
    void aTerritoryOutsideTheScopeIsAnsweredExactlyLikeAnUnknownOne() {
        String rita = QuotaInfraResource.scopedToken("rita", List.of("S-EAST"), Roles.REP);
        String unknown = territory(rita, "S-NOPE").statusCode(404).contentType("application/problem+json")
                .extract().asString();
        // the same answer for an unrestricted reader asking for a territory that does not exist
        assertEquals(unknown, territory(Callers.VIEWER, "S-NOPE").statusCode(404).extract().asString());
        // a sibling, and the parent whose roll-up spans territories out of scope
        for (String outside : List.of("S-WEST", "S-ROOT", "S-SOUTH")) {
            Response r = territory(rita, outside).statusCode(404).contentType("application/problem+json")
                    .extract().response();
            assertEquals(unknown, r.asString().replace(outside, "S-NOPE"), outside);
        }
        // deeper than the plan's cells: its own territory reads, the whole plan has nothing in scope
        String ed = QuotaInfraResource.scopedToken("ed", List.of("S-EAST-1"), Roles.REP);
        territory(ed, "S-EAST-1").statusCode(200).body("actual", equalTo("10")).body("cells", equalTo(0));
        territory(ed, "S-EAST").statusCode(404);
        assertLikeAnUnknownPlan(ed);
        as(ed).get("/api/drifts").then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
        assertLikeAnUnknownPlan(QuotaInfraResource.scopedToken("sue", List.of("S-SOUTH"), Roles.REP));
    }

    @Test
    void aRepWithoutATerritoriesClaimSeesNothingTerritoryBound() {
        String nobody = QuotaInfraResource.token("nora", Roles.REP);
        assertLikeAnUnknownPlan(nobody);
        territory(nobody, "S-EAST").statusCode(404).contentType("application/problem+json");
        as(nobody).get("/api/drifts").then().statusCode(200).body("total", equalTo(0)).body("items", hasSize(0));
    }

    @Test
    void readsOutOfScopeChangeNothingStored() {
        String before = stored();
        String rita = QuotaInfraResource.scopedToken("rita", List.of("S-EAST"), Roles.REP);
        // every request naming an object (kpi-service has no ids in paths: plan and territory are parameters)
        for (String outside : List.of("S-WEST", "S-ROOT", "S-SOUTH", "S-NOPE")) {
            territory(rita, outside).statusCode(404);
            as(rita).queryParam("plan", PLAN).queryParam("territory", outside).queryParam("period", "2027-Q1")
                    .get("/api/attainment").then().statusCode(404);
            as(rita).queryParam("plan", PLAN).queryParam("territory", outside).queryParam("asOf", "2027-03-01")
                    .get("/api/attainment").then().statusCode(404);
        }
        // a rep may post no actual, in its scope or not
        as(rita).contentType(ContentType.JSON).header("Idempotency-Key", "scope-refused")
                .body(List.of(actual("99", "2027-02-10", "S-WEST"), actual("99", "2027-02-10", "S-EAST")))
                .post("/api/actuals").then().statusCode(403).contentType("application/problem+json");
        as(rita).contentType(ContentType.JSON).body(Map.of("today", "2027-06-01")).put("/api/admin/clock")
                .then().statusCode(403);
        // a marker behind the refused post (same territory, same partition) shows nothing else was queued; it
        // adds 0 to a day that has a total already, so the figures stay as they were
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "scope-marker")
                .body(List.of(actual("0", "2027-02-12", "S-WEST"))).post("/api/actuals").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from processed_actual where event_id = ?",
                EventIds.derive("actual", "scope-marker", "0")) == 1);
        assertEquals(before, stored());
        whole(Callers.VIEWER).body("actual", equalTo("57"));
    }

    private void assertLikeAnUnknownPlan(String token) {
        String unknown = as(token).queryParam("plan", "SEC-NOPE").get("/api/attainment").then().statusCode(404)
                .contentType("application/problem+json").extract().asString();
        String answer = whole(token).statusCode(404).contentType("application/problem+json").extract().asString();
        assertEquals(unknown, answer.replace(PLAN, "SEC-NOPE"));
    }

    /** The plan's stored figures and drift nodes (time-independent columns), and the outbox. */
    private String stored() {
        return Sql.one(ds, "select string_agg(territory_id || business_date || total, ',' order by territory_id, "
                + "business_date) from territory_daily where territory_id like 'S-%'") + "|"
                + Sql.one(ds, "select string_agg(node_key || state || seq, ',' order by node_key) from drift_state "
                + "where plan_id = ?", PLAN) + "|"
                + Sql.one(ds, "select string_agg(plan_id || version || status, ',') from plan_version where plan_id = ?",
                PLAN);
    }

    private static ValidatableResponse whole(String token) {
        return as(token).queryParam("plan", PLAN).queryParam("asOf", END).get("/api/attainment").then();
    }

    private static ValidatableResponse territory(String token, String territory) {
        return as(token).queryParam("plan", PLAN).queryParam("territory", territory).queryParam("asOf", END)
                .get("/api/attainment").then();
    }

    private static Map<String, String> actual(String value, String date, String territory) {
        return Map.of("metric", "NEW_CUSTOMERS", "value", value, "unit", "COUNT", "businessDate", date,
                "territoryId", territory);
    }
}
