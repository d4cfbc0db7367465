package io.quota.kpi.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asIngest;
import static io.quota.kpi.it.Callers.asViewer;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        LocalDate today = LocalDate.parse(asAdmin().get("/api/admin/clock").then().statusCode(200)
                .extract().path("today"));
        rejected(List.of(with("businessDate", today.plusDays(367).toString())), 400, "[0].businessDate");
    }

    @Test
    void aBadItemListsEveryError() {
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "k").body(List.of(with("unit", "x"), with("value", "y")))
                .post("/api/actuals").then().statusCode(400).contentType("application/problem+json")
                .body("errors", hasSize(2)).body("errors[1].field", equalTo("[1].value"));
    }

    @Test
    void theIdempotencyKeyIsRequiredUnlessEveryItemHasAnEventId() {
        asIngest().contentType(ContentType.JSON).body(List.of(good())).post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
        String id = UUID.randomUUID().toString();
        asIngest().contentType(ContentType.JSON).body(with("eventId", id)).post("/api/actuals")
                .then().statusCode(202).body("eventIds[0]", equalTo(id));
    }

    @Test
    void theBodyMustBeAnActualOrABoundedArray() {
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("[]").post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("\"text\"").post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "k").body("[{").post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json");
        List<Map<String, String>> tooMany = new ArrayList<>();
        for (int i = 0; i <= 10_000; i++) {
            tooMany.add(Map.of("metric", "VISITS"));
        }
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "k").body(tooMany).post("/api/actuals")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("body"));
    }

    @Test
    void attainmentQueriesAreChecked() {
        asViewer().get("/api/attainment").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("plan"));
        asViewer().queryParam("plan", "NO-SUCH-PLAN").get("/api/attainment").then().statusCode(404)
                .contentType("application/problem+json");
        for (String period : List.of("2027-13", "2027-Q5", "FY2027-X", "soon")) {
            asViewer().queryParam("plan", "P").queryParam("period", period).get("/api/attainment").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("period"));
        }
        asViewer().queryParam("plan", "P").queryParam("period", "2027").queryParam("from", "2027-01-01")
                .get("/api/attainment").then().statusCode(400).body("field", equalTo("period"));
        asViewer().queryParam("plan", "P").queryParam("from", "2027-03-01").get("/api/attainment")
                .then().statusCode(400).body("field", equalTo("to"));
        asViewer().queryParam("plan", "P").queryParam("from", "2027-03-10").queryParam("to", "2027-03-01")
                .get("/api/attainment").then().statusCode(400).body("field", equalTo("to"));
        asViewer().queryParam("plan", "P").queryParam("asOf", "yesterday").get("/api/attainment")
                .then().statusCode(400).body("field", equalTo("asOf"));
        asViewer().queryParam("plan", "P P").get("/api/attainment").then().statusCode(400).body("field", equalTo("plan"));
        asViewer().queryParam("plan", "P").queryParam("productLine", "X X").get("/api/attainment")
                .then().statusCode(400).body("field", equalTo("productLine"));
        asViewer().queryParam("plan", "P").queryParam("groupBy", "territory,weather").get("/api/attainment")
                .then().statusCode(400).body("field", equalTo("groupBy"));
    }

    @Test
    void driftListingsAreChecked() {
        asViewer().queryParam("state", "LOST").get("/api/drifts").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("state"));
        asViewer().queryParam("size", "501").get("/api/drifts").then().statusCode(400).body("field", equalTo("size"));
        asViewer().queryParam("page", "-1").get("/api/drifts").then().statusCode(400).body("field", equalTo("page"));
        asViewer().get("/api/drifts").then().statusCode(200).body("page", equalTo(0)).body("size", equalTo(50));
    }

    @Test
    void theClockTakesADate() {
        asAdmin().contentType(ContentType.JSON).body("{\"today\":\"someday\"}").put("/api/admin/clock")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("today"));
        asAdmin().contentType(ContentType.JSON).body("{\"today\":\"1900-01-01\"}").put("/api/admin/clock")
                .then().statusCode(400).body("field", equalTo("today"));
        asAdmin().contentType(ContentType.JSON).body("{}").put("/api/admin/clock")
                .then().statusCode(400).body("field", containsString("today"));
    }

    @Test
    void stringsIdsAndNumbersOfAnActualAreBounded() {
        rejected(List.of(with("source", "s".repeat(101))), 400, "[0].source");
        rejected(List.of(with("repId", "r".repeat(65))), 400, "[0].repId");
        rejected(List.of(with("accountId", "a".repeat(65))), 400, "[0].accountId");
        rejected(List.of(with("productLine", "")), 400, "[0].productLine");
        rejected(List.of(with("value", "9".repeat(19))), 400, "[0].value");
        rejected(List.of(with("value", "1".repeat(5000))), 400, "[0].value");
        rejected(List.of(with("value", "0." + "1".repeat(5000))), 400, "[0].value");
        rejected(List.of(with("value", "1E+999999999"), good()), 400, "[0].value");
        rejected(List.of(with("businessDate", "+10000-01-01")), 400, "[0].businessDate");
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201)).body(List.of(good()))
                .post("/api/actuals").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("Idempotency-Key"));
        // the largest that passes: 18 digits before the point, 6 after (negative: a reversal names its original)
        asIngest().contentType(ContentType.JSON).body(Map.of("eventId", UUID.randomUUID().toString(), "metric", "VISITS",
                        "value", "-999999999999999999.999999", "unit", "COUNT", "businessDate", "1990-01-01",
                        "territoryId", "V".repeat(64), "source", "s".repeat(100),
                        "reversalOf", UUID.randomUUID().toString()))
                .post("/api/actuals").then().statusCode(202);
    }

    @Test
    void queryParametersAreBounded() {
        asViewer().queryParam("plan", "P".repeat(65)).get("/api/attainment").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("plan"));
        asViewer().queryParam("plan", "P").queryParam("territory", "T".repeat(65)).get("/api/attainment").then()
                .statusCode(400).body("field", equalTo("territory"));
        asViewer().queryParam("plan", "P").queryParam("asOf", "2200-01-01").get("/api/attainment").then()
                .statusCode(400).body("field", equalTo("asOf"));
        asViewer().queryParam("plan", "P").queryParam("from", "1989-12-31").queryParam("to", "2027-01-01")
                .get("/api/attainment").then().statusCode(400).body("field", equalTo("from"));
        asViewer().queryParam("plan", "P").queryParam("period", "2200").get("/api/attainment").then()
                .statusCode(400).body("field", equalTo("period"));
        asViewer().queryParam("plan", "P").queryParam("period", "2027-03-01-extra").get("/api/attainment").then()
                .statusCode(400).body("field", equalTo("period"));
        asViewer().queryParam("plan", "P".repeat(65)).get("/api/drifts").then().statusCode(400)
                .body("field", equalTo("plan"));
        asViewer().queryParam("page", "99999999999").get("/api/drifts").then().statusCode(400)
                .body("field", equalTo("page"));
    }

    /** Refused from its declared length alone, before a byte of it is read (or a token is checked). */
    @Test
    void aBodyOverTheLimitIsRefusedAsAProblem() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/actuals HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + Callers.INGEST
                    + "\r\nContent-Type: application/json\r\nIdempotency-Key: big\r\nContent-Length: "
                    + (11 * 1024 * 1024) + "\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains("\"field\":\"body\""), response);
        }
    }

    /** One HTTP/1.1 response: the head, then as many body bytes as its Content-Length says. */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int headEnd = -1;
        int length = 0;
        int b;
        while ((b = in.read()) >= 0) {
            read.write(b);
            String text = read.toString(StandardCharsets.UTF_8);
            if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                headEnd = text.length();
                Matcher m = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            }
            if (headEnd >= 0 && read.size() >= headEnd + length) {
                break;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static void rejected(List<Map<String, Object>> batch, int status, String field) {
        ValidatableResponse response = asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "bad-" + field)
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
