package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.quota.kpi.it.Callers.as;
import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asIngest;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Actuals through the REST API and their effects: CSV import, closed periods and audited adjustments, credit
 * splits, crediting through account history (and re-crediting), the unplanned bucket, and the totals endpoint
 * target-service reads.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class ActualsApiTest {
    private static final String PLANNER = QuotaInfraResource.token("test-planner", Roles.PLANNER);
    private static final String SERVICE = QuotaInfraResource.token("target-service", Roles.SERVICE);

    @Inject
    AgroalDataSource ds;

    @Test
    void aCsvWithBadRowsImportsNothingAndListsEveryBadLine() {
        String csv = """
                metric,value,unit,businessDate,territoryId,credits
                VISITS,1,COUNT,2027-03-10,CSV-T,
                VISITS,lots,COUNT,2027-03-10,CSV-T,
                VISITS,1,COUNT,2027-02-30,CSV-T,
                REVENUE,10.00,CNY,2027-03-10,CSV-T,R1:60;R2:30
                """;
        asIngest().contentType("text/csv").header("Idempotency-Key", "csv-bad").body(csv).post("/api/actuals/import")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors", hasSize(3))
                .body("errors[0].field", equalTo("line[3].value"))
                .body("errors[1].field", equalTo("line[4].businessDate"))
                .body("errors[2].field", equalTo("line[5].credits"))
                .body("errors[2].message", containsString("90"));
        asIngest().contentType("text/csv").header("Idempotency-Key", "csv-bad").body("metric,colour\nVISITS,red\n")
                .post("/api/actuals/import").then().statusCode(422).body("errors[0].field", equalTo("line[1]"));
        asIngest().contentType("text/csv").header("Idempotency-Key", "csv-bad").body("metric,value\n\"VISITS,1\n")
                .post("/api/actuals/import").then().statusCode(422).body("errors[0].message", containsString("quoted"));
        assertEquals(0, Sql.count(ds, "select count(*) from territory_daily where territory_id = 'CSV-T'"));

        String good = """
                metric,value,unit,businessDate,territoryId,source
                VISITS,1,COUNT,2027-03-10,CSV-T,"crm, export"
                VISITS,2,COUNT,2027-03-11,CSV-T,
                """;
        List<String> ids = asIngest().contentType("text/csv").header("Idempotency-Key", "csv-good").body(good)
                .post("/api/actuals/import").then().statusCode(202).extract().jsonPath().getList("eventIds");
        assertEquals(2, ids.size());
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select sum(total) from territory_daily where territory_id = 'CSV-T'") == 3);
    }

    @Test
    void badActualsAreNamedByField() {
        Map<String, Object> split = actual("REVENUE", "100.00", "CNY", "2027-03-10", "SPLIT-T");
        split.put("credits", List.of(Map.of("repId", "R1", "percent", "60"), Map.of("repId", "R2", "percent", "30")));
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "bad-split").body(List.of(split))
                .post("/api/actuals").then().statusCode(400).body("field", equalTo("[0].credits"));
        Map<String, Object> negative = actual("REVENUE", "-1.00", "CNY", "2027-03-10", "SPLIT-T");
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "bad-negative").body(List.of(negative))
                .post("/api/actuals").then().statusCode(400).body("field", equalTo("[0].reversalOf"));
        List<Map<String, Object>> tooMany = java.util.Collections.nCopies(10_001,
                actual("VISITS", "1", "COUNT", "2027-03-10", "SPLIT-T"));
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "too-many").body(tooMany)
                .post("/api/actuals").then().statusCode(400).body("field", equalTo("body"));
    }

    @Test
    void aSplitCreditsEachRepItsShareAndTheTerritoryTheWholeOnce() {
        Map<String, Object> split = actual("REVENUE", "100.00", "CNY", "2027-03-10", "SPLIT-OK");
        split.put("credits", List.of(Map.of("repId", "R-A", "percent", "33.3333"),
                Map.of("repId", "R-B", "percent", "66.6667")));
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "split-ok").body(List.of(split))
                .post("/api/actuals").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select count(*) from rep_daily where rep_id in ('R-A', 'R-B')") == 2);
        assertEquals(0, new BigDecimal("33.333300").compareTo((BigDecimal) Sql.one(ds,
                "select total from rep_daily where rep_id = 'R-A'")));
        assertEquals(0, new BigDecimal("66.666700").compareTo((BigDecimal) Sql.one(ds,
                "select total from rep_daily where rep_id = 'R-B'")));
        assertEquals(0, new BigDecimal("100").compareTo((BigDecimal) Sql.one(ds,
                "select sum(total) from territory_daily where territory_id = 'SPLIT-OK'")));
    }

    @Test
    void aClosedPeriodRefusesActualsUnlessTheyAreAuditedAdjustments() {
        String location = as(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("period", "2019-03", "metric", "ORDERS", "reason", "books closed"))
                .post("/api/closed-periods").then().statusCode(201).body("closedBy", equalTo("test-planner"))
                .body("from", equalTo("2019-03-01")).body("to", equalTo("2019-03-31"))
                .extract().header("Location");
        asViewer().get(location).then().statusCode(200).body("reason", equalTo("books closed"));

        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "closed-1")
                .body(List.of(actual("ORDERS", "2", "COUNT", "2019-03-15", "CLOSED-T")))
                .post("/api/actuals").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("[0].businessDate")).body("detail", containsString("closed"));
        // another metric is not closed
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "closed-2")
                .body(List.of(actual("VISITS", "1", "COUNT", "2019-03-15", "CLOSED-T")))
                .post("/api/actuals").then().statusCode(202);

        Map<String, Object> adjustment = actual("ORDERS", "2", "COUNT", "2019-03-15", "CLOSED-T");
        adjustment.put("adjustment", true);
        String id = asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "closed-3")
                .body(List.of(adjustment)).post("/api/actuals").then().statusCode(202).extract().path("eventIds[0]");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select count(*) from adjustment_audit where event_id = cast(? as uuid)", id) == 1);
        asAdmin().get("/api/adjustments").then().statusCode(200)
                .body("items.find { it.eventId == '" + id + "' }.value", equalTo("2.000000"))
                .body("items.find { it.eventId == '" + id + "' }.territoryId", equalTo("CLOSED-T"));

        // from Kafka: the refusal is a dead letter with the reason
        ActualRecorded late = Events.actual(Metric.ORDERS, "1", "COUNT", "2019-03-20", "CLOSED-T", null);
        send(late);
        ConsumerRecord<String, String> dead = Events.find(Topics.dlq(Topics.ACTUALS),
                r -> r.value().contains(late.eventId().toString()));
        assertTrue(Events.header(dead, "dead-letter-reason").contains("closed"));
        assertEquals(0, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", late.eventId()));

        // audited periods stay closed; reopening one without adjustments works, then it is gone
        as(PLANNER).delete(location).then().statusCode(409);
        String other = as(PLANNER).contentType(ContentType.JSON).body(Map.of("from", "2018-01-01", "to", "2018-01-31"))
                .post("/api/closed-periods").then().statusCode(201).extract().header("Location");
        as(PLANNER).delete(other).then().statusCode(204);
        asViewer().get(other).then().statusCode(404);
        as(PLANNER).contentType(ContentType.JSON).body(Map.of("period", "2019-13")).post("/api/closed-periods")
                .then().statusCode(400).body("field", equalTo("period"));
    }

    @Test
    void anActualNamingOnlyAnAccountIsCreditedByItsHistoryAndReCreditedWhenTheHistoryChanges() {
        send(Events.territory("ACC-REGION", null, "REGION"));
        send(Events.territory("ACC-EAST", "ACC-REGION", "GEOGRAPHIC"));
        send(Events.territory("ACC-WEST", "ACC-REGION", "GEOGRAPHIC"));
        send(Events.plan("FY27-ACC", 1, Metric.ORDERS, "COUNT", "2027-01-01", "2027-12-31", 1, "100"));
        send(Events.cell("FY27-ACC", 1, "ACC-EAST", "2027-01-01", "2027-12-31", "100", "COUNT"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asViewer().queryParam("plan", "FY27-ACC").get("/api/attainment").then().statusCode(200));

        // no history yet: kept, credited to no territory, shown as unplanned
        send(Events.actual(Metric.ORDERS, "3", "COUNT", "2027-02-10", null, "ACC-1"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", "FY27-ACC")
                .get("/api/unplanned").then().statusCode(200).body("unplanned", equalTo("3"))
                .body("items[0].territory", nullValue()));

        // the history arrives: EAST held it until April, WEST since
        send(Events.accountHistory("ACC-1", Events.span("ACC-EAST", "2026-01-01", "2027-04-01"),
                Events.span("ACC-WEST", "2027-04-01", null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> attainment("ACC-EAST").body("actual", equalTo("3")));
        send(Events.actual(Metric.ORDERS, "5", "COUNT", "2027-04-02", null, "ACC-1"));
        // WEST has no cell: unplanned, never lost
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", "FY27-ACC")
                .get("/api/unplanned").then().statusCode(200).body("unplanned", equalTo("5"))
                .body("items[0].territory", equalTo("ACC-WEST")));
        attainment("ACC-EAST").body("actual", equalTo("3"));

        // the history is corrected: EAST held it all along; both facts move to EAST
        send(Events.accountHistory("ACC-1", Events.span("ACC-EAST", "2026-01-01", null)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> attainment("ACC-EAST").body("actual", equalTo("8")));
        asViewer().queryParam("plan", "FY27-ACC").get("/api/unplanned").then().statusCode(200)
                .body("unplanned", equalTo("0")).body("items", hasSize(0));
        attainment("ACC-REGION").body("actual", equalTo("8"));
    }

    @Test
    void totalsAreGroupedByDimensionsForTargetService() {
        List<Map<String, Object>> batch = List.of(
                withMember(actual("REVENUE", "100.10", "CNY", "2026-05-10", "TOT-A"), "productLine", "P1"),
                withMember(actual("REVENUE", "200.20", "CNY", "2026-05-11", "TOT-A"), "productLine", "P2"),
                withMember(actual("REVENUE", "300.30", "CNY", "2026-05-12", "TOT-B"), "productLine", "P1"),
                withMember(actual("REVENUE", "999.99", "CNY", "2026-07-01", "TOT-B"), "productLine", "P1"));
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "totals").body(batch).post("/api/actuals")
                .then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select count(*) from territory_daily where territory_id like 'TOT-%'") == 4);

        as(SERVICE).queryParam("metric", "REVENUE").queryParam("from", "2026-05-01").queryParam("to", "2026-06-30")
                .queryParam("by", "territory").queryParam("productLine", "P1").get("/api/actuals/totals").then()
                .statusCode(200).body("metric", equalTo("REVENUE")).body("by", equalTo(List.of("territory")))
                .body("totals.find { it.members.territory == 'TOT-A' }.value", equalTo("100.10"))
                .body("totals.find { it.members.territory == 'TOT-B' }.value", equalTo("300.30"));
        as(SERVICE).queryParam("metric", "REVENUE").queryParam("from", "2026-05-01").queryParam("to", "2026-06-30")
                .queryParam("by", "territory,productLine").queryParam("territory", "TOT-A").get("/api/actuals/totals")
                .then().statusCode(200).body("totals", hasSize(2))
                .body("totals[1].members", equalTo(Map.of("territory", "TOT-A", "productLine", "P2")))
                .body("totals[1].value", equalTo("200.20"));
        as(SERVICE).queryParam("metric", "CONVERSION_RATE").queryParam("from", "2026-05-01").queryParam("to", "2026-06-30")
                .get("/api/actuals/totals").then().statusCode(400).body("field", equalTo("metric"));
        as(SERVICE).queryParam("metric", "REVENUE").queryParam("from", "2026-05-01").queryParam("to", "2026-06-30")
                .queryParam("by", "colour").get("/api/actuals/totals").then().statusCode(400).body("field", equalTo("by"));
        as(SERVICE).queryParam("metric", "REVENUE").queryParam("from", "2026-05-01").queryParam("to", "2036-06-30")
                .get("/api/actuals/totals").then().statusCode(400).body("field", equalTo("to"));
    }

    private static io.restassured.response.ValidatableResponse attainment(String territory) {
        return asViewer().queryParam("plan", "FY27-ACC").queryParam("territory", territory)
                .queryParam("asOf", "2027-12-31").get("/api/attainment").then().statusCode(200);
    }

    private static Map<String, Object> withMember(Map<String, Object> actual, String dimension, String member) {
        actual.put(dimension, member);
        return actual;
    }

    private static Map<String, Object> actual(String metric, String value, String unit, String date, String territory) {
        Map<String, Object> a = new HashMap<>();
        a.put("metric", metric);
        a.put("value", value);
        a.put("unit", unit);
        a.put("businessDate", date);
        a.put("territoryId", territory);
        a.put("eventId", UUID.randomUUID().toString());
        return a;
    }
}
