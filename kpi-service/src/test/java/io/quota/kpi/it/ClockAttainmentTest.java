package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.messaging.IncomingEvents;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Time passing alone moves a node's figures (expected to date, pace, forecast): the clock's sweep publishes
 * AttainmentChanged for the alert nodes whose shown figures moved, and nothing for those whose figures stayed.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class ClockAttainmentTest {
    private static final String PLAN = "CLK-PLAN";
    private static final String CELL = "CLK-PLAN~territory=CLK-T~2027-03-01..2027-03-31";
    /** The region x quarter roll-up: Q1 clipped to the plan's period. */
    private static final String REGION_Q1 = "CLK-PLAN~territory=CLK-R~2027-03-01..2027-03-31";

    @Inject
    AgroalDataSource ds;

    @Test
    void theSweepAnnouncesFiguresThatTimeMovedAndNothingElse() {
        send(Events.territory("CLK-R", null, "REGION"));
        send(Events.territory("CLK-T", "CLK-R", "GEOGRAPHIC"));
        // March 2027 has 23 working days: 1,000.00 owed per working day
        send(Events.plan(PLAN, 1, Metric.REVENUE, "CNY", "2027-03-01", "2027-03-31", 1, "23000.00"));
        send(Events.cell(PLAN, 1, "CLK-T", "2027-03-01", "2027-03-31", "23000.00", "CNY"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> asViewer().queryParam("plan", PLAN)
                .get("/api/attainment").then().statusCode(200).body("version", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select count(*) from territory where territory_id in ('CLK-R', 'CLK-T')") == 2);

        // Saturday the 13th: owed up to Friday the 12th, 10 working days
        setClock("2027-03-13");
        awaitPublished(CELL, "10000.00");
        awaitPublished(REGION_Q1, "10000.00");
        awaitQuiet();
        int before = changes().size();

        // Sunday the 14th: the as-of date moves to Saturday, which owes nothing more; no figure moved
        setClock("2027-03-14");
        awaitQuiet();
        assertEquals(before, changes().size(), () -> "published without a moved figure: " + changes());

        // Tuesday the 16th: Monday is owed now; both alert nodes announce it
        setClock("2027-03-16");
        AttainmentChanged cell = awaitPublished(CELL, "11000.00");
        assertEquals(LocalDate.of(2027, 3, 15), cell.figures().asOf());
        assertEquals(new BigDecimal("23000.00"), cell.figures().target());
        assertEquals(new BigDecimal("0.00"), cell.figures().actual());
        assertEquals(new BigDecimal("0.0000"), cell.figures().pace());
        awaitPublished(REGION_Q1, "11000.00");
        awaitQuiet();
        assertEquals(before + 2, changes().size(), () -> changes().toString());
    }

    private static void setClock(String today) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("today", today)).put("/api/admin/clock")
                .then().statusCode(200).body("today", equalTo(today));
    }

    /** The plan's AttainmentChanged on quota.attainment.v1 so far. */
    private static List<AttainmentChanged> changes() {
        return Events.readAll(Topics.ATTAINMENT).stream().map(r -> IncomingEvents.read(r, AttainmentChanged.class))
                .filter(a -> a.planId().equals(PLAN)).toList();
    }

    private static AttainmentChanged awaitPublished(String nodeKey, String expectedToDate) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> changes().stream()
                .filter(a -> a.nodeKey().equals(nodeKey)
                        && a.figures().expectedToDate().compareTo(new BigDecimal(expectedToDate)) == 0)
                .findFirst().orElse(null), a -> a != null);
    }

    /** Nothing left to publish: the outbox relayed and no node of the plan waits for its second. */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds, "select count(*) from outbox") == 0
                && Sql.count(ds, "select count(*) from drift_state where plan_id = '" + PLAN + "' and attainment_due") == 0);
    }
}
