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
import io.quota.kpi.application.DeduplicationWindow;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** quota.actuals.v1 as upstream systems use it: batches counted once, bad records to the .dlq, the stream goes on. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class ActualsIngestionTest {
    @Inject
    AgroalDataSource ds;
    @Inject
    DeduplicationWindow window;

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndLaterActualsAreStillCounted() {
        String poison = "not json " + UUID.randomUUID();
        Events.sendRaw(new ProducerRecord<>(Topics.ACTUALS, "DLQ-T", poison));
        ConsumerRecord<String, String> dead = Events.find(Topics.dlq(Topics.ACTUALS), r -> poison.equals(r.value()));
        String reason = Events.header(dead, "dead-letter-reason");
        assertTrue(reason != null && reason.contains("not JSON"), reason);
        assertEquals(Topics.ACTUALS, Events.header(dead, "dead-letter-topic"));

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
    void aPoisonRecordInsideABatchIsDeadLetteredWhileTheRestOfTheBatchIsCounted() {
        List<ActualRecorded> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(Events.actual(Metric.VISITS, "1", "COUNT", "2027-03-1" + (i % 10), "BATCH-T", null));
        }
        // a negative value that names no original is not a reversal: refused with its reason
        ActualRecorded negative = Events.actual(Metric.VISITS, "-5", "COUNT", "2027-03-12", "BATCH-T", null);
        batch.add(100, negative);
        Events.sendAll(batch);
        ConsumerRecord<String, String> dead = Events.find(Topics.dlq(Topics.ACTUALS),
                r -> r.value().contains(negative.eventId().toString()));
        assertTrue(Events.header(dead, "dead-letter-reason").contains("reversalOf"), Events.header(dead, "dead-letter-reason"));
        await().atMost(Duration.ofSeconds(30)).until(() -> total("VISITS", "BATCH-T") == 200);
        assertEquals(0, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", negative.eventId()));
    }

    @Test
    void aRedeliveredActualIsCountedOnceAndAReversalUndoesItsOriginal() {
        ActualRecorded once = Events.actual(Metric.VISITS, "5", "COUNT", "2027-03-11", "REDELIVERY", null);
        send(once);
        send(once);
        send(Events.actual(Metric.VISITS, "1", "COUNT", "2027-03-11", "REDELIVERY", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> total("VISITS", "REDELIVERY") == 6);
        assertEquals(1, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", once.eventId()));

        ActualRecorded reversal = Events.actual(Metric.VISITS, "-5", "COUNT", "2027-03-11", "REDELIVERY", null, null,
                null, once.eventId(), null);
        send(reversal);
        send(reversal);
        await().atMost(Duration.ofSeconds(30)).until(() -> total("VISITS", "REDELIVERY") == 1);
    }

    @Test
    void aTransientDatabaseFailureRetriesTheBatchInsteadOfDeadLetteringIt() throws Exception {
        ActualRecorded actual = Events.actual(Metric.VISITS, "7", "COUNT", "2027-03-11", "TRANSIENT-T", null);
        try (Connection blocker = ds.getConnection(); Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("lock table territory_daily in exclusive mode");
            send(actual);
            // the batch waits on the lock; cut its connection: a failure no record is to blame for
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds, """
                    select count(*) from pg_stat_activity where wait_event_type = 'Lock'
                      and query like 'insert into territory_daily%'""") == 1);
            st.execute("""
                    select pg_terminate_backend(pid) from pg_stat_activity where wait_event_type = 'Lock'
                      and query like 'insert into territory_daily%'""");
            // it comes back and waits again
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds, """
                    select count(*) from pg_stat_activity where wait_event_type = 'Lock'
                      and query like 'insert into territory_daily%'""") == 1);
            blocker.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> total("VISITS", "TRANSIENT-T") == 7);
        send(Events.actual(Metric.VISITS, "1", "COUNT", "2027-03-11", "TRANSIENT-T", null));
        await().atMost(Duration.ofSeconds(30)).until(() -> total("VISITS", "TRANSIENT-T") == 8);
        assertTrue(Events.readAll(Topics.dlq(Topics.ACTUALS)).stream()
                .noneMatch(r -> r.value().contains(actual.eventId().toString())));
    }

    @Test
    void anActualInAnotherUnitThanThePlansIsRefusedWithItsReason() {
        send(Events.plan("FY27-COL", 1, Metric.COLLECTIONS, "CNY", "2027-01-01", "2027-12-31", 1, "9000.00"));
        send(Events.cell("FY27-COL", 1, "NORTH", "2027-01-01", "2027-12-31", "9000.00", "CNY"));
        // possibly the first attainment read after start-up on a loaded machine
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
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
        assertEquals(0, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", dollars.eventId()));
    }

    @Test
    void aDerivedKpiIsNeverRecorded() {
        ActualRecorded rate = Events.actual(Metric.CONVERSION_RATE, "0.25", "RATIO", "2027-03-10", "DERIVED-T", null);
        send(rate);
        ConsumerRecord<String, String> dead = Events.find(Topics.dlq(Topics.ACTUALS),
                r -> r.value().contains(rate.eventId().toString()));
        assertTrue(Events.header(dead, "dead-letter-reason").contains("derived"));
    }

    @Test
    void processedIdsLiveInDayPartitionsAndDaysPastTheWindowAreDropped() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ActualRecorded now = Events.actual(Metric.VISITS, "1", "COUNT", "2027-03-10", "WINDOW-T", null);
        send(now);
        await().atMost(Duration.ofSeconds(30)).until(() -> total("VISITS", "WINDOW-T") == 1);
        assertEquals("processed_actual_d" + today.toString().replace("-", ""), Sql.one(ds,
                "select tableoid::regclass::text from processed_actual where event_id = ?", now.eventId()));

        // an id of an old day lands in the default partition; one of a day ahead of the partitions too
        UUID old = UUID.randomUUID();
        UUID ahead = UUID.randomUUID();
        LocalDate later = today.plusDays(10);
        insertProcessed(old, today.minusDays(window.windowDays() + 5));
        insertProcessed(ahead, later);
        assertEquals("processed_actual_default", Sql.one(ds,
                "select tableoid::regclass::text from processed_actual where event_id = ?", ahead));

        // the window moves on: days before it go, the day's partition takes its rows from the default partition
        window.maintain(today.plusDays(9));
        assertEquals(0, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", old));
        assertEquals("processed_actual_d" + later.toString().replace("-", ""), Sql.one(ds,
                "select tableoid::regclass::text from processed_actual where event_id = ?", ahead));
        assertEquals(0, Sql.count(ds, """
                select count(*) from pg_class where relname = 'processed_actual_d' || to_char(cast(? as date), 'YYYYMMDD')""",
                today.minusDays(window.windowDays())));
        window.maintain(today); // back to today's window for the other tests
        assertEquals(1, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", now.eventId()));
    }

    private void insertProcessed(UUID id, LocalDate day) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into processed_actual values ('" + id + "', '" + day + "')");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long total(String metric, String territory) {
        Object total = Sql.one(ds, "select sum(total) from territory_daily where metric = ? and territory_id = ?",
                metric, territory);
        return total == null ? 0 : ((BigDecimal) total).longValueExact();
    }
}
