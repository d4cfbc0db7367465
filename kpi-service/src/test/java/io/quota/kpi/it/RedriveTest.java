package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Re-drive: after a fix, dead letters go back to their topic and count, each once however often it is asked. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class RedriveTest {
    private static final Map<String, Object> ACTUALS_ONLY = Map.of("reason", "test: plan RDV withdrawn",
            "topics", List.of(Topics.dlq(Topics.ACTUALS)));

    @Inject
    AgroalDataSource ds;

    @Test
    void aDeadLetterIsReDrivenOnceAfterTheFix() {
        send(Events.plan("RDV", 1, Metric.ORDERS, "CNY", "2032-01-01", "2032-12-31", 1, "100.00"));
        send(Events.cell("RDV", 1, "RDV-T", "2032-01-01", "2032-12-31", "100.00", "CNY"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asViewer().queryParam("plan", "RDV").get("/api/attainment").then().statusCode(200));
        // orders counted as a number, while the plan (wrongly) counts them in yuan: refused
        ActualRecorded orders = Events.actual(Metric.ORDERS, "4", "COUNT", "2032-02-01", "RDV-T", null);
        send(orders);
        ConsumerRecord<String, String> letter = Events.find(Topics.dlq(Topics.ACTUALS),
                r -> r.value().contains(orders.eventId().toString()));

        // the fix: the plan is withdrawn, so no active plan names another unit
        send(Events.withdrawn("RDV", 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asViewer().queryParam("plan", "RDV").get("/api/attainment").then().statusCode(404));

        asAdmin().contentType(ContentType.JSON).body(ACTUALS_ONLY).post("/api/admin/redrives").then().statusCode(200)
                .body("redriven", greaterThanOrEqualTo(1)).body("topics[0].dlqTopic", equalTo(Topics.dlq(Topics.ACTUALS)));
        await().atMost(Duration.ofSeconds(30)).until(() -> total() == 4);
        assertEquals(1, Sql.count(ds, "select count(*) from redriven_letter where dlq_topic = ? and dlq_partition = ? "
                + "and dlq_offset = ? and redriven_by = 'test-admin'", letter.topic(), letter.partition(), letter.offset()));

        // asked again: the letter is not sent again
        asAdmin().contentType(ContentType.JSON).body(ACTUALS_ONLY).post("/api/admin/redrives").then().statusCode(200)
                .body("topics[0].alreadyRedriven", greaterThanOrEqualTo(1));
        assertEquals(2, Events.readAll(Topics.ACTUALS).stream()
                .filter(r -> r.value().contains(orders.eventId().toString())).count(), "the original and one re-drive");
        assertEquals(4, total());
    }

    @Test
    void reDriveNamesWhyAndOnlyKnownDeadLetterTopics() {
        asAdmin().contentType(ContentType.JSON).body("{}").post("/api/admin/redrives").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("reason"));
        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "x", "topics", List.of("quota.elsewhere.dlq")))
                .post("/api/admin/redrives").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("topics"));
        asViewer().contentType(ContentType.JSON).body(ACTUALS_ONLY).post("/api/admin/redrives").then().statusCode(403);
    }

    private long total() {
        Object total = Sql.one(ds, "select sum(total) from territory_daily where metric = 'ORDERS' and territory_id = 'RDV-T'");
        return total == null ? 0 : ((BigDecimal) total).longValueExact();
    }
}
