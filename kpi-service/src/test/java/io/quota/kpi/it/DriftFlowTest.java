package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.Topics;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftResolved;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.messaging.IncomingEvents;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.quota.kpi.it.Events.send;
import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asIngest;
import static io.quota.kpi.it.Callers.asViewer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The foundation slice end to end: replicas from Kafka, actuals over REST through Kafka, live attainment, and
 * drift events exactly once per transition when the business clock moves and when actuals arrive.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class DriftFlowTest {
    private static final String PLAN = "FY27-REV";
    private static final String EAST_MARCH = "FY27-REV~territory=EAST~2027-03-01..2027-03-31";
    private static final String WEST_MARCH = "FY27-REV~territory=WEST~2027-03-01..2027-03-31";
    /** The region x quarter node of the default alert levels: Q1 clipped to the plan's period. */
    private static final String CN_Q1 = "FY27-REV~territory=CN~2027-03-01..2027-03-31";

    @Inject
    AgroalDataSource ds;

    @Test
    void actualsDriveAttainmentAndEachDriftTransitionIsAnnouncedOnce() {
        // replicas: the territory tree, the plan header and its six cells
        send(Events.territory("CN", null, "REGION"));
        send(Events.territory("EAST", "CN", "GEOGRAPHIC"));
        send(Events.territory("WEST", "CN", "GEOGRAPHIC"));
        send(Events.plan(PLAN, 1, Metric.REVENUE, "CNY", "2027-03-01", "2027-05-31", 6, "300000.00"));
        for (String territory : List.of("EAST", "WEST")) {
            for (String[] month : List.of(new String[]{"2027-03-01", "2027-03-31"},
                    new String[]{"2027-04-01", "2027-04-30"}, new String[]{"2027-05-01", "2027-05-31"})) {
                send(Events.cell(PLAN, 1, territory, month[0], month[1], "50000.00", "CNY"));
            }
        }
        // the first test after start-up on a loaded machine: the consumers may take a while to join
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                asViewer().queryParam("plan", PLAN).get("/api/attainment").then().statusCode(200).body("version", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select count(*) from territory where territory_id in ('CN', 'EAST', 'WEST')") == 3);

        // on 1 March nothing is owed yet: actuals arrive, no alert
        setClock("2027-03-01");
        List<String> firstIds = postActuals("batch-1", List.of(
                actual("REVENUE", "20000.00", "CNY", "2027-03-10", "EAST"),
                actual("REVENUE", "27000.00", "CNY", "2027-03-12", "WEST")))
                .statusCode(202).body("eventIds", hasSize(2)).extract().jsonPath().getList("eventIds", String.class);
        // live figures on the 1st count actuals dated up to the 1st only: read them as of the end of March
        awaitActual("EAST", "20000.00", "2027-03-31");
        awaitActual("WEST", "27000.00", "2027-03-31");
        attainment(Map.of("territory", "EAST", "period", "2027-03")).body("actual", equalTo("0.00"))
                .body("expectedToDate", equalTo("0.00")).body("pace", equalTo(null)).body("state", equalTo("ON_TRACK"));
        awaitOutboxEmpty();
        assertEquals(List.of(), driftEvents());

        // on the 22nd, expected is as of the 21st: 15 of March's 23 working days
        double criticalBefore = transitions("CRITICAL");
        double onTrackBefore = transitions("ON_TRACK");
        setClock("2027-03-22");
        awaitOutboxEmpty();
        List<QuotaEvent> drifts = driftEvents();
        // the two cells (also their territory x month nodes) and the region x quarter roll-up
        assertEquals(3, drifts.size(), drifts.toString());
        DriftDetected region = detected(drifts, CN_Q1);
        assertEquals(DriftState.CRITICAL, region.state());
        assertEquals(new BigDecimal("0.7207"), region.figures().pace());
        assertEquals(new BigDecimal("100000.00"), region.figures().target());
        // the counter counts every plan's transitions (other tests' plans too): at least these two
        await().atMost(Duration.ofSeconds(10)).until(() -> transitions("CRITICAL") - criticalBefore >= 2.0);
        DriftDetected east = detected(drifts, EAST_MARCH);
        assertEquals(DriftState.CRITICAL, east.state());
        assertEquals(DriftState.ON_TRACK, east.previousState());
        assertEquals(new BigDecimal("0.6133"), east.figures().pace());
        assertEquals(new BigDecimal("32608.70"), east.figures().expectedToDate());
        assertEquals(new BigDecimal("20000.00"), east.figures().actual());
        assertEquals(new BigDecimal("50000.00"), east.figures().target());
        assertEquals(LocalDate.of(2027, 3, 21), east.figures().asOf());
        assertEquals(1, east.planVersion());
        DriftDetected west = detected(drifts, WEST_MARCH);
        assertEquals(DriftState.WARNING, west.state());
        assertEquals(new BigDecimal("0.8280"), west.figures().pace());

        asViewer().queryParam("plan", PLAN).queryParam("territory", "EAST").queryParam("period", "2027-03")
                .get("/api/attainment").then().statusCode(200)
                .body("plan", equalTo(PLAN)).body("version", equalTo(1)).body("nodeKey", equalTo(EAST_MARCH))
                .body("metric", equalTo("REVENUE")).body("unit", equalTo("CNY"))
                .body("target", equalTo("50000.00")).body("actual", equalTo("20000.00"))
                .body("expectedToDate", equalTo("32608.70")).body("attainment", equalTo("0.4000"))
                .body("pace", equalTo("0.6133")).body("forecast", equalTo("30666.67"))
                .body("state", equalTo("CRITICAL")).body("asOf", equalTo("2027-03-21"));
        asViewer().queryParam("plan", PLAN).queryParam("state", "CRITICAL").get("/api/drifts").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].nodeKey", equalTo(CN_Q1))
                .body("items[1].nodeKey", equalTo(EAST_MARCH))
                .body("items[1].pace", equalTo("0.6133")).body("items[1].plan", equalTo(PLAN));

        // roll-ups: a region, a quarter, the whole plan
        attainment(Map.of("territory", "CN", "period", "2027-03"))
                .body("target", equalTo("100000.00")).body("actual", equalTo("47000.00"))
                .body("expectedToDate", equalTo("65217.39")).body("cells", equalTo(2)).body("state", equalTo("CRITICAL"));
        attainment(Map.of("period", "2027-Q1")).body("target", equalTo("100000.00")).body("cells", equalTo(2));
        attainment(Map.of()).body("target", equalTo("300000.00")).body("actual", equalTo("47000.00"))
                .body("cells", equalTo(6)).body("nodeKey", equalTo("FY27-REV~2027-03-01..2027-05-31"));
        attainment(Map.of("territory", "EAST", "from", "2027-03-01", "to", "2027-04-15"))
                .body("target", equalTo("50000.00")).body("cells", equalTo(1)).body("cellsPartlyInside", equalTo(1));

        // the same batch with the same Idempotency-Key changes nothing
        List<String> again = postActuals("batch-1", List.of(
                actual("REVENUE", "20000.00", "CNY", "2027-03-10", "EAST"),
                actual("REVENUE", "27000.00", "CNY", "2027-03-12", "WEST")))
                .statusCode(202).extract().jsonPath().getList("eventIds", String.class);
        assertEquals(firstIds, again);
        // a marker on the same key (same partition) shows the consumer went past the repeat
        postActuals("marker-1", List.of(actual("VISITS", "1", "COUNT", "2027-03-20", "EAST"))).statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from territory_daily where metric = 'VISITS' and territory_id = 'EAST'") == 1);
        assertEquals(2, Sql.count(ds, "select count(*) from territory_daily where metric = 'REVENUE' and territory_id in ('EAST', 'WEST')"));
        attainment(Map.of("territory", "EAST", "period", "2027-03")).body("actual", equalTo("20000.00"));

        // catching up resolves all three, once each; browsers watching the stream see the new figures, a rep
        // scoped to WEST only WEST's
        try (SseClient viewer = new SseClient("/api/stream", Callers.VIEWER);
             SseClient westRep = new SseClient("/api/stream",
                     QuotaInfraResource.scopedToken("wes", List.of("WEST"), "rep"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> viewer.status.isDone() && westRep.status.isDone());
            assertEquals(200, viewer.status.join());
            // two posts in a row: the nodes they both touch get at most one AttainmentChanged per second
            postActuals("batch-2", List.of(actual("REVENUE", "14000.00", "CNY", "2027-03-22", "EAST"),
                    actual("REVENUE", "5000.00", "CNY", "2027-03-22", "WEST"))).statusCode(202);
            postActuals("batch-3", List.of(actual("REVENUE", "1000.00", "CNY", "2027-03-22", "EAST"))).statusCode(202);
            awaitActual("EAST", "35000.00");
            awaitActual("WEST", "32000.00");
            await().atMost(Duration.ofSeconds(30)).until(() -> viewer.data.stream().anyMatch(d ->
                    d.contains(EAST_MARCH) && d.contains("\"actual\":\"35000.00\"")));
            await().atMost(Duration.ofSeconds(30)).until(() -> westRep.data.stream().anyMatch(d -> d.contains(WEST_MARCH)));
            assertTrue(westRep.data.stream().noneMatch(d -> d.contains("territory=EAST") || d.contains("territory=CN")),
                    westRep.data.toString());
        }
        awaitOutboxEmpty();
        drifts = driftEvents();
        assertEquals(6, drifts.size(), drifts.toString());
        assertEquals(DriftState.CRITICAL, resolved(drifts, EAST_MARCH).previousState());
        assertEquals(DriftState.WARNING, resolved(drifts, WEST_MARCH).previousState());
        assertEquals(DriftState.CRITICAL, resolved(drifts, CN_Q1).previousState());
        assertTrue(transitions("ON_TRACK") - onTrackBefore >= 3.0);
        // 6 cells, and the region's two quarters (Q1 and Q2 clipped to the plan)
        asViewer().queryParam("plan", PLAN).queryParam("state", "ON_TRACK").get("/api/drifts").then()
                .body("total", equalTo(8));

        // AttainmentChanged on quota.attainment.v1: nodes at alert levels only, the last with the settled figures,
        // and never two for one node within a second
        List<AttainmentChanged> changes = Events.readAll(Topics.ATTAINMENT).stream()
                .map(r -> IncomingEvents.read(r, AttainmentChanged.class)).filter(a -> a.planId().equals(PLAN)).toList();
        List<AttainmentChanged> eastChanges = changes.stream().filter(a -> a.nodeKey().equals(EAST_MARCH)).toList();
        assertEquals(new BigDecimal("35000.00"), eastChanges.get(eastChanges.size() - 1).figures().actual());
        assertTrue(changes.stream().noneMatch(a -> a.nodeKey().equals("FY27-REV~2027-03-01..2027-05-31")), "not an alert level");
        for (int i = 1; i < eastChanges.size(); i++) {
            assertTrue(Duration.between(eastChanges.get(i - 1).occurredAt(), eastChanges.get(i).occurredAt()).toMillis() >= 900,
                    eastChanges.toString());
        }

        // a sweep at the same date finds nothing new to announce
        setClock("2027-03-22");
        awaitOutboxEmpty();
        assertEquals(6, driftEvents().size());

        // figures as of a past business day: expected and actuals at the end of that day
        attainment(Map.of("territory", "EAST", "period", "2027-03", "asOf", "2027-03-10"))
                .body("expectedToDate", equalTo("17391.30")).body("actual", equalTo("20000.00"))
                .body("pace", equalTo("1.1500")).body("state", equalTo("ON_TRACK")).body("asOf", equalTo("2027-03-10"));

        // an actual in another currency than the plan's is refused, naming the field
        postActuals("usd-1", List.of(actual("REVENUE", "10.00", "USD", "2027-03-10", "EAST")))
                .statusCode(422).contentType("application/problem+json").body("field", equalTo("[0].unit"));
    }

    /** quota_drift_transitions_total{state=...} as scraped from /q/metrics (0 before the first). */
    private static double transitions(String state) {
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        var m = java.util.regex.Pattern.compile("(?m)^quota_drift_transitions_total\\{[^}]*state=\"" + state
                + "\"[^}]*} ([0-9.eE+]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    private static void setClock(String today) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("today", today)).put("/api/admin/clock")
                .then().statusCode(200).body("today", equalTo(today)).body("set", equalTo(true));
    }

    private static Map<String, String> actual(String metric, String value, String unit, String date, String territory) {
        return Map.of("metric", metric, "value", value, "unit", unit, "businessDate", date, "territoryId", territory);
    }

    private static ValidatableResponse postActuals(String idempotencyKey, List<Map<String, String>> batch) {
        return asIngest().contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey).body(batch)
                .post("/api/actuals").then();
    }

    private static ValidatableResponse attainment(Map<String, String> params) {
        return asViewer().queryParam("plan", PLAN).queryParams(params).get("/api/attainment").then().statusCode(200);
    }

    private static void awaitActual(String territory, String actual) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                attainment(Map.of("territory", territory, "period", "2027-03")).body("actual", equalTo(actual)));
    }

    private static void awaitActual(String territory, String actual, String asOf) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> attainment(Map.of("territory", territory,
                "period", "2027-03", "asOf", asOf)).body("actual", equalTo(actual)));
    }

    private void awaitOutboxEmpty() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds, "select count(*) from outbox") == 0);
    }

    private static List<QuotaEvent> driftEvents() {
        return Events.readAll(Topics.DRIFT).stream().map(IncomingEvents::readAny)
                .filter(e -> e instanceof DriftDetected d ? d.planId().equals(PLAN)
                        : e instanceof DriftResolved r && r.planId().equals(PLAN))
                .toList();
    }

    private static DriftDetected detected(List<QuotaEvent> events, String nodeKey) {
        List<DriftDetected> found = events.stream().filter(e -> e instanceof DriftDetected d && d.nodeKey().equals(nodeKey))
                .map(DriftDetected.class::cast).toList();
        assertEquals(1, found.size(), "DriftDetected for " + nodeKey + ": " + found);
        return found.get(0);
    }

    private static DriftResolved resolved(List<QuotaEvent> events, String nodeKey) {
        List<DriftResolved> found = events.stream().filter(e -> e instanceof DriftResolved r && r.nodeKey().equals(nodeKey))
                .map(DriftResolved.class::cast).toList();
        assertEquals(1, found.size(), "DriftResolved for " + nodeKey + ": " + found);
        assertTrue(found.get(0).figures().pace() != null);
        return found.get(0);
    }
}
