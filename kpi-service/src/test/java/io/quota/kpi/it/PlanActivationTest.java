package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.events.TargetAllocated;
import io.quota.infra.QuotaInfraResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.quota.kpi.it.Events.send;
import static io.quota.kpi.it.Callers.asViewer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A version goes live only when its header and all its cells have arrived; a withdrawal brings back the previous. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class PlanActivationTest {
    private static final String PLAN = "FY27-ORD";
    private static final String H1 = "FY27-ORD~territory=EAST~2027-01-01..2027-06-30";

    @Inject
    AgroalDataSource ds;
    @Inject
    io.quota.kpi.application.IncompleteVersions incomplete;

    @Test
    void aVersionActivatesOnlyOnceAllItsCellsArrivedAndAWithdrawalRestoresThePreviousOne() {
        send(Events.plan(PLAN, 1, Metric.ORDERS, "COUNT", "2027-01-01", "2027-12-31", 2, "1000"));
        TargetAllocated first = Events.cell(PLAN, 1, "EAST", "2027-01-01", "2027-06-30", "500", "COUNT");
        send(first);
        // the same cell again under another event id (a republished version): stored and counted once
        send(new TargetAllocated(UUID.randomUUID(), Instant.now(), 1, PLAN, 1, H1, first.amount(), "COUNT"));
        TargetAllocated repeat = new TargetAllocated(UUID.randomUUID(), Instant.now(), 1, PLAN, 1, H1, first.amount(), "COUNT");
        send(repeat);
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from inbox where consumer = 'kpi-targets' and event_id = ?", repeat.eventId()) == 1
                && Sql.count(ds, "select count(*) from plan_version where plan_id = ? and published", PLAN) == 1);
        assertEquals(1L, Sql.count(ds, "select arrived from plan_version where plan_id = ? and version = 1", PLAN));
        asViewer().queryParam("plan", PLAN).get("/api/attainment").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString(PLAN));

        send(Events.cell(PLAN, 1, "EAST", "2027-07-01", "2027-12-31", "500", "COUNT"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", PLAN)
                .get("/api/attainment").then().statusCode(200).body("version", equalTo(1)).body("target", equalTo("1000")));

        // version 2: its cell arrives before its header (different topics); version 1 stays active meanwhile
        TargetAllocated v2cell = Events.cell(PLAN, 2, "EAST", "2027-01-01", "2027-12-31", "1200", "COUNT");
        send(v2cell);
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from inbox where consumer = 'kpi-targets' and event_id = ?", v2cell.eventId()) == 1);
        asViewer().queryParam("plan", PLAN).get("/api/attainment").then().statusCode(200).body("version", equalTo(1));
        send(Events.plan(PLAN, 2, Metric.ORDERS, "COUNT", "2027-01-01", "2027-12-31", 1, "1200"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", PLAN)
                .get("/api/attainment").then().statusCode(200).body("version", equalTo(2)).body("target", equalTo("1200")));
        assertEquals("SUPERSEDED", Sql.one(ds, "select status from plan_version where plan_id = ? and version = 1", PLAN));

        send(Events.withdrawn(PLAN, 2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", PLAN)
                .get("/api/attainment").then().statusCode(200).body("version", equalTo(1)).body("target", equalTo("1000")));
        assertEquals("WITHDRAWN", Sql.one(ds, "select status from plan_version where plan_id = ? and version = 2", PLAN));
    }

    @Test
    void aVersionStillIncompleteAfterTheAlertTimeRaisesOneAlert() {
        send(Events.plan("FY27-INC", 1, Metric.VISITS, "COUNT", "2027-01-01", "2027-12-31", 3, "300"));
        send(Events.cell("FY27-INC", 1, "EAST", "2027-01-01", "2027-03-31", "100", "COUNT"));
        // the alert time is 2 s in the test profile; the check runs every second
        await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(Sql.one(ds,
                "select incomplete_alerted_at is not null from plan_version where plan_id = 'FY27-INC' and arrived = 1")));
        assertTrue(incomplete.overdue() >= 1);
        io.restassured.RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("kpi_plan_versions_incomplete_overdue"));
        // alerted once: a later check does not raise it again
        assertTrue(incomplete.checkNow().stream().noneMatch(o -> o.planId().equals("FY27-INC")));
    }
}
