package io.quota.territory;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Territories for the REST tests, written by an unrestricted planner; every test takes fresh ids, since all test
 * classes share one database.
 */
public final class TestData {
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> territory(String id, String parentId, String type, String nameZh, String nameEn,
                                                String potential) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("parentId", parentId);
        body.put("type", type);
        body.put("nameZh", nameZh);
        body.put("nameEn", nameEn);
        body.put("potential", potential);
        body.values().removeIf(java.util.Objects::isNull);
        return body;
    }

    public static ValidatableResponse post(Object body) {
        return Callers.asPlanner().contentType(ContentType.JSON).body(body).post("/api/territories").then();
    }

    public static void create(String id, String parentId, String type) {
        post(territory(id, parentId, type, id, null, null)).statusCode(201);
    }

    private TestData() {
    }
}
