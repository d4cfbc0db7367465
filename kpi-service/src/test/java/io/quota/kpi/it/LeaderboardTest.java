package io.quota.kpi.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static io.quota.kpi.it.Callers.as;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Leaderboards: ratios of sums, PRIMARY reps carry their territory's target, OVERLAY credit stays on the rep. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class LeaderboardTest {
    private static final String PLAN = "FY27-LB";

    @Test
    void territoriesAndRepsAreRankedByAttainmentAndOverlayCreditIsNotAddedToTerritories() {
        send(Events.territory("LB-R", null, "REGION"));
        send(Events.territory("LB-A", "LB-R", "GEOGRAPHIC"));
        send(Events.territory("LB-B", "LB-R", "GEOGRAPHIC"));
        send(rep("rep-A", "LB-A", RepAssignmentChanged.Role.PRIMARY));
        send(rep("rep-B", "LB-B", RepAssignmentChanged.Role.PRIMARY));
        send(rep("rep-O", "LB-A", RepAssignmentChanged.Role.OVERLAY));
        send(Events.plan(PLAN, 1, Metric.CONVERSIONS, "COUNT", "2027-01-01", "2027-12-31", 2, "2000"));
        send(Events.cell(PLAN, 1, "LB-A", "2027-01-01", "2027-12-31", "1000", "COUNT"));
        send(Events.cell(PLAN, 1, "LB-B", "2027-01-01", "2027-12-31", "1000", "COUNT"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asViewer().queryParam("plan", PLAN).get("/api/attainment").then().statusCode(200));

        send(Events.actual(Metric.CONVERSIONS, "500", "COUNT", "2027-02-01", "LB-A", null));
        send(Events.actual(Metric.CONVERSIONS, "250", "COUNT", "2027-02-01", "LB-B", null));
        // the overlay rep's own sale: on the rep, and once in LB-A, never twice
        send(Events.actual(Metric.CONVERSIONS, "100", "COUNT", "2027-02-02", "LB-A", null, "rep-O", null, null, null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", PLAN)
                .queryParam("territory", "LB-R").queryParam("asOf", "2027-12-31").get("/api/attainment").then()
                .statusCode(200).body("actual", equalTo("850")));

        asViewer().queryParam("plan", PLAN).queryParam("asOf", "2027-12-31").get("/api/leaderboard").then()
                .statusCode(200).body("by", equalTo("territory")).body("total", equalTo(2))
                .body("items[0].id", equalTo("LB-A")).body("items[0].actual", equalTo("600"))
                .body("items[0].attainment", equalTo("0.6000")).body("items[0].rank", equalTo(1))
                .body("items[1].id", equalTo("LB-B")).body("items[1].attainment", equalTo("0.2500"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", PLAN)
                .queryParam("by", "rep").queryParam("asOf", "2027-12-31").get("/api/leaderboard").then()
                .statusCode(200).body("total", equalTo(3))
                .body("items[0].id", equalTo("rep-A")).body("items[0].target", equalTo("1000"))
                .body("items[0].actual", equalTo("500")).body("items[0].attainment", equalTo("0.5000"))
                .body("items[1].id", equalTo("rep-B"))
                .body("items[2].id", equalTo("rep-O")).body("items[2].actual", equalTo("100"))
                .body("items[2].target", nullValue()).body("items[2].attainment", nullValue()));

        // a rep scoped to LB-B sees only its territory, and no rep board
        String rita = QuotaInfraResource.scopedToken("rita", List.of("LB-B"), Roles.REP);
        as(rita).queryParam("plan", PLAN).get("/api/leaderboard").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].id", equalTo("LB-B"));
        as(rita).queryParam("plan", PLAN).queryParam("by", "rep").get("/api/leaderboard").then().statusCode(400)
                .body("field", equalTo("by"));
        asViewer().queryParam("plan", PLAN).queryParam("by", "colour").get("/api/leaderboard").then().statusCode(400)
                .body("field", equalTo("by"));
        asViewer().queryParam("plan", "NO-SUCH-PLAN").get("/api/leaderboard").then().statusCode(404);
    }

    private static RepAssignmentChanged rep(String repId, String territory, RepAssignmentChanged.Role role) {
        return new RepAssignmentChanged(UUID.randomUUID(), Instant.now(), 1, repId, List.of(
                new RepAssignmentChanged.Span(territory, role, LocalDate.of(2026, 1, 1), null)));
    }
}
