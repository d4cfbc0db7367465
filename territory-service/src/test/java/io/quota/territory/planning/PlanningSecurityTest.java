package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.quota.territory.Callers.anonymous;
import static io.quota.territory.Callers.as;
import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.Planning.account;
import static io.quota.territory.Planning.activate;
import static io.quota.territory.Planning.addRule;
import static io.quota.territory.Planning.createModel;
import static io.quota.territory.Planning.ensureCatchAll;
import static io.quota.territory.Planning.postAccount;
import static io.quota.territory.Planning.test;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scope of a token over accounts, reps, stats and balancing: every id outside it answers 404 like a missing
 * one and changes nothing; lists show only what lies inside; out-of-role and anonymous writes are refused.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class PlanningSecurityTest {
    @Test
    void everyIdOutsideTheScopeIs404AndNothingChanges() {
        String province = uniqueId("SP");
        String cn = uniqueId("CN");
        String east = uniqueId("EAST");
        String sh = uniqueId("SH");
        String west = uniqueId("WEST");
        String cd = uniqueId("CD");
        String cq = uniqueId("CQ");
        create(cn, null, "REGION");
        create(east, cn, "REGION");
        create(sh, east, "GEOGRAPHIC");
        create(west, cn, "REGION");
        create(cd, west, "GEOGRAPHIC");
        create(cq, west, "GEOGRAPHIC");
        String model = uniqueId("M");
        createModel(model, null).statusCode(201);
        ensureCatchAll(model);
        addRule(model, "sh", sh, 2, test("city", province + "-SH")).statusCode(201);
        addRule(model, "cd", cd, 1, test("province", province)).statusCode(201);
        String inWest = uniqueId("acc");
        String inEast = uniqueId("acc");
        postAccount(account(inWest, province, "成都", null, null, "10.00", 1)).statusCode(201);
        postAccount(account(inEast, province, province + "-SH", null, null, "20.00", 2)).statusCode(201);
        activate(model, null, true, "security test: shared data may hold conflicts").statusCode(200);
        String repWest = uniqueId("rep");
        asPlanner().contentType(ContentType.JSON).body(Map.of("id", repWest, "nameZh", "西", "capacity", 5))
                .post("/api/reps").then().statusCode(201);
        long assignment = asPlanner().contentType(ContentType.JSON)
                .body(Map.of("territoryId", cd, "role", "PRIMARY", "effectiveFrom", "2026-01-01"))
                .post("/api/reps/" + repWest + "/assignments").then().statusCode(201).extract().jsonPath()
                .getLong("assignments[0].id");
        String other = uniqueId("M");
        createModel(other, null).statusCode(201);
        String proposal = asPlanner().contentType(ContentType.JSON).body(Map.of("modelId", other))
                .post("/api/territories/" + west + "/balancing-proposals").then().statusCode(201).extract().path("id");

        String plannerEast = QuotaInfraResource.scopedToken("paula", List.of(east), Roles.PLANNER);
        String repEast = QuotaInfraResource.scopedToken("rita", List.of(east), Roles.REP);
        for (String token : List.of(plannerEast, repEast)) {
            missing(as(token).get("/api/accounts/" + inWest));
            missing(as(token).get("/api/accounts/" + inWest + "/history"));
            missing(as(token).get("/api/reps/" + repWest));
            missing(as(token).get("/api/reps/" + repWest + "/assignments"));
            missing(as(token).get("/api/territories/" + cd + "/stats"));
            missing(as(token).get("/api/territory-rankings?parentId=" + west));
            as(token).get("/api/accounts/" + inEast).then().statusCode(200).body("territoryId", equalTo(sh));
            as(token).get("/api/accounts?size=500").then().statusCode(200)
                    .body("items.id", hasItem(inEast)).body("items.id", not(hasItem(inWest)));
            as(token).get("/api/reps?size=500").then().statusCode(200).body("items.id", not(hasItem(repWest)));
        }
        missing(as(plannerEast).get("/api/territories/" + west + "/balancing-proposals/" + proposal));
        String etag = asPlanner().get("/api/accounts/" + inWest).then().extract().header("ETag");
        missing(as(plannerEast).contentType(ContentType.JSON).header("If-Match", etag)
                .body(account(inWest, province, "成都", null, null, "99.00", 1)).put("/api/accounts/" + inWest));
        String repTag = asPlanner().get("/api/reps/" + repWest).then().extract().header("ETag");
        missing(as(plannerEast).contentType(ContentType.JSON).header("If-Match", repTag)
                .body(Map.of("nameZh", "改", "capacity", 1)).put("/api/reps/" + repWest));
        missing(as(plannerEast).contentType(ContentType.JSON)
                .body(Map.of("territoryId", cd, "role", "OVERLAY", "effectiveFrom", "2026-01-01"))
                .post("/api/reps/" + repWest + "/assignments"));
        missing(as(plannerEast).contentType(ContentType.JSON).body(Map.of("effectiveTo", "2030-01-01"))
                .post("/api/reps/" + repWest + "/assignments/" + assignment + "/end"));
        missing(as(plannerEast).contentType(ContentType.JSON).body(Map.of("modelId", other))
                .post("/api/territories/" + west + "/balancing-proposals"));
        missing(as(plannerEast).contentType(ContentType.JSON).body(Map.of())
                .post("/api/territories/" + west + "/balancing-proposals/" + proposal + "/apply"));
        // nothing changed
        asPlanner().get("/api/accounts/" + inWest).then().body("potential", equalTo("10.00"));
        asPlanner().get("/api/reps/" + repWest).then().body("capacity", equalTo(5))
                .header("ETag", equalTo(repTag));
        asPlanner().get("/api/reps/" + repWest + "/assignments").then()
                .body("assignments.size()", equalTo(1)).body("assignments[0].effectiveTo", equalTo(null));
        asPlanner().get("/api/territories/" + west + "/balancing-proposals/" + proposal).then()
                .body("status", equalTo("PROPOSED"));
        // models span every territory: a scoped planner may not change one (403), nor an approver or viewer
        for (String token : List.of(plannerEast, QuotaInfraResource.token("v", Roles.VIEWER),
                QuotaInfraResource.token("a", Roles.APPROVER))) {
            Response r = as(token).contentType(ContentType.JSON).body(Map.of("id", uniqueId("M"), "name", "x"))
                    .post("/api/territory-models");
            assertEquals(403, r.statusCode());
            assertEquals("application/problem+json", r.contentType());
        }
        anonymous().contentType(ContentType.JSON).body(account(uniqueId("a"), "x", "y", null, null, "1.00", 1))
                .post("/api/accounts").then().statusCode(401).contentType("application/problem+json");
        as(QuotaInfraResource.token("i", Roles.INGEST)).get("/api/assignments/conflicts").then().statusCode(403);
    }

    /**
     * Model reads through a scoped token: the model's conflict counts, its conflicts, rules, comparison, stats and
     * ranking show only the territories in scope; a proposal of a region outside it is missing.
     */
    @Test
    void modelReadsShowOnlyTheScope() {
        String cn = uniqueId("MCN");
        String east = uniqueId("ME");
        String e1 = uniqueId("ME1");
        String e2 = uniqueId("ME2");
        String west = uniqueId("MW");
        String w1 = uniqueId("MW1");
        String w2 = uniqueId("MW2");
        create(cn, null, "REGION");
        create(east, cn, "REGION");
        create(e1, east, "GEOGRAPHIC");
        create(e2, east, "GEOGRAPHIC");
        create(west, cn, "REGION");
        create(w1, west, "GEOGRAPHIC");
        create(w2, west, "GEOGRAPHIC");
        String a = uniqueId("MA");
        createModel(a, null).statusCode(201);
        String eastCity = uniqueId("ec");
        String westCity = uniqueId("wc");
        // an overlap in each region: two leaves claim the same city at one priority
        addRule(a, "e1", e1, 7, test("city", eastCity)).statusCode(201);
        addRule(a, "e2", e2, 7, test("city", eastCity)).statusCode(201);
        addRule(a, "e1b", e1, 6, test("province", eastCity)).statusCode(201);
        addRule(a, "w1", w1, 7, test("city", westCity)).statusCode(201);
        addRule(a, "w2", w2, 7, test("city", westCity)).statusCode(201);
        addRule(a, "w1b", w1, 6, test("province", westCity)).statusCode(201);
        String overlapEast = uniqueId("acc");
        String overlapWest = uniqueId("acc");
        String moveEast = uniqueId("acc");
        String moveWest = uniqueId("acc");
        postAccount(account(overlapEast, "x", eastCity, null, null, "1.00", 1)).statusCode(201);
        postAccount(account(overlapWest, "x", westCity, null, null, "1.00", 1)).statusCode(201);
        postAccount(account(moveEast, eastCity, "nowhere", null, null, "5.00", 1)).statusCode(201);
        postAccount(account(moveWest, westCity, "nowhere", null, null, "5.00", 1)).statusCode(201);
        String b = uniqueId("MB");
        createModel(b, a).statusCode(201);
        addRule(b, "mv-e", e2, 9, test("accountId", moveEast)).statusCode(201);
        addRule(b, "mv-w", w2, 9, test("accountId", moveWest)).statusCode(201);
        String proposal = asPlanner().contentType(ContentType.JSON).body(Map.of("modelId", b))
                .post("/api/territories/" + west + "/balancing-proposals").then().statusCode(201).extract().path("id");

        String repEast = QuotaInfraResource.scopedToken("rita", List.of(east), Roles.REP);
        String viewerEast = QuotaInfraResource.scopedToken("vera", List.of(east), Roles.VIEWER);
        asPlanner().get("/api/territory-models/" + a).then().body("overlaps", org.hamcrest.Matchers.greaterThanOrEqualTo(2));
        for (String token : List.of(repEast, viewerEast)) {
            as(token).get("/api/territory-models/" + a).then().statusCode(200).body("overlaps", equalTo(1))
                    .body("orphans", equalTo(0));
            as(token).get("/api/territory-models?size=500").then().statusCode(200)
                    .body("items.find { it.id == '" + a + "' }.overlaps", equalTo(1));
            as(token).get("/api/assignments/conflicts?size=500&modelId=" + a).then().statusCode(200)
                    .body("items.accountId", hasItem(overlapEast)).body("items.accountId", not(hasItem(overlapWest)));
            as(token).get("/api/territory-models/" + a + "/rules?size=500").then().statusCode(200)
                    .body("items.territoryId", hasItem(e1)).body("items.territoryId", not(hasItem(w1)))
                    .body("items.territoryId", not(hasItem(w2)));
            as(token).get("/api/territories/" + e1 + "/stats?modelId=" + b).then().statusCode(200);
            missing(as(token).get("/api/territories/" + w1 + "/stats?modelId=" + b));
            as(token).get("/api/territory-rankings?size=500&modelId=" + b).then().statusCode(200)
                    .body("items.territoryId", hasItem(e2)).body("items.territoryId", not(hasItem(w2)));
            missing(as(token).get("/api/territory-models/" + uniqueId("ghost")));
        }
        as(viewerEast).get("/api/territory-models/" + b + "/comparison?with=" + a).then().statusCode(200)
                .body("movedAccounts", equalTo(1)).body("moves.accountId", equalTo(List.of(moveEast)))
                .body("territories.territoryId", hasItem(e2)).body("territories.territoryId", not(hasItem(w2)))
                .body("conflictsA", equalTo(1));
        asPlanner().get("/api/territory-models/" + b + "/comparison?with=" + a + "&maxMoves=500").then()
                .body("moves.accountId", hasItem(moveWest));
        missing(as(viewerEast).get("/api/territories/" + west + "/balancing-proposals/" + proposal));
        // a rep without a territories claim sees no territory's conflicts
        as(QuotaInfraResource.token("r", Roles.REP)).get("/api/territory-models/" + a).then().body("overlaps", equalTo(0));
    }

    private static void missing(Response r) {
        assertEquals(404, r.statusCode(), r.asString());
        assertEquals("application/problem+json", r.contentType());
    }
}
