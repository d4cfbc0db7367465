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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static io.quota.kpi.it.Events.sendAll;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PlanPublished.fiscalYearStartMonth fixes a plan's fiscal periods (FY2027, FY2027-Q1) and the quarters of its
 * alert levels; the plans here start their period in March, so the month the period starts would give others.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class FiscalYearTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void aFiscalYearStartingInAprilHasAprilToJuneAsItsFirstQuarter() {
        send(Events.territory("FIS-R", null, "REGION"));
        send(Events.territory("FIS-E", "FIS-R", "GEOGRAPHIC"));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(ds, "select count(*) from territory where territory_id in ('FIS-R', 'FIS-E')") == 2);
        publish("FIS-APR", 4);
        publish("FIS-FEB", 2);

        // FY2027 starts on 1 April 2027: Q1 is April to June (2,000 + 3,000 + 4,000), not March to May
        asViewer().queryParam("plan", "FIS-APR").queryParam("territory", "FIS-E").queryParam("period", "FY2027-Q1")
                .get("/api/attainment").then().statusCode(200)
                .body("nodeKey", equalTo("FIS-APR~territory=FIS-E~2027-04-01..2027-06-30"))
                .body("target", equalTo("9000.00")).body("cells", equalTo(3));
        // the March of the plan's period belongs to FY2026's last quarter
        asViewer().queryParam("plan", "FIS-APR").queryParam("period", "FY2026-Q4").get("/api/attainment").then()
                .statusCode(200).body("target", equalTo("1000.00")).body("cells", equalTo(1));

        // a fiscal year starting in February: the region x quarter alert nodes are February-April (clipped to the
        // plan's March), May-July and August-October (clipped to August), not calendar quarters
        List<String> expected = List.of("FIS-FEB~territory=FIS-R~2027-03-01..2027-04-30",
                "FIS-FEB~territory=FIS-R~2027-05-01..2027-07-31", "FIS-FEB~territory=FIS-R~2027-08-01..2027-08-31");
        await().atMost(Duration.ofSeconds(30)).until(() -> regionQuarters("FIS-FEB").size() == expected.size());
        assertEquals(expected, regionQuarters("FIS-FEB"));
        asViewer().queryParam("plan", "FIS-FEB").queryParam("territory", "FIS-R").queryParam("groupBy", "quarter")
                .get("/api/attainment").then().statusCode(200).body("total", equalTo(3))
                .body("items[1].nodeKey", equalTo(expected.get(1))).body("items[1].target", equalTo("12000.00"));
    }

    /** A plan for March to August 2027 of territory FIS-E, month m (March = 1) targeting m x 1,000.00; active. */
    private static void publish(String planId, int fiscalYearStartMonth) {
        List<TargetAllocated> cells = new ArrayList<>();
        for (int m = 0; m < 6; m++) {
            LocalDate from = LocalDate.of(2027, 3 + m, 1);
            cells.add(Events.cell(planId, 1, "FIS-E", from.toString(), from.plusMonths(1).minusDays(1).toString(),
                    (m + 1) * 1000 + ".00", "CNY"));
        }
        send(Events.plan(planId, 1, Metric.REVENUE, "CNY", "2027-03-01", "2027-08-31", 6, "21000.00",
                fiscalYearStartMonth));
        sendAll(cells);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> asViewer().queryParam("plan", planId)
                .get("/api/attainment").then().statusCode(200).body("version", equalTo(1)));
    }

    private List<String> regionQuarters(String planId) {
        return Sql.list(ds, "select node_key from alert_node where plan_id = ? and level = 'region,quarter' "
                + "order by period_start", planId);
    }
}
