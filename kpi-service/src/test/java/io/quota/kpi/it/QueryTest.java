package io.quota.kpi.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.events.ActualRecorded;
import io.quota.contracts.events.TargetAllocated;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.quota.kpi.it.Callers.as;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static io.quota.kpi.it.Events.sendAll;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Attainment of any node: filters on every dimension, fiscal periods, groupBy, derived KPIs as ratios of sums,
 * a node's daily history, ETag / If-None-Match, and scope. The plans lie in 2026, wholly before the business
 * clock (system or set by other tests), so every figure read is settled.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class QueryTest {
    private static final String PLAN = "Q-REV";
    private static final String CONV = "Q-CONV";
    private static final String CSAT = "Q-CSAT";
    private static final String[][] MONTHS = {{"2026-04-01", "2026-04-30"}, {"2026-05-01", "2026-05-31"},
            {"2026-06-01", "2026-06-30"}};

    private static boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        send(Events.territory("Q-N", null, "REGION"));
        send(Events.territory("Q-N1", "Q-N", "GEOGRAPHIC"));
        send(Events.territory("Q-N2", "Q-N", "GEOGRAPHIC"));
        // revenue: 2 territories x 2 product lines x 3 months, 1,000.00 each; the fiscal year starts in April
        send(Events.plan(PLAN, 1, Metric.REVENUE, "CNY", "2026-04-01", "2026-06-30", 12, "12000.00"));
        List<TargetAllocated> cells = new ArrayList<>();
        for (String t : List.of("Q-N1", "Q-N2")) {
            for (String p : List.of("P1", "P2")) {
                for (String[] m : MONTHS) {
                    cells.add(new TargetAllocated(UUID.randomUUID(), Instant.now(), 1, PLAN, 1,
                            PLAN + "~territory=" + t + "~productLine=" + p + "~" + m[0] + ".." + m[1],
                            new BigDecimal("1000.00"), "CNY"));
                }
            }
        }
        // a conversion-rate plan: a 25% rate in each territory for the quarter
        send(Events.plan(CONV, 1, Metric.CONVERSION_RATE, "RATIO", "2026-04-01", "2026-06-30", 2, "0.25"));
        for (String t : List.of("Q-N1", "Q-N2")) {
            cells.add(Events.cell(CONV, 1, t, "2026-04-01", "2026-06-30", "0.250000", "RATIO"));
        }
        // an average-CSAT plan: 4.0 points per response in each territory
        send(Events.plan(CSAT, 1, Metric.AVG_CSAT, "RATIO", "2026-04-01", "2026-06-30", 2, "4.0"));
        for (String t : List.of("Q-N1", "Q-N2")) {
            cells.add(Events.cell(CSAT, 1, t, "2026-04-01", "2026-06-30", "4.000000", "RATIO"));
        }
        sendAll(cells);
        // CSAT: each actual one response. Q-N1: 5 + 3 from 2 responses (4.0); Q-N2: 4 x 2 from 4 responses (2.0),
        // and a fifth of 5 points reversed (neither its score nor its response counts). The region: 16 points from
        // 6 responses = 2.6667 (the average of the territories' averages would be 3.0)
        ActualRecorded reversed = actual(Metric.CSAT, "5", "COUNT", "2026-04-14", "Q-N2", null);
        List<ActualRecorded> csat = new ArrayList<>(List.of(actual(Metric.CSAT, "5", "COUNT", "2026-04-13", "Q-N1", null),
                actual(Metric.CSAT, "3", "COUNT", "2026-04-14", "Q-N1", null), reversed,
                Events.actual(Metric.CSAT, "-5", "COUNT", "2026-04-14", "Q-N2", null, null, null, reversed.eventId(), null)));
        for (int i = 0; i < 4; i++) {
            csat.add(actual(Metric.CSAT, "2", "COUNT", "2026-04-13", "Q-N2", null));
        }
        sendAll(csat);
        sendAll(List.of(actual(Metric.REVENUE, "300.00", "CNY", "2026-04-06", "Q-N1", "P1"),
                actual(Metric.REVENUE, "100.00", "CNY", "2026-04-07", "Q-N1", "P2"),
                actual(Metric.REVENUE, "500.00", "CNY", "2026-05-11", "Q-N2", "P1"),
                // 2 of 10 leads converted in Q-N1, 9 of 30 in Q-N2: 11 / 40 = 0.275 (an average of rates: 0.25)
                actual(Metric.LEADS, "10", "COUNT", "2026-04-08", "Q-N1", null),
                actual(Metric.CONVERSIONS, "2", "COUNT", "2026-04-09", "Q-N1", null),
                actual(Metric.LEADS, "30", "COUNT", "2026-04-08", "Q-N2", null),
                actual(Metric.CONVERSIONS, "9", "COUNT", "2026-04-09", "Q-N2", null)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> attainment(PLAN, Map.of("asOf", "2026-06-30"))
                .body("actual", equalTo("900.00")).body("cells", equalTo(12)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> attainment(CONV, Map.of("territory", "Q-N2"))
                .body("actual", equalTo("0.3000")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> attainment(CSAT, Map.of("territory", "Q-N2"))
                .body("actual", equalTo("2.0000")));
        seeded = true;
    }

    @Test
    void everyDimensionFiltersTheNodeAndFiscalPeriodsFollowThePlan() {
        attainment(PLAN, Map.of("territory", "Q-N1", "productLine", "P1", "period", "FY2026-Q1", "asOf", "2026-06-30"))
                .body("nodeKey", equalTo("Q-REV~territory=Q-N1~productLine=P1~2026-04-01..2026-06-30"))
                .body("target", equalTo("3000.00")).body("actual", equalTo("300.00")).body("cells", equalTo(3))
                .body("attainment", equalTo("0.1000")).body("pace", equalTo("0.1000"));
        attainment(PLAN, Map.of("productLine", "P2", "asOf", "2026-06-30"))
                .body("target", equalTo("6000.00")).body("actual", equalTo("100.00"));
        // FY2026 starts in April, the month the plan starts; FY2026-Q2 lies after the plan: no cell
        attainment(PLAN, Map.of("period", "FY2026", "asOf", "2026-06-30"))
                .body("nodeKey", equalTo("Q-REV~2026-04-01..2027-03-31")).body("target", equalTo("12000.00"));
        attainment(PLAN, Map.of("period", "FY2026-Q2")).body("target", equalTo("0.00")).body("cells", equalTo(0));
        // expected to date as of mid-April: 8 of 22 April working days of each April cell
        attainment(PLAN, Map.of("territory", "Q-N1", "period", "2026-04", "asOf", "2026-04-10"))
                .body("expectedToDate", equalTo("727.27")).body("actual", equalTo("400.00"))
                .body("pace", equalTo("0.5500")).body("forecast", equalTo("1100.00")).body("state", equalTo("CRITICAL"));
        for (String[] bad : List.of(new String[]{"industry", "bad id!"}, new String[]{"customerType", "x".repeat(65)},
                new String[]{"productLine", "P 1"}, new String[]{"channel", "ON/LINE"}, new String[]{"period", "FY26"},
                new String[]{"groupBy", "territory,colour"}, new String[]{"groupBy", "month,quarter"},
                new String[]{"groupBy", "cell"})) {
            asViewer().queryParam("plan", PLAN).queryParam(bad[0], bad[1]).get("/api/attainment").then()
                    .statusCode(400).contentType("application/problem+json").body("field", equalTo(bad[0]));
        }
    }

    @Test
    void groupByGivesAPageOfNodesEachWithItsFigures() {
        attainment(PLAN, Map.of("groupBy", "territory,month", "asOf", "2026-06-30", "size", "4"))
                .body("total", equalTo(6)).body("items", hasSize(4)).body("groupBy", equalTo(List.of("territory", "month")))
                .body("items[0].nodeKey", equalTo("Q-REV~territory=Q-N1~2026-04-01..2026-04-30"))
                .body("items[0].target", equalTo("2000.00")).body("items[0].actual", equalTo("400.00"))
                .body("items[3].nodeKey", equalTo("Q-REV~territory=Q-N2~2026-04-01..2026-04-30"));
        attainment(PLAN, Map.of("groupBy", "territory,month", "asOf", "2026-06-30", "size", "4", "page", "1"))
                .body("items", hasSize(2)).body("items[1].nodeKey", equalTo("Q-REV~territory=Q-N2~2026-06-01..2026-06-30"));
        // the region above both territories, per quarter and product line
        attainment(PLAN, Map.of("groupBy", "region,quarter,productLine", "asOf", "2026-06-30"))
                .body("total", equalTo(2))
                .body("items[0].nodeKey", equalTo("Q-REV~territory=Q-N~productLine=P1~2026-04-01..2026-06-30"))
                .body("items[0].target", equalTo("6000.00")).body("items[0].actual", equalTo("800.00"))
                .body("items[1].actual", equalTo("100.00"));
    }

    @Test
    void derivedKpisAreRatiosOfSums() {
        attainment(CONV, Map.of("territory", "Q-N")).body("target", equalTo("0.2500")).body("actual", equalTo("0.2750"))
                .body("attainment", equalTo("1.1000")).body("pace", equalTo("1.1000"));
        attainment(CONV, Map.of("territory", "Q-N1")).body("actual", equalTo("0.2000"));
    }

    @Test
    void averageCsatIsTheScoreSumOverTheResponseCount() {
        attainment(CSAT, Map.of("territory", "Q-N")).body("target", equalTo("4.0000")).body("actual", equalTo("2.6667"))
                .body("attainment", equalTo("0.6667"));
        attainment(CSAT, Map.of("territory", "Q-N1")).body("actual", equalTo("4.0000"));
        attainment(CSAT, Map.of("territory", "Q-N2")).body("actual", equalTo("2.0000"));
        // the response counts are no CSAT fact of their own: the totals list the score sums only
        as(QuotaInfraResource.token("target-service", Roles.SERVICE)).queryParam("metric", "CSAT").queryParam("from", "2026-04-01").queryParam("to", "2026-04-30")
                .queryParam("by", "territory").get("/api/actuals/totals").then().statusCode(200)
                .body("totals.unit", everyItem(equalTo("COUNT"))).body("totals.value", contains("8", "8"));
    }

    @Test
    void aNodeHasADailyHistory() {
        String key = "Q-REV~territory=Q-N1~productLine=P1~2026-04-01..2026-04-30";
        asViewer().get("/api/nodes/" + key + "/history?size=30").then().statusCode(200)
                .body("nodeKey", equalTo(key)).body("total", equalTo(30)).body("items", hasSize(30))
                .body("items[4].date", equalTo("2026-04-05")).body("items[4].actual", equalTo("0.00"))
                .body("items[5].date", equalTo("2026-04-06")).body("items[5].actual", equalTo("300.00"))
                .body("items[5].expectedToDate", equalTo("181.82"))
                .body("items[29].expectedToDate", equalTo("1000.00")).body("items[29].target", equalTo("1000.00"));
        asViewer().get("/api/nodes/" + key + "/history?from=2026-04-20&size=5&page=1").then().statusCode(200)
                .body("total", equalTo(11)).body("items[0].date", equalTo("2026-04-25"));
        asViewer().get("/api/nodes/not-a-key/history").then().statusCode(400).body("field", equalTo("key"));
        asViewer().get("/api/nodes/" + key + "/history?from=2026-05-10").then().statusCode(200).body("total", equalTo(0));
        // out of scope answers exactly like an unknown territory
        String rep = QuotaInfraResource.scopedToken("rita", List.of("Q-N2"), "rep");
        String outOfScope = as(rep).get("/api/nodes/" + key + "/history").then().statusCode(404).extract().asString();
        String unknown = as(rep).get("/api/nodes/Q-REV~territory=NOWHERE~2026-04-01..2026-04-30/history").then()
                .statusCode(404).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(unknown.replace("NOWHERE", "Q-N1"), outOfScope);
        as(rep).get("/api/nodes/Q-REV~territory=Q-N2~2026-04-01..2026-04-30/history").then().statusCode(200);
    }

    @Test
    void anUnchangedNodeAnswers304ToItsETagAndScopeFiltersGroups() {
        String etag = asViewer().queryParam("plan", PLAN).queryParam("asOf", "2026-06-30").get("/api/attainment")
                .then().statusCode(200).extract().header("ETag");
        asViewer().queryParam("plan", PLAN).queryParam("asOf", "2026-06-30").header("If-None-Match", etag)
                .get("/api/attainment").then().statusCode(304);
        String rep = QuotaInfraResource.scopedToken("rita", List.of("Q-N2"), "rep");
        as(rep).queryParam("plan", PLAN).queryParam("groupBy", "territory").queryParam("asOf", "2026-06-30")
                .get("/api/attainment").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].nodeKey", equalTo("Q-REV~territory=Q-N2~2026-04-01..2026-06-30"))
                .body("items[0].actual", equalTo("500.00"));
        as(rep).queryParam("plan", PLAN).queryParam("territory", "Q-N1").get("/api/attainment").then().statusCode(404);
    }

    private static ValidatableResponse attainment(String plan, Map<String, String> params) {
        return asViewer().queryParam("plan", plan).queryParams(params).get("/api/attainment").then().statusCode(200);
    }

    private static ActualRecorded actual(Metric metric, String value, String unit, String date, String territory,
                                         String productLine) {
        return new ActualRecorded(UUID.randomUUID(), Instant.now(), 1, metric, new BigDecimal(value), unit,
                LocalDate.parse(date), null, territory, null, null, null, productLine, null, "test", null);
    }
}
