package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import io.quota.kpi.application.DriftSweep;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay: the read model rebuilt from quota.actuals.v1 ends with the same figures and the same drift states,
 * announces nothing again, and keeps the decisions taken when the records were first read (a period closed
 * since does not undo what was counted; a record dead-lettered then is neither counted nor dead-lettered again).
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class ReplayTest {
    private static final String PLAN = "RPL";
    private static final String CELL = "RPL~territory=RPL-T~2031-01-01..2031-01-31";
    /** Every figure of the read model (rows a re-crediting left at zero are no figure) and every drift state. */
    private static final String FIGURES = """
            select (select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from territory_daily x
                     where total <> 0)
                || (select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from rep_daily x where total <> 0)
                || (select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from account_daily x
                     where total <> 0)
                || (select md5(coalesce(string_agg(concat_ws(',', node_key, version, state, pace, as_of), '|'
                     order by node_key), '')) from drift_state)""";

    @Inject
    AgroalDataSource ds;
    @Inject
    DriftSweep sweep;

    @Test
    void aReplayRebuildsTheSameFiguresAndAnnouncesNothingAgain() throws Exception {
        send(Events.plan(PLAN, 1, Metric.ORDERS, "COUNT", "2031-01-01", "2031-12-31", 1, "100"));
        send(Events.cell(PLAN, 1, "RPL-T", "2031-01-01", "2031-01-31", "100", "COUNT"));
        send(Events.accountHistory("RPL-ACC", Events.span("RPL-T2", "2031-01-01", null)));
        // the first test of a run may wait for the consumer group to settle
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                asViewer().queryParam("plan", PLAN).get("/api/attainment").then().statusCode(200));
        ActualRecorded original = Events.actual(Metric.ORDERS, "10", "COUNT", "2031-01-08", "RPL-T", null);
        Events.sendAll(List.of(
                Events.actual(Metric.ORDERS, "90", "COUNT", "2031-01-06", "RPL-T", null),
                Events.actual(Metric.ORDERS, "60", "COUNT", "2031-01-07", "RPL-T", null, null,
                        List.of(new ActualRecorded.Credit("RPL-R1", new BigDecimal("70")),
                                new ActualRecorded.Credit("RPL-R2", new BigDecimal("30"))), null, null),
                original,
                Events.actual(Metric.ORDERS, "-10", "COUNT", "2031-01-08", "RPL-T", null, null, null,
                        original.eventId(), null),
                Events.actual(Metric.ORDERS, "7", "COUNT", "2031-01-09", null, "RPL-ACC")));
        await().atMost(Duration.ofSeconds(30)).until(() -> total("RPL-T") == 150 && total("RPL-T2") == 7);

        // the books close after these were counted; one sent now is refused and dead-lettered
        asAdmin().contentType(ContentType.JSON).body(Map.of("period", "2031-01", "metric", "ORDERS"))
                .post("/api/closed-periods").then().statusCode(201);
        ActualRecorded late = Events.actual(Metric.ORDERS, "5", "COUNT", "2031-01-10", "RPL-T", null);
        send(late);
        Events.find(Topics.dlq(Topics.ACTUALS), r -> r.value().contains(late.eventId().toString()));

        try {
            // 150 of 100 by the 20th: far ahead, announced once
            asAdmin().contentType(ContentType.JSON).body(Map.of("today", "2031-01-20")).put("/api/admin/clock")
                    .then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "AHEAD".equals(Sql.one(ds,
                    "select state from drift_state where node_key = ?", CELL)));
            awaitOutboxEmpty();
            String before = (String) Sql.one(ds, FIGURES);
            int driftEvents = Events.readAll(Topics.DRIFT).size();
            long seqBefore = Sql.count(ds, "select seq from drift_state where node_key = ?", CELL);

            int generation;
            try (Connection blocker = ds.getConnection(); Statement st = blocker.createStatement()) {
                // hold the recount back (every batch reads the closed periods; beginning a replay does not): the
                // figures read meanwhile are the emptied ones, and the replay cannot end
                blocker.setAutoCommit(false);
                st.execute("lock table closed_period in access exclusive mode");
                generation = asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "test: rebuild"))
                        .post("/api/admin/replays").then().statusCode(202).header("Location", notNullValue())
                        .body("status", equalTo("RUNNING")).body("requestedBy", equalTo("test-admin"))
                        .extract().path("generation");
                asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "again")).post("/api/admin/replays")
                        .then().statusCode(409).contentType("application/problem+json");
                assertEquals(0, total("RPL-T"));
                // a sweep on the emptied figures finds the node far behind: stored, never announced
                sweep.sweep();
                assertEquals("CRITICAL", Sql.one(ds, "select state from drift_state where node_key = ?", CELL));
                assertTrue(Sql.count(ds, "select seq from drift_state where node_key = ?", CELL) > seqBefore);
                blocker.rollback();
            }
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> asAdmin()
                    .get("/api/admin/replays/" + generation).then().statusCode(200).body("status", equalTo("DONE")));

            assertEquals(before, Sql.one(ds, FIGURES), "the same figures and drift states after the replay");
            assertEquals("AHEAD", Sql.one(ds, "select state from drift_state where node_key = ?", CELL));
            awaitOutboxEmpty();
            assertEquals(driftEvents, Events.readAll(Topics.DRIFT).size(), "no drift announced again");
            assertEquals(1, Events.readAll(Topics.dlq(Topics.ACTUALS)).stream()
                    .filter(r -> r.value().contains(late.eventId().toString())).count(), "not dead-lettered again");
            assertEquals(0, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", late.eventId()));
        } finally {
            asAdmin().delete("/api/admin/clock").then().statusCode(200);
        }
    }

    @Test
    void replaysAreAdminOperationsThatNameTheirReason() {
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/admin/replays").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("reason"));
        asAdmin().get("/api/admin/replays/987654321").then().statusCode(404).contentType("application/problem+json");
        asViewer().contentType(ContentType.JSON).body(Map.of("reason", "x")).post("/api/admin/replays").then()
                .statusCode(403);
    }

    private long total(String territory) {
        Object total = Sql.one(ds, "select sum(total) from territory_daily where metric = 'ORDERS' and territory_id = ?",
                territory);
        return total == null ? 0 : ((BigDecimal) total).longValueExact();
    }

    private void awaitOutboxEmpty() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds, "select count(*) from outbox") == 0);
    }
}
