package io.quota.notification.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftResolved;
import io.quota.infra.QuotaInfraResource;
import io.quota.notification.domain.WebhookSignature;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The slice end to end over real Kafka, PostgreSQL and HTTP: a drift event on quota.drift.v1 becomes exactly one
 * signed CloudEvents POST per subscription, retried with backoff, failed and redelivered on request. Each test
 * subscribes to a plan of its own, so the tests share the application without seeing each other's events.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class WebhookDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** A planner sees and manages every subscription and delivery. */
    static final String PLANNER = QuotaInfraResource.token("pat", "planner");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    QuotaKafka kafka;

    @BeforeEach
    void kafka() {
        kafka = new QuotaKafka(bootstrap);
    }

    @Test
    void aDriftEventArrivesOnceSignedAsACloudEventEvenWhenKafkaRedeliversIt() throws Exception {
        String plan = plan();
        try (Receiver receiver = Receiver.answering(200)) {
            JsonPath sub = subscribe(receiver.url(), plan, "en", null);
            String secret = sub.getString("secret");
            assertTrue(secret.matches("[0-9a-f]{64}"), "a random 32-byte hex secret: " + secret);

            DriftDetected event = QuotaKafka.critical(plan);
            ProducerRecord<String, String> record = kafka.publish(event);
            await().atMost(WAIT).until(() -> receiver.hits().size() == 1);

            Receiver.Hit hit = receiver.hits().get(0);
            assertEquals("POST", hit.method());
            assertEquals("/hook", hit.path());
            assertEquals("application/cloudevents+json", hit.header("Content-Type"));
            assertEquals(event.eventId().toString(), hit.header("X-Quota-Event-Id"));
            long timestamp = Long.parseLong(hit.header("X-Quota-Timestamp"));
            assertTrue(Math.abs(Instant.now().getEpochSecond() - timestamp) < 60, "timestamp is now: " + timestamp);
            assertTrue(WebhookSignature.verify(secret, timestamp, hit.body(), hit.header("X-Quota-Signature"),
                    Instant.now().getEpochSecond()), "signature verifies with the returned secret");

            JsonNode body = EventJson.MAPPER.readTree(hit.body());
            assertEquals("1.0", body.get("specversion").asText());
            assertEquals(event.eventId().toString(), body.get("id").asText());
            assertEquals("quota.DriftDetected.v1", body.get("type").asText());
            assertEquals("quota/kpi-service", body.get("source").asText());
            assertEquals(event.nodeKey(), body.get("subject").asText());
            assertEquals(event.occurredAt(), Instant.parse(body.get("time").asText()));
            assertEquals("application/json", body.get("datacontenttype").asText());
            assertEquals("EAST 2027-03 REVENUE pace 0.61: CRITICAL", body.get("quotasummary").asText());
            assertEquals(EventJson.MAPPER.readTree(record.value()), body.get("data"), "data is the event as on Kafka");

            String deliveryId = hit.header("X-Quota-Delivery-Id");
            assertEquals(deliveryId, awaitStatus(sub.getString("id"), "DELIVERED"));
            given().auth().oauth2(PLANNER).get("/api/deliveries?subscriptionId=" + sub.getString("id")).then().statusCode(200)
                    .body("total", equalTo(1))
                    .body("items[0].id", equalTo(deliveryId))
                    .body("items[0].sourceEventId", equalTo(event.eventId().toString()))
                    .body("items[0].eventType", equalTo("quota.DriftDetected.v1"))
                    .body("items[0].status", equalTo("DELIVERED"))
                    .body("items[0].attempts", equalTo(1))
                    .body("items[0].lastStatusCode", equalTo(200));

            // at-least-once transport: the same record again, an event of a plan not subscribed to, then a marker,
            // all on one key (so one partition, in order): once the marker arrives the others were handled
            kafka.send(record);
            kafka.publish(QuotaKafka.critical(plan()), record.key());
            DriftDetected marker = QuotaKafka.critical(plan);
            kafka.publish(marker);
            await().atMost(WAIT).until(() -> receiver.hits().stream()
                    .anyMatch(h -> marker.eventId().toString().equals(h.header("X-Quota-Event-Id"))));
            assertEquals(2, receiver.hits().size(), "the repeat and the other plan's event delivered nothing");

            ConsumerRecord<String, String> audit = kafka.find(Topics.NOTIFICATIONS,
                    r -> r.value().contains(deliveryId));
            assertEquals("quota.NotificationDelivered.v1", QuotaKafka.header(audit, "ce_type"));
            JsonNode delivered = EventJson.MAPPER.readTree(audit.value());
            assertEquals("DELIVERED", delivered.get("status").asText());
            assertEquals(1, delivered.get("attempts").asInt());
            assertEquals(event.eventId().toString(), delivered.get("sourceEventId").asText());
            assertEquals(sub.getString("id"), delivered.get("subscriptionId").asText());
        }
    }

    @Test
    void aReceiverThatFailsTwiceGetsItOnTheThirdAttemptAfterBackoff() throws Exception {
        String plan = plan();
        try (Receiver receiver = Receiver.answering(200, 500, 500)) {
            JsonPath sub = subscribe(receiver.url(), plan, null, "a-secret-of-our-own-choosing");
            assertEquals("zh-CN", sub.getString("locale"));
            assertEquals("a-secret-of-our-own-choosing", sub.getString("secret"));
            DriftDetected event = QuotaKafka.critical(plan);
            kafka.publish(event);
            String deliveryId = awaitStatus(sub.getString("id"), "DELIVERED");

            JsonPath delivery = given().auth().oauth2(PLANNER).get("/api/deliveries/" + deliveryId).then().statusCode(200)
                    .header("ETag", org.hamcrest.Matchers.notNullValue())
                    .body("status", equalTo("DELIVERED"))
                    .body("attempts", equalTo(3))
                    .body("lastStatusCode", equalTo(200))
                    .body("attemptLog.attemptNo", equalTo(List.of(1, 2, 3)))
                    .body("attemptLog.outcome", equalTo(List.of("HTTP_ERROR", "HTTP_ERROR", "DELIVERED")))
                    .body("attemptLog.statusCode", equalTo(List.of(500, 500, 200)))
                    .body("attemptLog[0].error", equalTo("HTTP 500"))
                    .extract().jsonPath();
            assertNotNull(delivery.getString("deliveredAt"));

            await().atMost(WAIT).until(() -> receiver.hits().size() == 3);
            List<Receiver.Hit> hits = receiver.hits();
            for (Receiver.Hit hit : hits) {
                assertEquals(deliveryId, hit.header("X-Quota-Delivery-Id"));
                assertEquals(hits.get(0).body(), hit.body(), "every attempt sends the same body");
                assertTrue(WebhookSignature.verify("a-secret-of-our-own-choosing",
                        Long.parseLong(hit.header("X-Quota-Timestamp")), hit.body(), hit.header("X-Quota-Signature"),
                        Instant.now().getEpochSecond()));
            }
            // backoff base 100 ms in %test: at least half of 100 ms, then of 200 ms, between the attempts
            assertTrue(Duration.between(hits.get(0).at(), hits.get(1).at()).toMillis() >= 50);
            assertTrue(Duration.between(hits.get(1).at(), hits.get(2).at()).toMillis() >= 100);
            assertEquals("EAST 2027-03 销售额 进度比 0.61，状态 严重偏离 (CRITICAL)",
                    EventJson.MAPPER.readTree(hits.get(0).body()).get("quotasummary").asText());
        }
    }

    @Test
    void aReceiverThatAlwaysFailsEndsFailedAndARedeliveryReachesItOnceItRecovers() throws Exception {
        String plan = plan();
        try (Receiver receiver = Receiver.answering(503)) {
            JsonPath sub = subscribe(receiver.url(), plan, "en", null);
            DriftDetected detected = QuotaKafka.critical(plan);
            kafka.publish(detected);
            String deliveryId = awaitStatus(sub.getString("id"), "FAILED");

            given().auth().oauth2(PLANNER).get("/api/deliveries?status=FAILED&size=500").then().statusCode(200)
                    .body("items.id", hasItem(deliveryId));
            given().auth().oauth2(PLANNER).get("/api/deliveries/" + deliveryId).then().statusCode(200)
                    .body("attempts", equalTo(3)).body("lastStatusCode", equalTo(503))
                    .body("lastError", equalTo("HTTP 503"))
                    .body("attemptLog.outcome", equalTo(List.of("HTTP_ERROR", "HTTP_ERROR", "HTTP_ERROR")));
            await().atMost(WAIT).until(() -> receiver.hits().size() == 3); // max-attempts is 3 in %test
            JsonNode failed = EventJson.MAPPER.readTree(kafka.find(Topics.NOTIFICATIONS,
                    r -> r.value().contains(deliveryId)).value());
            assertEquals("FAILED", failed.get("status").asText());

            receiver.otherwise(200);
            given().auth().oauth2(PLANNER).post("/api/deliveries/" + deliveryId + "/redeliver").then().statusCode(202)
                    .body("id", equalTo(deliveryId));
            await().atMost(WAIT).until(() -> "DELIVERED".equals(
                    given().auth().oauth2(PLANNER).get("/api/deliveries/" + deliveryId).then().extract().path("status")));
            given().auth().oauth2(PLANNER).get("/api/deliveries/" + deliveryId).then()
                    .body("attempts", equalTo(4)).body("attemptLog[3].outcome", equalTo("DELIVERED"));
            await().atMost(WAIT).until(() -> receiver.hits().size() == 4);
        }
    }

    @Test
    void anUnreachableReceiverIsRetriedAsAConnectionErrorAndADriftResolvedIsDeliveredToo() throws Exception {
        String plan = plan();
        String closedAddress;
        try (Receiver gone = Receiver.answering(200)) {
            closedAddress = gone.url();
        }
        JsonPath sub = subscribe(closedAddress, plan, "en", null);
        DriftDetected detected = QuotaKafka.critical(plan);
        kafka.publish(new DriftResolved(UUID.randomUUID(), Instant.now(), 1, detected.nodeKey(), plan, 1,
                detected.metric(), detected.unit(), detected.state(), detected.figures()));
        String deliveryId = awaitStatus(sub.getString("id"), "FAILED");
        given().auth().oauth2(PLANNER).get("/api/deliveries/" + deliveryId).then().statusCode(200)
                .body("eventType", equalTo("quota.DriftResolved.v1"))
                .body("attemptLog.outcome", equalTo(List.of("CONNECTION_ERROR", "CONNECTION_ERROR", "CONNECTION_ERROR")))
                .body("lastStatusCode", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndLaterEventsAreStillDelivered() throws Exception {
        String plan = plan();
        try (Receiver receiver = Receiver.answering(204)) {
            subscribe(receiver.url(), plan, "en", null);
            String poison = "not json " + UUID.randomUUID();
            ProducerRecord<String, String> bad = new ProducerRecord<>(Topics.DRIFT, plan + "~2027-03-01..2027-03-31", poison);
            QuotaKafka.header(bad, "ce_type", "quota.DriftDetected.v1");
            kafka.send(bad);
            String untyped = "{\"eventId\":\"" + UUID.randomUUID() + "\"}";
            kafka.send(new ProducerRecord<>(Topics.DRIFT, plan + "~2027-03-01..2027-03-31", untyped));

            ConsumerRecord<String, String> dead = kafka.find(Topics.dlq(Topics.DRIFT), r -> poison.equals(r.value()));
            assertTrue(QuotaKafka.header(dead, "dead-letter-reason").contains("not JSON"),
                    QuotaKafka.header(dead, "dead-letter-reason"));
            ConsumerRecord<String, String> deadUntyped = kafka.find(Topics.dlq(Topics.DRIFT), r -> untyped.equals(r.value()));
            assertTrue(QuotaKafka.header(deadUntyped, "dead-letter-reason").contains("ce_type"),
                    QuotaKafka.header(deadUntyped, "dead-letter-reason"));

            DriftDetected later = QuotaKafka.critical(plan);
            kafka.publish(later);
            await().atMost(WAIT).until(() -> receiver.hits().stream()
                    .anyMatch(h -> later.eventId().toString().equals(h.header("X-Quota-Event-Id"))));
        }
    }

    @Test
    void aPoisonRecordAmongGoodOnesInOneBatchGoesAloneToTheDeadLetterTopicAndTheGoodOnesAreDelivered() throws Exception {
        String plan = plan();
        try (Receiver receiver = Receiver.answering(204)) {
            subscribe(receiver.url(), plan, "en", null);
            String key = plan + "~territory=EAST~2027-03-01..2027-03-31";
            DriftDetected before = QuotaKafka.critical(plan);
            DriftDetected after = QuotaKafka.critical(plan);
            String poison = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"nodeKey\":\"" + key + "\"}";
            ProducerRecord<String, String> bad = new ProducerRecord<>(Topics.DRIFT, key, poison);
            QuotaKafka.header(bad, "ce_type", "quota.DriftDetected.v1");
            // one key, back to back: one partition, in order, normally in one poll
            kafka.sendAll(List.of(QuotaKafka.record(before, key), bad, QuotaKafka.record(after, key)));

            ConsumerRecord<String, String> dead = kafka.find(Topics.dlq(Topics.DRIFT), r -> poison.equals(r.value()));
            assertNotNull(QuotaKafka.header(dead, "dead-letter-reason"));
            await().atMost(WAIT).until(() -> receiver.hits().size() == 2);
            assertEquals(java.util.Set.of(before.eventId().toString(), after.eventId().toString()),
                    receiver.hits().stream().map(h -> h.header("X-Quota-Event-Id")).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void aSubscriptionChangedThroughAnotherInstanceIsMatchedByItsNewFilterFromTheNextBatchOn() throws Exception {
        String before = plan();
        String now = plan();
        try (Receiver receiver = Receiver.answering(200)) {
            JsonPath sub = subscribe(receiver.url(), before, "en", null);
            kafka.publish(QuotaKafka.critical(before));
            await().atMost(WAIT).until(() -> receiver.hits().size() == 1);

            // written straight to the table, as another instance would: only the database knows of it
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("update subscription set filter_plans = array[?] where id = ?::uuid")) {
                ps.setString(1, now);
                ps.setString(2, sub.getString("id"));
                assertEquals(1, ps.executeUpdate());
            }
            String key = "one-partition-" + UUID.randomUUID();
            DriftDetected ofBefore = QuotaKafka.critical(before);
            DriftDetected ofNow = QuotaKafka.critical(now);
            kafka.publish(ofBefore, key);
            kafka.publish(ofNow, key);
            await().atMost(WAIT).until(() -> receiver.hits().stream()
                    .anyMatch(h -> ofNow.eventId().toString().equals(h.header("X-Quota-Event-Id"))));
            assertEquals(2, receiver.hits().size(), "the plan it no longer names told nothing");

            // ended (through this instance): nothing more, and the stream goes on
            given().auth().oauth2(PLANNER).delete("/api/subscriptions/" + sub.getString("id")).then().statusCode(204);
            try (Receiver other = Receiver.answering(200)) {
                subscribe(other.url(), now, "en", null);
                DriftDetected last = QuotaKafka.critical(now);
                kafka.publish(QuotaKafka.critical(now), key);
                kafka.publish(last, key);
                await().atMost(WAIT).until(() -> other.hits().stream()
                        .anyMatch(h -> last.eventId().toString().equals(h.header("X-Quota-Event-Id"))));
                assertEquals(2, receiver.hits().size(), "an ended subscription hears nothing");
            }
        }
    }

    @Test
    void anAddressThatTurnedPrivateIsRefusedAgainAtDeliveryTimeAndNeverCalled() throws Exception {
        String plan = plan();
        try (Receiver receiver = Receiver.answering(200)) {
            JsonPath sub = subscribe(receiver.url(), plan, "en", null);
            // what a DNS answer that moved to a private range looks like by the time of the attempt
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("update subscription set address = ? where id = ?::uuid")) {
                ps.setString(1, "http://10.1.2.3" + java.net.URI.create(receiver.url()).getPath());
                ps.setString(2, sub.getString("id"));
                assertEquals(1, ps.executeUpdate());
            }
            kafka.publish(QuotaKafka.critical(plan));
            String deliveryId = awaitStatus(sub.getString("id"), "FAILED");
            given().auth().oauth2(PLANNER).get("/api/deliveries/" + deliveryId).then().statusCode(200)
                    .body("attemptLog.outcome", equalTo(List.of("REFUSED", "REFUSED", "REFUSED")))
                    .body("lastError", org.hamcrest.Matchers.containsString("10.1.2.3"));
            assertEquals(0, receiver.hits().size(), "the receiver was never called");
        }
    }

    @Test
    void aDeliveryLeftInFlightByACrashedInstanceIsSentOnceItsLeaseRunsOut() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            JsonPath sub = subscribe(receiver.url(), plan(), "en", null);
            UUID deliveryId = UUID.randomUUID();
            UUID eventId = UUID.randomUUID();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                    insert into delivery (id, subscription_id, source_event_id, event_type, status, attempts,
                                          round_attempts, next_attempt_at, claimed_until, claim_token, payload, created_at)
                    values (?, ?::uuid, ?, 'quota.DriftDetected.v1', 'IN_FLIGHT', 0, 0, now() - interval '2 minutes',
                            now() - interval '1 second', gen_random_uuid(), '{"left":"in flight"}', now())""")) {
                ps.setObject(1, deliveryId);
                ps.setString(2, sub.getString("id"));
                ps.setObject(3, eventId);
                ps.executeUpdate();
            }
            await().atMost(WAIT).until(() -> receiver.hits().size() == 1);
            assertEquals("{\"left\":\"in flight\"}", receiver.hits().get(0).body());
            assertEquals(eventId.toString(), receiver.hits().get(0).header("X-Quota-Event-Id"));
            await().atMost(WAIT).until(() -> "DELIVERED".equals(
                    given().auth().oauth2(PLANNER).get("/api/deliveries/" + deliveryId).then().extract().path("status")));
        }
    }

    /** A plan no other test uses, known to the service (a filter may name only published plans). */
    static String plan() {
        return Plans.known();
    }

    static JsonPath subscribe(String address, String plan, String locale, String secret) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "ops " + plan, "channel", "WEBHOOK",
                "address", address, "filter", Map.of("plans", List.of(plan))));
        if (locale != null) {
            body.put("locale", locale);
        }
        if (secret != null) {
            body.put("secret", secret);
        }
        return given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(body).post("/api/subscriptions")
                .then().statusCode(201).extract().jsonPath();
    }

    /** Waits for the subscription's only delivery to reach the status; returns its id. */
    static String awaitStatus(String subscriptionId, String status) {
        await().atMost(WAIT).until(() -> status.equals(given().auth().oauth2(PLANNER).get("/api/deliveries?subscriptionId=" + subscriptionId)
                .then().statusCode(200).extract().path("items[0].status")));
        return given().auth().oauth2(PLANNER).get("/api/deliveries?subscriptionId=" + subscriptionId).then().extract().path("items[0].id");
    }
}
