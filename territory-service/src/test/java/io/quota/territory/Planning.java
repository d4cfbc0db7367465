package io.quota.territory;

import io.quota.contracts.events.AccountAssignmentChanged;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.quota.territory.Callers.asPlanner;

/**
 * Models, rules, accounts and reps for the REST tests. All test classes share one database, and a model assigns
 * every account: so each test uses its own provinces, deactivates accounts it leaves in conflict, and a model
 * that must activate cleanly first gets the shared catch-all rule (every CN account with no better territory goes
 * to TEST-REST at priority 0; test rules use priority 1 and up).
 */
public final class Planning {
    public static final String CATCH_ALL_TERRITORY = "TEST-REST";
    public static final String CATCH_ALL_REGION = "TEST-ROOT";

    public static ValidatableResponse createModel(String id, String basedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "model " + id);
        if (basedOn != null) {
            body.put("basedOn", basedOn);
        }
        return asPlanner().contentType(ContentType.JSON).body(body).post("/api/territory-models").then();
    }

    public static Map<String, Object> test(String attribute, String... values) {
        return Map.of("attribute", attribute, "values", List.of(values));
    }

    public static Map<String, Object> and(Object... parts) {
        return Map.of("and", List.of(parts));
    }

    public static Map<String, Object> or(Object... parts) {
        return Map.of("or", List.of(parts));
    }

    public static ValidatableResponse addRule(String model, String ruleId, String territory, int priority,
                                              Object condition) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", ruleId);
        body.put("territoryId", territory);
        body.put("priority", priority);
        body.put("condition", condition);
        return asPlanner().contentType(ContentType.JSON).body(body)
                .post("/api/territory-models/" + model + "/rules").then();
    }

    /** Gives the model the shared catch-all (idempotent: the rule is copied into models based on this one). */
    public static void ensureCatchAll(String model) {
        asPlanner().contentType(ContentType.JSON).body(TestData.territory(CATCH_ALL_REGION, null, "REGION", "测试", null, null))
                .post("/api/territories").then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
        asPlanner().contentType(ContentType.JSON).body(TestData.territory(CATCH_ALL_TERRITORY, CATCH_ALL_REGION,
                        "GEOGRAPHIC", "其他", null, null))
                .post("/api/territories").then().statusCode(org.hamcrest.Matchers.anyOf(
                        org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
        addRule(model, "test-catch-all", CATCH_ALL_TERRITORY, 0, test("country", "CN"))
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(201), org.hamcrest.Matchers.is(409)));
    }

    public static Map<String, Object> account(String id, String province, String city, String postal, String industry,
                                              String potential, int workload) {
        Map<String, Object> body = new HashMap<>();
        body.put("id", id);
        body.put("name", "客户 " + id);
        body.put("province", province);
        body.put("city", city);
        body.put("postalCode", postal);
        body.put("industry", industry);
        body.put("customerType", "B2B");
        body.put("potential", potential);
        body.put("currency", "CNY");
        body.put("workload", workload);
        body.values().removeIf(java.util.Objects::isNull);
        return body;
    }

    public static ValidatableResponse postAccount(Map<String, Object> body) {
        return asPlanner().contentType(ContentType.JSON).body(body).post("/api/accounts").then();
    }

    public static ValidatableResponse activate(String model, String effectiveFrom, boolean force, String reason) {
        Map<String, Object> body = new HashMap<>();
        if (effectiveFrom != null) {
            body.put("effectiveFrom", effectiveFrom);
        }
        body.put("force", force);
        if (reason != null) {
            body.put("reason", reason);
        }
        return asPlanner().contentType(ContentType.JSON).body(body)
                .post("/api/territory-models/" + model + "/activate").then();
    }

    /** The ACTIVE model's id, or null. */
    public static String activeModel() {
        List<String> ids = asPlanner().get("/api/territory-models?status=ACTIVE").then().statusCode(200)
                .extract().path("items.id");
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Takes an account out of assignment (it stops being anyone's conflict). */
    public static void deactivate(String accountId) {
        var r = asPlanner().get("/api/accounts/" + accountId).then().statusCode(200).extract();
        Map<String, Object> body = new HashMap<>();
        for (String field : List.of("name", "country", "province", "city", "postalCode", "industry", "customerType",
                "potential", "currency", "workload")) {
            body.put(field, r.jsonPath().get(field));
        }
        body.put("potential", r.jsonPath().getString("potential"));
        body.values().removeIf(java.util.Objects::isNull);
        body.put("status", "INACTIVE");
        asPlanner().contentType(ContentType.JSON).header("If-Match", r.header("ETag")).body(body)
                .put("/api/accounts/" + accountId).then().statusCode(200);
    }

    /** The account's effective-dated history as the REST API shows it. */
    public static List<AccountAssignmentChanged.Span> history(String accountId) {
        List<Map<String, String>> spans = asPlanner().get("/api/accounts/" + accountId + "/history").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return spans.stream().map(s -> new AccountAssignmentChanged.Span(s.get("territoryId"), LocalDate.parse(s.get("from")),
                s.get("to") == null ? null : LocalDate.parse(s.get("to")))).toList();
    }

    /** The last n elements (a history's spans from some date on). */
    public static <T> List<T> tail(List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }

    private Planning() {
    }
}
