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
import org.apache.kafka.clients.producer.ProducerRecord;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.contracts.EventJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Re-drive: after a fix, dead letters count, each once however often it is asked: actuals go back to their topic,
 * replica letters are applied by kpi-service itself.
 */
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
    void replicaLettersAreAppliedHereNeverPublishedAgainAndAnOldOneNeverUndoesANewerState() {
        // the live, newer state of a territory; then letters as the dead-letter strategy wrote them (refused by a
        // since-fixed bug): an older state of that territory, a new territory, and one that is still unreadable
        TerritoryChanged live = Events.territory("RDV-NEW", null, "GEOGRAPHIC");
        send(live);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select count(*) from territory where territory_id = 'RDV-NEW'") == 1);
        TerritoryChanged older = new TerritoryChanged(UUID.randomUUID(), live.occurredAt().minusSeconds(3600), 1,
                "RDV-NEW", null, "INDUSTRY", "ACTIVE", null, "RDV-NEW", null, null, null, null);
        TerritoryChanged late = Events.territory("RDV-LATE", null, "SEGMENT");
        letter(older.key(), EventJson.write(older), 7);
        letter(late.key(), EventJson.write(late), 8);
        letter("RDV-BAD", "{not an event", 9);

        asAdmin().contentType(ContentType.JSON).body(Map.of("reason", "test: replica fix",
                        "topics", List.of(Topics.dlq(Topics.TERRITORIES)))).post("/api/admin/redrives").then()
                .statusCode(200).body("redriven", greaterThanOrEqualTo(3));

        assertEquals("SEGMENT", Sql.one(ds, "select type from territory where territory_id = 'RDV-LATE'"));
        assertEquals("GEOGRAPHIC", Sql.one(ds, "select type from territory where territory_id = 'RDV-NEW'"));
        assertEquals(0, Events.readAll(Topics.TERRITORIES).stream().filter(r -> "RDV-LATE".equals(r.key())).count(),
                "not published again to territory-service's topic");
        ConsumerRecord<String, String> again = Events.find(Topics.dlq(Topics.TERRITORIES),
                r -> "RDV-BAD".equals(r.key()) && Events.header(r, "quota-redriven-from") != null);
        assertEquals(Topics.TERRITORIES, Events.header(again, "dead-letter-topic"));
        assertEquals("9", Events.header(again, "dead-letter-offset"));
    }

    /** A letter of quota.territories.v1 as SmallRye's dead-letter strategy writes it. */
    private static void letter(String key, String value, long offset) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(Topics.dlq(Topics.TERRITORIES), key, value);
        letter.headers().add("dead-letter-reason", "a bug since fixed".getBytes(StandardCharsets.UTF_8));
        letter.headers().add("dead-letter-topic", Topics.TERRITORIES.getBytes(StandardCharsets.UTF_8));
        letter.headers().add("dead-letter-partition", "0".getBytes(StandardCharsets.UTF_8));
        letter.headers().add("dead-letter-offset", String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        Events.sendRaw(letter);
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
