package io.quota.kpi.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The counter the operators' Grafana dashboard reads, by its exact Prometheus name. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class IngestMetricsTest {
    private static final Pattern INGESTED = Pattern.compile("(?m)^quota_actuals_ingested_total(\\{[^}]*})? (\\S+)$");

    @Test
    void actualsCountedForTheFirstTimeAreCountedInQuotaActualsIngestedTotal() {
        String before = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(before.matches("(?s).*# TYPE quota_actuals_ingested(_total)? counter.*"), () -> "not a counter: "
                + before.lines().filter(l -> l.contains("quota_actuals")).toList());
        double start = ingested(before);

        ActualRecorded repeated = Events.actual(Metric.VISITS, "1", "COUNT", "2027-03-10", "METRICS-T", null);
        Events.send(repeated);
        Events.send(repeated); // a redelivery: not ingested again
        Events.send(Events.actual(Metric.VISITS, "2", "COUNT", "2027-03-10", "METRICS-T", null));

        await().atMost(Duration.ofSeconds(30)).until(() -> ingested(scrape()) - start >= 2);
        // the repeat was read after the first copy: once both are counted, the counter has moved by exactly 2
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> ingested(scrape()) - start == 2);
        assertEquals(2, ingested(scrape()) - start);
    }

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double ingested(String metrics) {
        Matcher m = INGESTED.matcher(metrics);
        assertTrue(m.find(), "quota_actuals_ingested_total missing");
        return Double.parseDouble(m.group(2));
    }
}
