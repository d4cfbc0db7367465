package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.Planning.account;
import static io.quota.territory.Planning.activate;
import static io.quota.territory.Planning.addRule;
import static io.quota.territory.Planning.and;
import static io.quota.territory.Planning.createModel;
import static io.quota.territory.Planning.postAccount;
import static io.quota.territory.Planning.test;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad rules, accounts and models: 4xx problem+json naming the field, nothing stored. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class PlanningBadInputTest {
    @Test
    void rulesOnUnknownAttributesRegionsOrMissingTerritoriesAreRefused() {
        String region = uniqueId("R");
        String leaf = uniqueId("L");
        create(region, null, "REGION");
        create(leaf, region, "GEOGRAPHIC");
        String model = uniqueId("M");
        createModel(model, null).statusCode(201);
        addRule(model, "r1", leaf, 1, test("district", "x")).statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("condition.attribute"))
                .body("detail", containsString("district"));
        addRule(model, "r1", leaf, 1, and(test("city", "x"), test("street", "y"))).statusCode(422)
                .body("field", equalTo("condition.and[1].attribute"));
        addRule(model, "r1", leaf, 1, test("city")).statusCode(422).body("field", equalTo("condition.values"));
        addRule(model, "r1", leaf, 1, Map.of("and", java.util.List.of())).statusCode(422)
                .body("field", equalTo("condition.and"));
        addRule(model, "r1", region, 1, test("city", "x")).statusCode(422).body("field", equalTo("territoryId"));
        addRule(model, "r1", uniqueId("ghost"), 1, test("city", "x")).statusCode(422)
                .body("field", equalTo("territoryId"));
        addRule(model, "r1", leaf, -1, test("city", "x")).statusCode(400).body("field", equalTo("priority"));
        asPlanner().get("/api/territory-models/" + model + "/rules?territoryId=" + leaf).then().statusCode(200)
                .body("total", equalTo(0));
        addRule(uniqueId("nomodel"), "r1", leaf, 1, test("city", "x")).statusCode(404);
        createModel(model, null).statusCode(409);
        createModel(uniqueId("M"), uniqueId("ghost")).statusCode(422).body("field", equalTo("basedOn"));
    }

    @Test
    void statsAndRankingOfAnUnknownTerritoryAre404() {
        String ghost = uniqueId("ghost");
        asPlanner().get("/api/territories/" + ghost + "/stats").then().statusCode(404)
                .contentType("application/problem+json");
        asPlanner().get("/api/territory-rankings?parentId=" + ghost).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyAPlanningModelIsEdited() {
        String region = uniqueId("R");
        String leaf = uniqueId("L");
        create(region, null, "REGION");
        create(leaf, region, "GEOGRAPHIC");
        String model = uniqueId("M");
        createModel(model, null).statusCode(201);
        activate(model, null, true, "test: make a model ACTIVE whatever the shared data holds").statusCode(200);
        addRule(model, "r1", leaf, 1, test("city", "x")).statusCode(422).body("field", equalTo("modelId"));
        activate(model, null, true, "again").statusCode(422).body("field", equalTo("modelId"));
        asPlanner().contentType(ContentType.JSON).body(Map.of("effectiveFrom", "1800-01-01"))
                .post("/api/territory-models/" + uniqueId("M") + "/activate").then().statusCode(400)
                .body("field", equalTo("effectiveFrom"));
    }

    @Test
    void negativePotentialOrWorkloadAndForeignCurrenciesAreRefused() {
        String id = uniqueId("acc");
        postAccount(account(id, "浙江", "杭州", "310000", "C27", "-1.00", 1)).statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("potential"));
        postAccount(account(id, "浙江", "杭州", "310000", "C27", "1.00", -5)).statusCode(400)
                .body("field", equalTo("workload"));
        postAccount(account(id, "浙江", "杭州", "310000", "C27", "1.001", 1)).statusCode(400)
                .body("field", equalTo("potential"));
        Map<String, Object> usd = account(id, "浙江", "杭州", "310000", "C27", "1.00", 1);
        usd.put("currency", "USD");
        postAccount(usd).statusCode(422).body("field", equalTo("currency"));
        Map<String, Object> type = account(id, "浙江", "杭州", "310000", "C27", "1.00", 1);
        type.put("customerType", "B2X");
        postAccount(type).statusCode(400).body("field", equalTo("customerType"));
        Map<String, Object> postal = account(id, "浙江", "杭州", "31/0000", "C27", "1.00", 1);
        postAccount(postal).statusCode(422).body("field", equalTo("postalCode"));
        asPlanner().get("/api/accounts/" + id).then().statusCode(404);

        postAccount(account(id, "浙江", "杭州", "310000", "C27", "1.00", 1)).statusCode(201);
        postAccount(account(id, "浙江", "杭州", "310000", "C27", "1.00", 1)).statusCode(409);
        asPlanner().contentType(ContentType.JSON).body(account(id, "浙江", "杭州", "310000", "C27", "2.00", 1))
                .put("/api/accounts/" + id).then().statusCode(428).body("field", equalTo("If-Match"));
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"99\"")
                .body(account(id, "浙江", "杭州", "310000", "C27", "2.00", 1))
                .put("/api/accounts/" + id).then().statusCode(412);
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(account(id, "浙江", "杭州", "310000", "C27", "-2.00", 1))
                .put("/api/accounts/" + id).then().statusCode(400).body("field", equalTo("potential"));
        asPlanner().get("/api/accounts/" + id).then().body("potential", equalTo("1.00"));
        asPlanner().get("/api/assignments/conflicts?type=LOST").then().statusCode(400).body("field", equalTo("type"));
    }
}
