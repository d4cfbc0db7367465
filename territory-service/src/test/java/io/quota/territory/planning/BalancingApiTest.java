package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.Planning.account;
import static io.quota.territory.Planning.addRule;
import static io.quota.territory.Planning.createModel;
import static io.quota.territory.Planning.postAccount;
import static io.quota.territory.Planning.test;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A region whose cities are unevenly spread gets a proposal that evens them out, applied as rules to the model. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class BalancingApiTest {
    @Test
    void aCityProposalCutsTheSpreadAndApplyingItMovesTheCities() {
        String province = uniqueId("BP");
        String region = uniqueId("R");
        String big = uniqueId("BIG");
        String small = uniqueId("SMALL");
        create(region, null, "REGION");
        create(big, region, "GEOGRAPHIC");
        create(small, region, "GEOGRAPHIC");
        String model = uniqueId("M");
        createModel(model, null).statusCode(201);
        addRule(model, "big", big, 1, test("province", province)).statusCode(201);
        addRule(model, "small", small, 2, test("city", province + "-C9")).statusCode(201);
        // BIG holds cities C0..C3 (4 accounts each, 100.00 apiece), SMALL city C9 (1 account)
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 4; i++) {
                postAccount(account(uniqueId("ba"), province, province + "-C" + c, null, null, "100.00", 10)).statusCode(201);
            }
        }
        postAccount(account(uniqueId("ba"), province, province + "-C9", null, null, "100.00", 10)).statusCode(201);

        Map<String, Object> options = new HashMap<>();
        options.put("modelId", model);
        options.put("unit", "CITY");
        options.put("maxMovedAccounts", 100);
        options.put("tolerance", "0.05");
        options.put("lockedUnits", java.util.List.of("city:" + province + "-C0"));
        JsonPath p = asPlanner().contentType(ContentType.JSON).body(options)
                .post("/api/territories/" + region + "/balancing-proposals").then().statusCode(201)
                .body("status", equalTo("PROPOSED")).extract().jsonPath();
        String id = p.getString("id");
        assertTrue(p.getDouble("potentialPerRep.after.coefficientOfVariation")
                < p.getDouble("potentialPerRep.before.coefficientOfVariation"));
        assertEquals(16.0 / 1.0, p.getDouble("potentialPerRep.before.maxMinRatio"), 1e-9);
        int moved = p.getInt("movedAccounts");
        assertEquals(8, moved, "two cities of four accounts: 8/9 against 9/8... the best whole-city split");
        assertTrue(p.getList("moves.value").stream().noneMatch(v -> v.equals(province + "-C0")), "C0 is locked");

        asPlanner().contentType(ContentType.JSON).body(Map.of())
                .post("/api/territories/" + region + "/balancing-proposals/" + id + "/apply").then().statusCode(200)
                .body("proposal.status", equalTo("APPLIED")).body("model.status", equalTo("PLANNING"));
        asPlanner().get("/api/territories/" + small + "/stats?modelId=" + model).then()
                .body("accounts", equalTo(9));
        asPlanner().get("/api/territories/" + big + "/stats?modelId=" + model).then()
                .body("accounts", equalTo(8));
        // applied once only
        asPlanner().contentType(ContentType.JSON).body(Map.of())
                .post("/api/territories/" + region + "/balancing-proposals/" + id + "/apply").then().statusCode(409);
        // a leaf is not a region; a proposal needs a PLANNING model
        options.put("modelId", model);
        asPlanner().contentType(ContentType.JSON).body(options)
                .post("/api/territories/" + big + "/balancing-proposals").then().statusCode(422)
                .body("field", equalTo("regionId"));
        options.put("tolerance", "2");
        asPlanner().contentType(ContentType.JSON).body(options)
                .post("/api/territories/" + region + "/balancing-proposals").then().statusCode(400)
                .body("field", equalTo("tolerance"));
    }
}
