package io.quota.platform;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.messaging.IncomingEvents;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(QuotaInfraResource.class)
class PlatformTest {
    static final String PLANNER = QuotaInfraResource.token("pat", "planner");

    @Inject
    DataSource ds;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void outboxPublishesWithCloudEventsHeadersAndTheInboxAppliesARedeliveryOnce() throws Exception {
        String id = createTerritory("EAST");
        ConsumerRecord<String, String> published = find(Topics.TERRITORIES, r -> id.equals(IncomingEvents.header(r, "ce_id")));
        assertEquals("EAST", published.key());
        assertEquals("quota.TerritoryChanged.v1", IncomingEvents.header(published, "ce_type"));
        assertEquals("quota/platform-test", IncomingEvents.header(published, "ce_source"));
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(id) == 1);
        assertEquals(0, count("select count(*) from outbox"));

        // at-least-once transport: the same record arrives again, then a marker shows the consumer moved past it
        try (KafkaProducer<String, String> producer = producer()) {
            ProducerRecord<String, String> again = new ProducerRecord<>(Topics.TERRITORIES, published.key(), published.value());
            published.headers().forEach(again.headers()::add);
            producer.send(again).get();
        }
        String marker = createTerritory("WEST");
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(marker) == 1);
        assertEquals(1, effects(id));
    }

    @Test
    void aTraceRunsFromTheRequestThroughTheOutboxAndKafkaIntoTheConsumer() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = "00f067aa0ba902b7";
        String id = given().auth().oauth2(PLANNER).header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .contentType(ContentType.JSON).body(Map.of("id", "TRACED", "potential", "1.00"))
                .post("/probe/territories").then().statusCode(200).extract().asString();

        ConsumerRecord<String, String> published = find(Topics.TERRITORIES, r -> id.equals(IncomingEvents.header(r, "ce_id")));
        String[] traceparent = IncomingEvents.header(published, "traceparent").split("-");
        assertEquals(traceId, traceparent[1], "the record carries the request's trace");
        assertNotEquals(callerSpan, traceparent[2], "its parent is the service's own server span, not the caller's");
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(id) == 1);
        assertEquals(traceId, text("select trace_id from probe_effect where event_id = '" + id + "'"),
                "the consumer continued the same trace");

        // a request without a traceparent starts a trace of its own, which its events carry all the same
        String untraced = createTerritory("UNTRACED");
        ConsumerRecord<String, String> fresh = find(Topics.TERRITORIES, r -> untraced.equals(IncomingEvents.header(r, "ce_id")));
        String freshTrace = IncomingEvents.header(fresh, "traceparent").split("-")[1];
        assertNotEquals(traceId, freshTrace);
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(untraced) == 1);
        assertEquals(freshTrace, text("select trace_id from probe_effect where event_id = '" + untraced + "'"));
    }

    @Test
    void aRecordWithoutTraceparentStartsANewTraceInTheConsumer() throws Exception {
        UUID eventId = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TERRITORIES, "UPSTREAM", EventJson.write(new TerritoryChanged(eventId,
                    Instant.now(), 1, "UPSTREAM", null, "GEOGRAPHIC", "ACTIVE", null, null, BigDecimal.ONE, null, null, null)))).get();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(eventId.toString()) == 1);
        assertTrue(text("select trace_id from probe_effect where event_id = '" + eventId + "'").matches("[0-9a-f]{32}"));
    }

    @Test
    void oneExpansionRowPublishesEveryEventItStandsForOnce() throws Exception {
        given().auth().oauth2(PLANNER).post("/probe/expansions/BULK/2000").then().statusCode(204);
        await().atMost(Duration.ofSeconds(60)).until(() -> count("select count(*) from probe_effect where territory_id like 'BULK-%'") == 2000);
        assertEquals(0, count("select count(*) from outbox"));
        assertEquals(2000, count("select count(distinct territory_id) from probe_effect where territory_id like 'BULK-%'"));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheStreamGoesOn() throws Exception {
        String poison = "not json " + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TERRITORIES, "BAD", poison)).get();
        }
        ConsumerRecord<String, String> dead = find(Topics.dlq(Topics.TERRITORIES), r -> poison.equals(r.value()));
        assertTrue(IncomingEvents.header(dead, "dead-letter-reason").contains("not JSON"),
                IncomingEvents.header(dead, "dead-letter-reason"));
        String after = createTerritory("NORTH");
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(after) == 1);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("quota_dead_letters_total{cause=\"invalid-event\",topic=\"quota.territories.v1\"}"));
    }

    @Test
    void metricsAnOperatorNeedsAreOpenWithoutAToken() {
        createTerritory("SOUTH");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("quota_outbox_backlog "))
                .body(containsString("quota_outbox_oldest_age_seconds "))
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("kafka_consumer_fetch_manager_records_lag_max")));
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body("{\"id\":\"EAST\",\"potential\":\"-5\"}").post("/probe/territories")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("potential")).body("status", equalTo(400));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body("{\"id\":\"EAST\",\"potential\":\"lots\"}").post("/probe/territories")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("potential"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body("{\"id\":\"EAST\",\"potential\":\"1\",\"colour\":\"red\"}")
                .post("/probe/territories")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("colour"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body("{\"id\":").post("/probe/territories")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("JSON"));
        given().auth().oauth2(PLANNER).get("/probe/territories/NOPE")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("NOPE"));
        given().auth().oauth2(PLANNER).get("/probe/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void withoutAValidTokenOrTheRightRoleNothingHappens() throws Exception {
        long before = count("select count(*) from outbox") + count("select count(*) from probe_effect");
        String body = "{\"id\":\"SOUTH\",\"potential\":\"1.00\"}";
        given().contentType(ContentType.JSON).body(body).post("/probe/territories")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not.a.token").contentType(ContentType.JSON).body(body).post("/probe/territories")
                .then().statusCode(401).contentType("application/problem+json");
        String expired = QuotaInfraResource.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                "{\"iss\":\"https://quota.local/issuer\",\"sub\":\"pat\",\"upn\":\"pat\",\"groups\":[\"planner\"],"
                        + "\"iat\":1700000000,\"exp\":1700000600}");
        given().auth().oauth2(expired).contentType(ContentType.JSON).body(body).post("/probe/territories")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(QuotaInfraResource.token("vic", "viewer")).contentType(ContentType.JSON).body(body)
                .post("/probe/territories").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(QuotaInfraResource.token("vic", "viewer")).get("/probe/territories/X")
                .then().statusCode(404);
        assertEquals(before, count("select count(*) from outbox") + count("select count(*) from probe_effect"));
    }

    private String createTerritory(String territoryId) {
        return given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(Map.of("id", territoryId, "potential", "100.00"))
                .post("/probe/territories").then().statusCode(200).extract().asString();
    }

    private long effects(String eventId) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from probe_effect where event_id = ?::uuid")) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String text(String sql) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private ConsumerRecord<String, String> find(String topic, java.util.function.Predicate<ConsumerRecord<String, String>> match) {
        AtomicReference<ConsumerRecord<String, String>> found = new AtomicReference<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "probe-" + UUID.randomUUID(), "auto.offset.reset", "earliest",
                "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()))) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.set(r);
                    }
                });
                return found.get() != null;
            });
        }
        return found.get();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()));
    }
}
