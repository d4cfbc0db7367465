package io.quota.kpi.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Bad input is a 4xx application/problem+json naming the field (with the item's index in a batch). */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class RestValidationTest {

    @Test
    void eachBadFieldOfAnActualIsNamedWithItsIndex() {
        rejected(List.of(good(), with("value", "12.1234567")), 400, "[1].value");
        rejected(List.of(with("value", "1234567890123456789")), 400, "[0].value");
        rejected(List.of(with("value", "lots")), 400, "[0].value");
        rejected(List.of(with("metric", "BOGUS")), 400, "[0].metric");
        rejected(List.of(with("unit", "cny")), 400, "[0].unit");
        rejected(List.of(with("businessDate", "1989-12-31")), 400, "[0].businessDate");
        rejected(List.of(with("businessDate", "2027-02-30")), 400, "[0].businessDate");
        rejected(List.of(with("territoryId", "EA ST")), 400, "[0].territoryId");
        rejected(List.of(with("territoryId", null)), 400, "[0].territoryId");
        rejected(List.of(with("channel", "CARRIER_PIGEON")), 400, "[0].channel");
        rejected(List.of(with("eventId", "not-a-uuid")), 400, "[0].eventId");
        rejected(List.of(with("colour", "red")), 400, "[0].colour");
        rejected(List.of(good(), good(), good(), with("value", null)), 400, "[3].value");
        // a derived KPI is computed, never recorded
        rejected(List.of(with("metric", "CONVERSION_RATE")), 422, "[0].metric");
    }

    @Test
    void aDateTooFarAheadOfTheBusinessClockIsRefused() {
        LocalDate today = LocalDate.parse(given().get("/api/admin/clock").then().statusCode(200)
                .extract().path("today"));
        rejected(List.of(with("businessDate", today.plusDays(367).toString())), 400, "[0].businessDate");
    }

    @Test
    void aBadItemListsEveryError() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body(List.of(with("unit", "x"), with("value", "y")))
                .post("/api/actuals").then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(2)).body("errors[1].field", equalTo("[1].value"));
    }

    @Test
    void theIdempotencyKeyIsRequiredUnlessEveryItemHasAnEventId() {
        given().contentType(ContentType.JSON).body(List.of(good())).post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
        String id = UUID.randomUUID().toString();
        given().contentType(ContentType.JSON).body(with("eventId", id)).post("/api/actuals")
                .then().statusCode(202).body("eventIds[0]", equalTo(id));
    }

    @Test
    void theBodyMustBeAnActualOrABoundedArray() {
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("[]").post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("\"text\"").post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("[{").post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json");
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add(Map.of("metric", "VISITS"));
        }
        given().contentType(ContentType.JSON).header("Idempotency-Key", "k").body(tooMany).post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
    }

    @Test
    void attainmentQueriesAreChecked() {
        given().get("/api/attainment").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("plan"));
        given().queryParam("plan", "NO-SUCH-PLAN").get("/api/attainment").then().statusCode(404)
                .contentType("application/problem+json");
        for (String period : List.of("2027-13", "2027-Q5", "FY2027-X", "soon")) {
            given().queryParam("plan", "P").queryParam("period", period).get("/api/attainment").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("period"));
        }
        given().queryParam("plan", "P").queryParam("period", "2027").queryParam("from", "2027-01-01")
                .get("/api/attainment").then().statusCode(400).body("field", equalTo("period"));
        given().queryParam("plan", "P").queryParam("from", "2027-03-01").get("/api/attainment")
                .then().statusCode(400).body("field", equalTo("to"));
        given().queryParam("plan", "P").queryParam("from", "2027-03-10").queryParam("to", "2027-03-01")
                .get("/api/attainment").then().statusCode(400).body("field", equalTo("to"));
        given().queryParam("plan", "P").queryParam("asOf", "yesterday").get("/api/attainment")
                .then().statusCode(400).body("field", equalTo("asOf"));
        given().queryParam("plan", "P P").get("/api/attainment").then().statusCode(400).body("field", equalTo("plan"));
        given().queryParam("plan", "P").queryParam("productLine", "X").get("/api/attainment")
                .then().statusCode(400).body("field", equalTo("productLine"));
    }

    @Test
    void driftListingsAreChecked() {
        given().queryParam("state", "LOST").get("/api/drifts").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("state"));
        given().queryParam("size", "501").get("/api/drifts").then().statusCode(400).body("field", equalTo("size"));
        given().queryParam("page", "-1").get("/api/drifts").then().statusCode(400).body("field", equalTo("page"));
        given().get("/api/drifts").then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(50));
    }

    @Test
    void theClockTakesADate() {
        given().contentType(ContentType.JSON).body("{\"today\":\"someday\"}").put("/api/admin/clock")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("today"));
        given().contentType(ContentType.JSON).body("{\"today\":\"1900-01-01\"}").put("/api/admin/clock")
                .then().statusCode(400).body("field", equalTo("today"));
        given().contentType(ContentType.JSON).body("{}").put("/api/admin/clock")
                .then().statusCode(400).body("field", containsString("today"));
    }

    private static void rejected(List<Map<String, Object>> batch, int status, String field) {
        ValidatableResponse response = given().contentType(ContentType.JSON).header("Idempotency-Key", "bad-" + field)
                .body(batch).post("/api/actuals").then();
        response.statusCode(status).contentType("application/problem+json").body("field", equalTo(field));
    }

    private static Map<String, Object> good() {
        Map<String, Object> actual = new HashMap<>();
        actual.put("metric", "VISITS");
        actual.put("value", "1");
        actual.put("unit", "COUNT");
        actual.put("businessDate", "2027-03-10");
        actual.put("territoryId", "VALIDATION");
        return actual;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> actual = good();
        actual.put(field, value);
        return actual;
    }
}
