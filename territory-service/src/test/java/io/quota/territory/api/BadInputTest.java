package io.quota.territory.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.quota.territory.Callers.asAdmin;
import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.post;
import static io.quota.territory.TestData.territory;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Bad input is a 4xx application/problem+json that names the offending field, and changes nothing. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class BadInputTest {
    private String region;
    private String leaf;

    @BeforeEach
    void aRegionWithALeaf() {
        region = uniqueId("REG");
        leaf = uniqueId("LEAF");
        create(region, null, "REGION");
        create(leaf, region, "GEOGRAPHIC");
    }

    @Test
    void missingNames() {
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", null, null, "1.00"), 422, "nameZh");
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", "  ", "", "1.00"), 422, "nameZh");
    }

    @Test
    void namesTooLong() {
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", "华".repeat(201), null, null), 400, "nameZh");
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", null, "e".repeat(201), null), 400, "nameEn");
    }

    @Test
    void badIds() {
        rejected(territory("华东", region, "GEOGRAPHIC", "华东", null, null), 400, "id");
        rejected(territory("EAST CHINA", region, "GEOGRAPHIC", "华东", null, null), 400, "id");
        rejected(territory("a~b", region, "GEOGRAPHIC", "华东", null, null), 400, "id");
        rejected(territory("x".repeat(65), region, "GEOGRAPHIC", "华东", null, null), 400, "id");
        rejected(territory("", region, "GEOGRAPHIC", "华东", null, null), 400, "id");
        rejected(territory(null, region, "GEOGRAPHIC", "华东", null, null), 400, "id");
        rejected(territory(uniqueId("N"), "bad/parent", "GEOGRAPHIC", "华东", null, null), 400, "parentId");
        asPlanner().get("/api/territories/bad~id").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id"));
    }

    @Test
    void badPotential() {
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", "华东", null, "-1.00"), 400, "potential");
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", "华东", null, "abc"), 400, "potential");
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", "华东", null, "1.001"), 400, "potential");
        rejected(territory(uniqueId("N"), region, "GEOGRAPHIC", "华东", null, "1" + "0".repeat(18)), 400, "potential");
    }

    @Test
    void badType() {
        rejected(territory(uniqueId("N"), region, null, "华东", null, null), 400, "type");
        rejected(territory(uniqueId("N"), region, "PLANET", "华东", null, null), 400, "type");
    }

    @Test
    void unknownField() {
        Map<String, Object> body = territory(uniqueId("N"), region, "GEOGRAPHIC", "华东", null, null);
        body.put("colour", "red");
        rejected(body, 400, "colour");
    }

    @Test
    void malformedJson() {
        asPlanner().contentType(ContentType.JSON).body("{\"id\":").post("/api/territories").then()
                .statusCode(400).contentType("application/problem+json").body("detail", containsString("JSON"));
        asPlanner().contentType(ContentType.JSON).body("").post("/api/territories").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void unknownParent() {
        rejected(territory(uniqueId("N"), uniqueId("NOWHERE"), "GEOGRAPHIC", "华东", null, null), 422, "parentId");
    }

    @Test
    void aLeafAsParent() {
        rejected(territory(uniqueId("N"), leaf, "GEOGRAPHIC", "华东", null, null), 422, "parentId")
                .body("detail", containsString("only a REGION"));
    }

    @Test
    void badUpdates() {
        int version = asPlanner().get("/api/territories/" + leaf).then().extract().path("version");
        Map<String, Object> missingStatus = Map.of("parentId", region, "type", "GEOGRAPHIC", "nameZh", "x");
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(missingStatus)
                .put("/api/territories/" + leaf).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("status"));
        Map<String, Object> withId = Map.of("id", leaf, "type", "GEOGRAPHIC", "nameZh", "x", "status", "ACTIVE");
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(withId)
                .put("/api/territories/" + leaf).then().statusCode(400).body("field", equalTo("id"));
        asPlanner().get("/api/territories/" + leaf).then().body("version", equalTo(version));
    }

    @Test
    void badQueryParameters() {
        asPlanner().queryParam("size", 501).get("/api/territories").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("size"));
        asPlanner().queryParam("page", "abc").get("/api/territories").then().statusCode(400).body("field", equalTo("page"));
        asPlanner().queryParam("type", "PLANET").get("/api/territories").then().statusCode(400).body("field", equalTo("type"));
        asPlanner().queryParam("status", "GONE").get("/api/territories").then().statusCode(400)
                .body("field", equalTo("status"));
        asPlanner().queryParam("parentId", "a b").get("/api/territories").then().statusCode(400)
                .body("field", equalTo("parentId"));
        asAdmin().queryParam("entityId", "a~b").get("/api/audit").then().statusCode(400)
                .body("field", equalTo("entityId"));
    }

    private static io.restassured.response.ValidatableResponse rejected(Map<String, Object> body, int status,
                                                                        String field) {
        io.restassured.response.ValidatableResponse answer = post(body).statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status)).body("field", equalTo(field));
        Object id = body.get("id");
        if (id instanceof String s && s.matches(ApiIds.ID)) {
            asPlanner().get("/api/territories/" + s).then().statusCode(404);
        }
        return answer;
    }
}
