package io.quota.territory.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.quota.territory.Callers.PLANNER_NAME;
import static io.quota.territory.Callers.asAdmin;
import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.post;
import static io.quota.territory.TestData.territory;
import static io.quota.territory.TestData.uniqueId;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class TerritoryApiTest {

    @Test
    void aRegionAndItsLeavesAreCreatedAndReadBack() {
        String cn = uniqueId("CN");
        String east = uniqueId("EAST");
        String west = uniqueId("WEST");
        int version = post(territory(cn, null, "REGION", "中国", "China", null))
                .statusCode(201)
                .header("Location", endsWith("/api/territories/" + cn))
                .header("ETag", notNullValue())
                .body("id", equalTo(cn)).body("parentId", nullValue()).body("type", equalTo("REGION"))
                .body("status", equalTo("ACTIVE")).body("createdBy", equalTo(PLANNER_NAME))
                .extract().path("version");
        post(territory(east, cn, "GEOGRAPHIC", "华东", "East China", "88000000.00"))
                .statusCode(201)
                .body("parentId", equalTo(cn)).body("nameZh", equalTo("华东")).body("nameEn", equalTo("East China"))
                .body("potential", equalTo("88000000.00")).body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
        post(territory(west, cn, "INDUSTRY", null, "West", "5")).statusCode(201).body("potential", equalTo("5.00"));

        asPlanner().get("/api/territories/" + cn).then().statusCode(200)
                .header("ETag", equalTo("\"" + version + "\""))
                .body("nameZh", equalTo("中国")).body("version", equalTo(version));
        asPlanner().get("/api/territories/" + east).then().statusCode(200)
                .body("potential", equalTo("88000000.00")).body("type", equalTo("GEOGRAPHIC"));

        asPlanner().queryParam("parentId", cn).get("/api/territories").then().statusCode(200)
                .body("items.id", contains(east, west)).body("total", equalTo(2))
                .body("page", equalTo(0)).body("size", equalTo(50));
        asPlanner().queryParam("parentId", cn).queryParam("type", "INDUSTRY").get("/api/territories").then()
                .statusCode(200).body("items.id", contains(west)).body("total", equalTo(1));
        asPlanner().queryParam("parentId", cn).queryParam("size", 1).queryParam("page", 1).get("/api/territories").then()
                .statusCode(200).body("items.id", contains(west)).body("total", equalTo(2)).body("size", equalTo(1));
    }

    @Test
    void theSubtreeIsDepthFirstWithDepths() {
        String root = uniqueId("ROOT");
        String a = root + "-A";
        String b = root + "-B";
        String a1 = root + "-A1";
        create(root, null, "REGION");
        create(b, root, "SEGMENT");
        create(a, root, "REGION");
        create(a1, a, "NAMED_ACCOUNTS");

        asPlanner().get("/api/territories/" + root + "/subtree").then().statusCode(200)
                .body("rootId", equalTo(root)).body("total", equalTo(4))
                .body("items.id", contains(root, a, a1, b))
                .body("items.depth", contains(0, 1, 2, 1))
                .body("items[2].type", equalTo("NAMED_ACCOUNTS"));
        asPlanner().get("/api/territories/" + a + "/subtree").then().statusCode(200)
                .body("items.id", contains(a, a1));
        asPlanner().get("/api/territories/NOPE-" + root + "/subtree").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anUpdateNeedsTheCurrentVersion() {
        String cn = uniqueId("CN");
        String east = uniqueId("EAST");
        create(cn, null, "REGION");
        int v0 = post(territory(east, cn, "GEOGRAPHIC", "华东", "East", "100.00")).statusCode(201)
                .extract().path("version");
        Map<String, Object> change = Map.of("parentId", cn, "type", "GEOGRAPHIC", "nameZh", "华东区",
                "nameEn", "East China", "potential", "120.50", "status", "ACTIVE");

        put(east, null, change).statusCode(428).contentType("application/problem+json")
                .body("field", equalTo("If-Match"));
        put(east, "\"" + (v0 + 7) + "\"", change).statusCode(412).contentType("application/problem+json")
                .body("field", equalTo("If-Match"));
        put(east, "W/\"x\"", change).statusCode(400).body("field", equalTo("If-Match"));

        int v1 = put(east, "\"" + v0 + "\"", change).statusCode(200)
                .header("ETag", equalTo("\"" + (v0 + 1) + "\""))
                .body("nameZh", equalTo("华东区")).body("potential", equalTo("120.50"))
                .extract().path("version");
        assertEquals(v0 + 1, v1);
        asPlanner().get("/api/territories/" + east).then().statusCode(200)
                .header("ETag", equalTo("\"" + v1 + "\"")).body("nameEn", equalTo("East China"));

        // the version read before the change is stale now
        put(east, "\"" + v0 + "\"", change).statusCode(412);
        // the same state again changes nothing: no new version
        put(east, "\"" + v1 + "\"", change).statusCode(200).body("version", equalTo(v1));
        put(east, "\"" + v1 + "\"", Map.of("parentId", cn, "type", "GEOGRAPHIC", "nameEn", "East China",
                "status", "ARCHIVED")).statusCode(200).body("status", equalTo("ARCHIVED"))
                .body("nameZh", nullValue()).body("potential", nullValue());
        put(uniqueId("GHOST"), "\"0\"", change).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theTreeRulesAnswer422NamingTheField() {
        String cn = uniqueId("CN");
        String east = uniqueId("EAST");
        String shanghai = uniqueId("SH");
        create(cn, null, "REGION");
        create(east, cn, "REGION");
        create(shanghai, east, "GEOGRAPHIC");
        int cnVersion = asPlanner().get("/api/territories/" + cn).then().extract().path("version");
        int eastVersion = asPlanner().get("/api/territories/" + east).then().extract().path("version");

        put(cn, "\"" + cnVersion + "\"", Map.of("parentId", shanghai, "type", "REGION", "nameZh", cn,
                "status", "ACTIVE")).statusCode(422).body("field", equalTo("parentId"));
        put(cn, "\"" + cnVersion + "\"", Map.of("parentId", east, "type", "REGION", "nameZh", cn,
                "status", "ACTIVE")).statusCode(422).body("field", equalTo("parentId"))
                .body("detail", org.hamcrest.Matchers.containsString("cycle"));
        put(east, "\"" + eastVersion + "\"", Map.of("parentId", cn, "type", "REGION", "nameZh", east,
                "status", "ARCHIVED")).statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("status"));
        put(east, "\"" + eastVersion + "\"", Map.of("parentId", cn, "type", "SEGMENT", "nameZh", east,
                "status", "ACTIVE")).statusCode(422).body("field", equalTo("type"));
        // refused changes left everything as it was
        asPlanner().get("/api/territories/" + east).then().body("version", equalTo(eastVersion))
                .body("status", equalTo("ACTIVE"));
    }

    @Test
    void theSameIdTwiceIsAConflict() {
        String id = uniqueId("DUP");
        create(id, null, "REGION");
        post(territory(id, null, "GEOGRAPHIC", "重复", null, null)).statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));
        asPlanner().get("/api/territories/" + id).then().body("type", equalTo("REGION"));
    }

    @Test
    void aMissingTerritoryIs404() {
        asPlanner().get("/api/territories/" + uniqueId("NONE")).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
    }

    @Test
    void everyChangeIsInTheAuditTrail() {
        String id = uniqueId("AUD");
        int v0 = post(territory(id, null, "REGION", "审计", null, "1.00")).statusCode(201).extract().path("version");
        put(id, "\"" + v0 + "\"", Map.of("type", "REGION", "nameZh", "审计区", "potential", "2.00", "status", "ACTIVE"))
                .statusCode(200);

        asAdmin().queryParam("entityId", id).get("/api/audit").then().statusCode(200)
                .body("total", equalTo(2)).body("items", hasSize(2))
                .body("items.action", contains("UPDATED", "CREATED"))
                .body("items.entityType", contains("territory", "territory"))
                .body("items.actor", contains(PLANNER_NAME, PLANNER_NAME))
                .body("items[0].details.before.nameZh", equalTo("审计"))
                .body("items[0].details.after.nameZh", equalTo("审计区"))
                .body("items[0].details.after.potential", equalTo("2.00"))
                .body("items[1].details.after.id", equalTo(id))
                .body("items[1].at", notNullValue());
        asAdmin().queryParam("entityId", id).queryParam("size", 1).get("/api/audit").then().statusCode(200)
                .body("items.action", contains("UPDATED")).body("total", equalTo(2));
        // a refused change writes nothing
        put(id, "\"" + v0 + "\"", Map.of("type", "REGION", "nameZh", "x", "status", "ACTIVE")).statusCode(412);
        asAdmin().queryParam("entityId", id).get("/api/audit").then().body("total", equalTo(2));
    }

    @Test
    void ofConcurrentUpdatesFromTheSameVersionExactlyOneWins() throws Exception {
        String id = uniqueId("RACE");
        int v0 = post(territory(id, null, "REGION", "甲", null, null)).statusCode(201).extract().path("version");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "乙" + i;
                answers.add(pool.submit(() -> put(id, "\"" + v0 + "\"",
                        Map.of("type", "REGION", "nameZh", name, "status", "ACTIVE")).extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(3, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        asPlanner().get("/api/territories/" + id).then().body("version", equalTo(v0 + 1));
    }

    /** Open without a token (DESIGN.md section 6). */
    @Test
    void healthAndOpenApiAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/territories/{id}/subtree"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/audit"));
    }

    static io.restassured.response.ValidatableResponse put(String id, String ifMatch, Object body) {
        var request = asPlanner().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.put("/api/territories/" + id).then();
    }
}
