package io.quota.target;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.contracts.events.TargetAllocated;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.quota.target.Callers.asApprover;
import static io.quota.target.Callers.asPlanner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decomposition over every dimension through REST: preview with filters and roll-ups, versions (scenarios), diff,
 * supersede and recall with their events, seasonality profiles, and HISTORY from a kpi-service stand-in that
 * speaks GET /api/actuals/totals (503 and nothing written when it is down).
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class DecompositionFlowTest {
    static final int KPI_PORT = 38083; // %test.quota.kpi.url

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    private static boolean replicated;

    @BeforeEach
    void territories() {
        if (!replicated) {
            Instant now = Instant.now();
            Infra.replicate(bootstrap, ds,
                    Infra.territory("FL-CN", null, "REGION", "ACTIVE", now),
                    Infra.territory("FL-EAST", "FL-CN", "GEOGRAPHIC", "ACTIVE", now),
                    Infra.territory("FL-WEST", "FL-CN", "GEOGRAPHIC", "ACTIVE", now));
            replicated = true;
        }
    }

    static void create(String body) {
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(201);
    }

    @Test
    void everyDimensionIsPreviewedFilteredAndRolledUp() {
        create("""
                {"id":"FL-MULTI","name":"FY2027 all dimensions","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                 "period":"2027","timeZone":"Asia/Shanghai","total":"1200000.00","alertLevels":["cell","territory,quarter"],
                 "levels":[{"dimension":"TERRITORY","method":"WEIGHTS","weights":{"FL-EAST":"3","FL-WEST":"1"}},
                           {"dimension":"TIME","granularity":"QUARTER","method":"EQUAL"},
                           {"dimension":"PRODUCT_LINE","method":"EQUAL","members":["PHONES","TABLETS"],"pins":{"PHONES":"50000.00"}},
                           {"dimension":"CHANNEL","method":"EQUAL","members":["ONLINE_STORE","DIRECT"]},
                           {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""");
        asPlanner().get("/api/plans/FL-MULTI").then().statusCode(200)
                .body("versions[0].cellCount", equalTo(96)).body("alertLevels", hasSize(2))
                .body("periodStart", equalTo("2027-01-01")).body("periodEnd", equalTo("2027-12-31"));
        asPlanner().queryParam("territory", "FL-EAST").queryParam("productLine", "PHONES").queryParam("channel", "DIRECT")
                .get("/api/plans/FL-MULTI/versions/1/cells").then().statusCode(200).body("total", equalTo(12))
                .body("items[0].members.productLine", equalTo("PHONES"));
        asPlanner().queryParam("from", "2027-04-01").queryParam("to", "2027-06-30")
                .get("/api/plans/FL-MULTI/versions/1/cells").then().statusCode(200).body("total", equalTo(24));
        // a pinned product line keeps 50,000.00 in every territory's quarter
        asPlanner().queryParam("by", "territory,quarter,productLine").queryParam("productLine", "PHONES")
                .get("/api/plans/FL-MULTI/versions/1/rollup").then().statusCode(200)
                .body("groups", equalTo(8)).body("items.amount", hasSize(8))
                .body("items.amount", everyItemIs("50000.00"));
        asPlanner().queryParam("by", "territory,quarter").get("/api/plans/FL-MULTI/versions/1/rollup").then()
                .statusCode(200).body("total", equalTo("1200000.00")).body("groups", equalTo(8))
                .body("items[0].members.territory", equalTo("FL-EAST"))
                .body("items[0].members.quarter", equalTo("2027-01-01"))
                .body("items[0].amount", equalTo("225000.00"));
        asPlanner().queryParam("by", "region").get("/api/plans/FL-MULTI/versions/1/rollup").then().statusCode(200)
                .body("items[0].members.region", equalTo("FL-CN")).body("items[0].amount", equalTo("1200000.00"));
        asPlanner().queryParam("by", "productLine").queryParam("size", 1).queryParam("page", 1)
                .get("/api/plans/FL-MULTI/versions/1/rollup").then().statusCode(200)
                .body("groups", equalTo(2)).body("items", hasSize(1)).body("items[0].members.productLine", equalTo("TABLETS"))
                .body("total", equalTo("1200000.00"));
        asPlanner().queryParam("by", "year").get("/api/plans/FL-MULTI/versions/1/rollup").then().statusCode(200)
                .body("items[0].members.year", equalTo("2027-01-01"));
    }

    @Test
    void versionsAreScenariosDiffedSupersededAndRecalled() throws Exception {
        create("""
                {"id":"FL-VER","name":"versions","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                 "periodStart":"2027-03-01","periodEnd":"2027-05-31","timeZone":"Asia/Shanghai","total":"300000.00",
                 "levels":[{"dimension":"TERRITORY","method":"EQUAL","members":["FL-EAST","FL-WEST"]},
                           {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""");
        asPlanner().contentType(ContentType.JSON).body("{\"from\":1,\"total\":\"360000.00\",\"note\":\"stretch\"}")
                .post("/api/plans/FL-VER/versions").then().statusCode(201)
                .header("Location", containsString("/api/plans/FL-VER/versions/2/cells"))
                .body("versions[1].status", equalTo("DRAFT")).body("versions[1].basedOn", equalTo(1))
                .body("versions[1].total", equalTo("360000.00")).body("versions[1].note", equalTo("stretch"));
        asPlanner().contentType(ContentType.JSON).body("{\"from\":1}").post("/api/plans/FL-VER/versions").then()
                .statusCode(201).body("versions[2].total", equalTo("300000.00"));

        asPlanner().queryParam("from", 1).queryParam("to", 2).get("/api/plans/FL-VER/diff").then().statusCode(200)
                .body("total", equalTo(6)).body("items[0].change", equalTo("10000.00"))
                .body("items[0].from", equalTo("50000.00")).body("items[0].to", equalTo("60000.00"));
        asPlanner().queryParam("from", 1).queryParam("to", 3).get("/api/plans/FL-VER/diff").then().statusCode(200)
                .body("total", equalTo(0));
        asPlanner().queryParam("from", 1).queryParam("to", 2).queryParam("by", "territory").get("/api/plans/FL-VER/diff")
                .then().statusCode(200).body("total", equalTo(2)).body("items[0].members.territory", equalTo("FL-EAST"))
                .body("items[0].change", equalTo("30000.00"));

        asPlanner().post("/api/plans/FL-VER/versions/1/submit").then().statusCode(200);
        asApprover().post("/api/plans/FL-VER/versions/1/approve").then().statusCode(200);
        asPlanner().post("/api/plans/FL-VER/versions/2/submit").then().statusCode(200);
        asApprover().post("/api/plans/FL-VER/versions/2/approve").then().statusCode(200)
                .body("versions[0].status", equalTo("SUPERSEDED")).body("versions[1].status", equalTo("APPROVED"));
        // a published version never changes: moving it again is a conflict; a stale ETag is refused
        asPlanner().post("/api/plans/FL-VER/versions/1/submit").then().statusCode(409).contentType("application/problem+json");
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"0\"").body("{\"from\":2}")
                .post("/api/plans/FL-VER/versions").then().statusCode(412).body("field", equalTo("If-Match"));
        asPlanner().contentType(ContentType.JSON).body("{\"from\":9}").post("/api/plans/FL-VER/versions").then()
                .statusCode(404).contentType("application/problem+json");
        asPlanner().post("/api/plans/FL-VER/versions/2/recall").then().statusCode(403);
        asApprover().queryParam("reason", "wrong stretch").post("/api/plans/FL-VER/versions/2/recall").then().statusCode(200)
                .body("versions[0].status", equalTo("APPROVED")).body("versions[1].status", equalTo("RECALLED"));
        asApprover().post("/api/plans/FL-VER/versions/2/recall").then().statusCode(409);
        asApprover().post("/api/plans/FL-VER/versions/9/recall").then().statusCode(404);
        asApprover().post("/api/plans/NO-SUCH/versions/1/recall").then().statusCode(404);
        asPlanner().queryParam("from", 1).queryParam("to", 2).get("/api/plans/NO-SUCH/diff").then().statusCode(404);

        List<ConsumerRecord<String, String>> plans = Infra.read(bootstrap, Topics.PLANS, 3, r -> "FL-VER".equals(r.key()));
        assertEquals(3, plans.size());
        PlanPublished v2 = EventJson.read(plans.get(1).value(), PlanPublished.class);
        assertEquals(2, v2.version());
        assertEquals(6, v2.cellCount());
        assertEquals(new BigDecimal("360000.00"), v2.total());
        PlanWithdrawn withdrawn = EventJson.read(plans.get(2).value(), PlanWithdrawn.class);
        assertEquals(2, withdrawn.version());
        assertEquals("wrong stretch", withdrawn.reason());
        List<ConsumerRecord<String, String>> cells = Infra.read(bootstrap, Topics.TARGETS, 12,
                r -> r.key().startsWith("FL-VER~"));
        assertEquals(12, cells.size(), "six cells of version 1, six of version 2");
        BigDecimal sumV2 = cells.stream().map(r -> EventJson.read(r.value(), TargetAllocated.class))
                .filter(t -> t.version() == 2).map(TargetAllocated::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(new BigDecimal("360000.00"), sumV2);
        assertEquals(0, Infra.count(ds, "select count(*) from outbox"), "the expansion rows are gone once published");
    }

    @Test
    void seasonalityProfilesAreNamedReusableAndChecked() {
        String weights = "{\"JANUARY\":\"1\",\"FEBRUARY\":\"1\",\"MARCH\":\"2\",\"APRIL\":\"1\",\"MAY\":\"1\",\"JUNE\":\"1\","
                + "\"JULY\":\"1\",\"AUGUST\":\"1\",\"SEPTEMBER\":\"1\",\"OCTOBER\":\"1\",\"NOVEMBER\":\"1\",\"DECEMBER\":\"3\"}";
        asPlanner().contentType(ContentType.JSON).body("{\"name\":\"FL-RETAIL\",\"weights\":" + weights + "}")
                .post("/api/seasonality-profiles").then().statusCode(201).header("ETag", "\"0\"");
        asPlanner().contentType(ContentType.JSON).body("{\"name\":\"FL-RETAIL\",\"weights\":" + weights + "}")
                .post("/api/seasonality-profiles").then().statusCode(409);
        asPlanner().contentType(ContentType.JSON).body("{\"name\":\"FL-BAD\",\"weights\":{\"JANUARY\":\"1\"}}")
                .post("/api/seasonality-profiles").then().statusCode(422).body("field", equalTo("weights"))
                .body("detail", containsString("FEBRUARY"));
        asPlanner().contentType(ContentType.JSON).body("{\"name\":\"FL-BAD\",\"weights\":" + weights.replace("\"3\"", "\"-3\"") + "}")
                .post("/api/seasonality-profiles").then().statusCode(422).body("field", equalTo("weights"));
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"7\"").body("{\"weights\":" + weights + "}")
                .put("/api/seasonality-profiles/FL-RETAIL").then().statusCode(412);
        asPlanner().get("/api/seasonality-profiles/NO-SUCH").then().statusCode(404);
        asPlanner().get("/api/seasonality-profiles/FL-RETAIL").then().statusCode(200).body("weights.DECEMBER", equalTo("3"));
        create("""
                {"id":"FL-SEASON","name":"seasonal","taskType":"NEW_BUSINESS","metric":"ORDERS","unit":"COUNT",
                 "period":"2027","timeZone":"Asia/Shanghai","total":"1500",
                 "levels":[{"dimension":"TIME","granularity":"MONTH","method":"WEIGHTS","profile":"FL-RETAIL"}]}""");
        asPlanner().queryParam("by", "month").get("/api/plans/FL-SEASON/versions/1/rollup").then().statusCode(200)
                .body("items[11].amount", equalTo("300")).body("items[2].amount", equalTo("200"));
        // the plan keeps the weights it was drafted with
        asPlanner().get("/api/plans/FL-SEASON").then().body("levels[0].seasonality.DECEMBER", equalTo("3"));
    }

    @Test
    void historyComesFromKpiServiceAndItsAbsenceWritesNothing() throws IOException {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer kpi = HttpServer.create(new InetSocketAddress("127.0.0.1", KPI_PORT), 0);
        kpi.createContext("/api/actuals/totals", exchange -> {
            asked.add(exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            String query = exchange.getRequestURI().getQuery();
            String body = query.contains("by=territory")
                    ? "{\"metric\":\"REVENUE\",\"by\":[\"territory\"],\"totals\":[{\"members\":{\"territory\":\"FL-EAST\"},\"value\":\"300.00\"},"
                    + "{\"members\":{\"territory\":\"FL-WEST\"},\"value\":\"100.00\"}]}"
                    : "{\"metric\":\"REVENUE\",\"by\":[],\"totals\":[{\"members\":{},\"value\":\"1000.00\"}]}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        kpi.start();
        String plan = """
                {"id":"%s","name":"grown","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                 "period":"2027-01..2027-03","timeZone":"Asia/Shanghai","totalFromHistory":{"growth":"0.20"},
                 "levels":[{"dimension":"TERRITORY","method":"HISTORY","members":["FL-EAST","FL-WEST"]},
                           {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""";
        try {
            create(plan.formatted("FL-HIST"));
        } finally {
            kpi.stop(0);
        }
        asPlanner().get("/api/plans/FL-HIST").then().statusCode(200).body("total", equalTo("1200.00"))
                .body("levels[0].weights['FL-EAST']", equalTo("300.00")).body("totalBasis", containsString("1000.00"));
        asPlanner().queryParam("by", "territory").get("/api/plans/FL-HIST/versions/1/rollup").then()
                .body("items[0].amount", equalTo("900.00")).body("items[1].amount", equalTo("300.00"));
        assertTrue(asked.stream().anyMatch(q -> q.contains("metric=REVENUE") && q.contains("from=2026-01-01")
                && q.contains("to=2026-03-31") && q.endsWith("Bearer test-service-token")), asked.toString());

        // kpi-service down: 503, and nothing of the plan exists
        asPlanner().contentType(ContentType.JSON).body(plan.formatted("FL-HIST-DOWN")).post("/api/plans").then()
                .statusCode(503).contentType("application/problem+json").body("detail", containsString("kpi-service"));
        asPlanner().get("/api/plans/FL-HIST-DOWN").then().statusCode(404);
    }

    static final String EAST_WEST_MARCH_TO_MAY = """
            {"id":"%s","name":"%s","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
             "periodStart":"2027-03-01","periodEnd":"2027-05-31","timeZone":"Asia/Shanghai","total":"300000.00",
             "levels":[{"dimension":"TERRITORY","method":"EQUAL","members":["FL-EAST","FL-WEST"]},
                       {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""";

    static String cell(String plan, String territory, String from, String to) {
        return plan + "~territory=" + territory + "~" + from + ".." + to;
    }

    @Test
    void reallocationMovesAmountsIntoANewDraftAndCommitmentsReconcile() {
        create(EAST_WEST_MARCH_TO_MAY.formatted("FL-RE", "reallocate"));
        String march = cell("FL-RE", "FL-EAST", "2027-03-01", "2027-03-31");
        String april = cell("FL-RE", "FL-EAST", "2027-04-01", "2027-04-30");
        asPlanner().contentType(ContentType.JSON).body("{\"moves\":[{\"from\":\"" + march + "\",\"to\":\"" + april
                        + "\",\"amount\":\"10000.00\"}],\"note\":\"launch slips a month\"}")
                .post("/api/plans/FL-RE/versions/1/reallocations").then().statusCode(201)
                .body("versions[1].total", equalTo("300000.00")).body("versions[1].note", containsString("launch slips a month"))
                .body("versions[1].note", containsString("10000.00 CNY moved"));
        asPlanner().queryParam("territory", "FL-EAST").get("/api/plans/FL-RE/versions/2/cells").then()
                .body("items.amount", org.hamcrest.Matchers.contains("40000.00", "60000.00", "50000.00"));
        asPlanner().queryParam("territory", "FL-EAST").get("/api/plans/FL-RE/versions/1/cells").then()
                .body("items.amount", org.hamcrest.Matchers.contains("50000.00", "50000.00", "50000.00"));
        asPlanner().contentType(ContentType.JSON).body("{\"moves\":[{\"from\":\"" + march + "\",\"to\":\"" + april
                        + "\",\"amount\":\"50000.01\"}]}")
                .post("/api/plans/FL-RE/versions/1/reallocations").then().statusCode(422)
                .body("field", equalTo("moves[0].amount")).body("detail", containsString("by 0.01"));
        asPlanner().contentType(ContentType.JSON).body("{\"moves\":[{\"from\":\"FL-RE~nowhere\",\"to\":\"" + april
                        + "\",\"amount\":\"1.00\"}]}")
                .post("/api/plans/FL-RE/versions/1/reallocations").then().statusCode(422).body("field", equalTo("moves[0].from"));
        asPlanner().contentType(ContentType.JSON).body("{\"moves\":[]}")
                .post("/api/plans/FL-RE/versions/1/reallocations").then().statusCode(400).body("field", equalTo("moves"));

        // bottom-up: a rep of FL-WEST commits to its own cells only; the reconciliation shows the gap per node
        String rep = QuotaInfraResource.scopedToken("wendy", List.of("FL-WEST"), "rep");
        String westMarch = cell("FL-RE", "FL-WEST", "2027-03-01", "2027-03-31");
        Callers.as(rep).contentType(ContentType.JSON).body("{\"items\":[{\"cellKey\":\"" + march + "\",\"amount\":\"1.00\"}]}")
                .put("/api/plans/FL-RE/versions/1/commitments").then().statusCode(422).body("field", equalTo("items[0].cellKey"));
        Callers.as(rep).contentType(ContentType.JSON).body("{\"items\":[{\"cellKey\":\"" + westMarch + "\",\"amount\":\"45000.00\"}]}")
                .put("/api/plans/FL-RE/versions/1/commitments").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].committedBy", equalTo("wendy")).body("items[0].amount", equalTo("45000.00"));
        asPlanner().contentType(ContentType.JSON).body("{\"items\":[{\"cellKey\":\"" + march + "\",\"amount\":\"55000.00\"}]}")
                .put("/api/plans/FL-RE/versions/1/commitments").then().statusCode(200).body("total", equalTo(2));
        asPlanner().queryParam("by", "territory").get("/api/plans/FL-RE/versions/1/reconciliation").then().statusCode(200)
                .body("items[0].members.territory", equalTo("FL-EAST")).body("items[0].topDown", equalTo("150000.00"))
                .body("items[0].bottomUp", equalTo("55000.00")).body("items[0].gap", equalTo("-95000.00"))
                .body("items[1].bottomUp", equalTo("45000.00")).body("items[1].committedCells", equalTo(1));
        Callers.as(rep).queryParam("by", "territory").get("/api/plans/FL-RE/versions/1/reconciliation").then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].members.territory", equalTo("FL-WEST"));
        Callers.as(rep).get("/api/plans/FL-RE/versions/1/commitments").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void carryForwardSpreadsWhatWasMissedOverTheRemainingMonths() throws IOException {
        create(EAST_WEST_MARCH_TO_MAY.formatted("FL-CF", "carry forward"));
        HttpServer kpi = HttpServer.create(new InetSocketAddress("127.0.0.1", KPI_PORT), 0);
        kpi.createContext("/api/actuals/totals", exchange -> {
            byte[] bytes = ("{\"metric\":\"REVENUE\",\"by\":[\"territory\"],\"totals\":["
                    + "{\"members\":{\"territory\":\"FL-EAST\"},\"value\":\"30000.00\"},"
                    + "{\"members\":{\"territory\":\"FL-WEST\"},\"value\":\"60000.00\"}]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        kpi.start();
        try {
            asPlanner().contentType(ContentType.JSON).body("{\"through\":\"2027-03-31\"}")
                    .post("/api/plans/FL-CF/versions/1/carry-forward").then().statusCode(201)
                    .body("versions[1].total", equalTo("320000.00"))
                    .body("versions[1].note", containsString("20000.00 CNY missed"));
        } finally {
            kpi.stop(0);
        }
        asPlanner().queryParam("territory", "FL-EAST").get("/api/plans/FL-CF/versions/2/cells").then()
                .body("items.amount", org.hamcrest.Matchers.contains("50000.00", "60000.00", "60000.00"));
        asPlanner().queryParam("territory", "FL-WEST").get("/api/plans/FL-CF/versions/2/cells").then()
                .body("items.amount", org.hamcrest.Matchers.contains("50000.00", "50000.00", "50000.00"));
        asPlanner().contentType(ContentType.JSON).body("{\"through\":\"2027-03-31\"}")
                .post("/api/plans/FL-CF/versions/1/carry-forward").then().statusCode(503)
                .contentType("application/problem+json");
        asPlanner().get("/api/plans/FL-CF").then().body("versions", hasSize(2));
        asPlanner().contentType(ContentType.JSON).body("{\"through\":\"2027-05-31\"}")
                .post("/api/plans/FL-CF/versions/1/carry-forward").then().statusCode(422).body("field", equalTo("through"));
    }

    @Test
    void aPlanOfADerivedKpiInheritsItsRate() {
        create("""
                {"id":"FL-RATE","name":"conversion","taskType":"NEW_BUSINESS","metric":"CONVERSION_RATE","unit":"RATIO",
                 "period":"2027-Q1","timeZone":"Asia/Shanghai","total":"0.2500",
                 "levels":[{"dimension":"TERRITORY","method":"EQUAL","members":["FL-EAST","FL-WEST"],"pins":{"FL-WEST":"0.3"}},
                           {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""");
        asPlanner().queryParam("territory", "FL-WEST").get("/api/plans/FL-RATE/versions/1/cells").then()
                .body("items.amount", everyItemIs("0.3000"));
        asPlanner().queryParam("by", "territory").get("/api/plans/FL-RATE/versions/1/rollup").then().statusCode(422)
                .body("field", equalTo("by"));
        asPlanner().get("/api/plans/FL-RATE").then().body("totalBasis", nullValue());
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> everyItemIs(String value) {
        return org.hamcrest.Matchers.everyItem(equalTo(value));
    }
}
