package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import static io.quota.kpi.it.Events.send;
import static io.quota.kpi.it.Callers.asViewer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** quota.actuals.v1 as upstream systems use it: bad records go to the .dlq with a reason, the stream goes on. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class ActualsIngestionTest {
    @Inject
    AgroalDataSource ds;

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndLaterActualsAreStillCounted() {
        String poison = "not json " + UUID.randomUUID();
        Events.sendRaw(new ProducerRecord<>(Topics.ACTUALS, "DLQ-T", poison));
        ConsumerRecord<String, String> dead = Events.find(Topics.dlq(Topics.ACTUALS), r -> poison.equals(r.value()));
        String reason = Events.header(dead, "dead-letter-reason");
        assertTrue(reason != null && reason.contains("not JSON"), reason);

        // breaks the schema: value is not a decimal string
        String badValue = EventJson.write(Events.actual(Metric.VISITS, "1", "COUNT", "2027-03-10", "DLQ-T", null))
                .replace("\"value\":\"1\"", "\"value\":\"lots\"");
        Events.sendRaw(new ProducerRecord<>(Topics.ACTUALS, "DLQ-T", badValue));
        ConsumerRecord<String, String> broken = Events.find(Topics.dlq(Topics.ACTUALS), r -> badValue.equals(r.value()));
        assertTrue(Events.header(broken, "dead-letter-reason").contains("schema"), Events.header(broken, "dead-letter-reason"));

        // same key, so the same partition: counted only if the consumer went past both bad records
        send(Events.actual(Metric.VISITS, "3", "COUNT", "2027-03-10", "DLQ-T", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> total("VISITS", "DLQ-T") == 3);
    }

    @Test
    void aRedeliveredActualIsCountedOnce() {
        ActualRecorded once = Events.actual(Metric.VISITS, "5", "COUNT", "2027-03-11", "REDELIVERY", null);
        send(once);
        send(once);
        send(Events.actual(Metric.VISITS, "1", "COUNT", "2027-03-11", "REDELIVERY", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from actual_fact where territory_id = 'REDELIVERY'") == 2);
        assertEquals(6, total("VISITS", "REDELIVERY"));
    }

    @Test
    void anActualInAnotherUnitThanThePlansIsRefusedWithItsReason() {
        send(Events.plan("FY27-COL", 1, Metric.COLLECTIONS, "CNY", "2027-01-01", "2027-12-31", 1, "9000.00"));
        send(Events.cell("FY27-COL", 1, "NORTH", "2027-01-01", "2027-12-31", "9000.00", "CNY"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                asViewer().queryParam("plan", "FY27-COL").get("/api/attainment").then().statusCode(200));

        ActualRecorded dollars = Events.actual(Metric.COLLECTIONS, "100.00", "USD", "2027-03-10", "NORTH", null);
        send(dollars);
        ConsumerRecord<String, String> dead = Events.find(Topics.dlq(Topics.ACTUALS),
                r -> r.value().contains(dollars.eventId().toString()));
        String reason = Events.header(dead, "dead-letter-reason");
        assertTrue(reason.contains("USD") && reason.contains("CNY"), reason);

        send(Events.actual(Metric.COLLECTIONS, "250.00", "CNY", "2027-03-10", "NORTH", null));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asViewer().queryParam("plan", "FY27-COL")
                .queryParam("territory", "NORTH").queryParam("asOf", "2027-12-31").get("/api/attainment")
                .then().statusCode(200).body("actual", equalTo("250.00")).body("target", equalTo("9000.00")));
        assertEquals(0, Sql.count(ds, "select count(*) from actual_fact where event_id = ?", dollars.eventId()));
    }

    @Test
    void anActualNamingOnlyAnAccountIsKeptAsUnplanned() {
        ActualRecorded accountOnly = Events.actual(Metric.ORDERS, "2", "COUNT", "2027-03-10", null, "ACC-42");
        send(accountOnly);
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                "select count(*) from actual_fact where event_id = ?", accountOnly.eventId()) == 1);
        assertNull(Sql.one(ds, "select territory_id from actual_fact where event_id = ?", accountOnly.eventId()));
        assertEquals(0, new BigDecimal("2").compareTo((BigDecimal) Sql.one(ds,
                "select value from actual_fact where event_id = ?", accountOnly.eventId())));
    }

    @Test
    void aDerivedKpiIsNeverRecorded() {
        ActualRecorded rate = Events.actual(Metric.CONVERSION_RATE, "0.25", "RATIO", "2027-03-10", "DERIVED-T", null);
        send(rate);
        ConsumerRecord<String, String> dead = Events.find(Topics.dlq(Topics.ACTUALS),
                r -> r.value().contains(rate.eventId().toString()));
        assertTrue(Events.header(dead, "dead-letter-reason").contains("derived"));
    }

    private long total(String metric, String territory) {
        Object total = Sql.one(ds, "select total from daily_total where metric = ? and territory_id = ?", metric, territory);
        return total == null ? 0 : ((BigDecimal) total).longValueExact();
    }
}
