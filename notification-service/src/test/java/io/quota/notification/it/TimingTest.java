package io.quota.notification.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.DriftState;
import io.quota.contracts.events.DriftDetected;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Throttling, escalation and quiet hours over real Kafka, PostgreSQL and HTTP: repeats inside a subscription's window
 * arrive as one digest when it ends, a WARNING escalating to CRITICAL is sent at once even inside it, and quiet hours
 * hold non-critical messages until they end while critical ones go through.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class TimingTest {
    static final String PLANNER = WebhookDeliveryTest.PLANNER;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    QuotaKafka kafka;

    @BeforeEach
    void kafka() {
        kafka = new QuotaKafka(bootstrap);
    }

    @Test
    void repeatsInsideTheWindowMergeIntoOneDigestButAnEscalationGoesAtOnce() throws Exception {
        String plan = Plans.known();
        try (Receiver receiver = Receiver.answering(200)) {
            JsonPath sub = subscribe(receiver.url(), plan, Map.of("throttleWindow", "PT8S"));
            DriftDetected first = QuotaKafka.drift(plan, "EAST", DriftState.WARNING, DriftState.ON_TRACK);
            DriftDetected west = QuotaKafka.drift(plan, "WEST", DriftState.WARNING, DriftState.ON_TRACK);
            DriftDetected north = QuotaKafka.drift(plan, "NORTH", DriftState.AHEAD, DriftState.ON_TRACK);
            DriftDetected escalation = QuotaKafka.drift(plan, "EAST", DriftState.CRITICAL, DriftState.WARNING);
            // the first opens the window; drift events are handled side by side, so the rest follow once it is out
            kafka.publish(first, plan);
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.hits().size() == 1);
            for (DriftDetected e : List.of(west, north, escalation)) {
                kafka.publish(e, plan);
            }
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.hits().size() == 3);
            List<Receiver.Hit> hits = receiver.hits();
            assertEquals(first.eventId().toString(), hits.get(0).header("X-Quota-Event-Id"));
            assertEquals(escalation.eventId().toString(), hits.get(1).header("X-Quota-Event-Id"),
                    "the escalation did not wait for the window");
            JsonNode digest = ChatRobots.json(hits.get(2).body());
            assertEquals("quota.NotificationDigest.v1", digest.get("type").asText());
            assertEquals("[DIGEST] 2 sales target notifications", digest.get("quotasummary").asText());
            assertEquals(java.util.Set.of(west.eventId().toString(), north.eventId().toString()),
                    java.util.Set.of(digest.at("/data/items/0/id").asText(), digest.at("/data/items/1/id").asText()));
            assertTrue(hits.get(2).body().contains("\"quotasummary\":\"WEST 2027-03 REVENUE pace 0.61: WARNING\""),
                    hits.get(2).body());
            assertTrue(Duration.between(hits.get(0).at(), hits.get(2).at()).toMillis() >= 7_000,
                    "the digest waited for the window to end");

            String digestId = digest.get("id").asText();
            given().auth().oauth2(PLANNER).get("/api/deliveries?status=MERGED&plan=" + plan).then().statusCode(200)
                    .body("total", equalTo(2)).body("items.digestId", equalTo(List.of(digestId, digestId)));
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> "DELIVERED".equals(given().auth().oauth2(PLANNER)
                    .get("/api/deliveries/" + digestId).then().extract().path("status")));
            given().auth().oauth2(PLANNER).get("/api/deliveries?subscriptionId=" + sub.getString("id")).then()
                    .statusCode(200).body("total", equalTo(5));
            // a merged delivery is redelivered through its digest
            String merged = given().auth().oauth2(PLANNER).get("/api/deliveries?status=MERGED&plan=" + plan).then()
                    .extract().path("items[0].id");
            given().auth().oauth2(PLANNER).post("/api/deliveries/" + merged + "/redeliver").then().statusCode(409);
            // from/to narrow by creation time
            given().auth().oauth2(PLANNER).get("/api/deliveries?plan=" + plan + "&from="
                    + Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)).then()
                    .statusCode(200).body("total", equalTo(0));
            given().auth().oauth2(PLANNER).get("/api/deliveries?plan=" + plan + "&from="
                    + Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS) + "&to="
                    + Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS)).then()
                    .statusCode(200).body("total", equalTo(4));
        }
    }

    @Test
    void quietHoursHoldAWarningUntilTheyEndWhileACriticalGoesThrough() throws Exception {
        String plan = Plans.known();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        LocalTime start = now.minusHours(1).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        LocalTime end = now.plusHours(1).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        try (Receiver receiver = Receiver.answering(200)) {
            JsonPath sub = subscribe(receiver.url(), plan, Map.of("quietHours",
                    Map.of("start", start.toString(), "end", end.toString(), "timeZone", "UTC")));
            DriftDetected warning = QuotaKafka.drift(plan, "EAST", DriftState.WARNING, DriftState.ON_TRACK);
            DriftDetected critical = QuotaKafka.drift(plan, "WEST", DriftState.CRITICAL, DriftState.ON_TRACK);
            kafka.publish(warning, plan);
            kafka.publish(critical, plan);
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.hits().size() == 1);
            assertEquals(critical.eventId().toString(), receiver.hits().get(0).header("X-Quota-Event-Id"));

            ZonedDateTime release = now.toLocalDate().atTime(end).atZone(ZoneOffset.UTC);
            if (!release.isAfter(now)) {
                release = release.plusDays(1);
            }
            given().auth().oauth2(PLANNER).get("/api/deliveries?status=PENDING&subscriptionId=" + sub.getString("id"))
                    .then().statusCode(200).body("total", equalTo(1))
                    .body("items[0].sourceEventId", equalTo(warning.eventId().toString()))
                    .body("items[0].nextAttemptAt", equalTo(release.toInstant().toString()));
            assertEquals(1, receiver.hits().size());
            given().auth().oauth2(PLANNER).delete("/api/subscriptions/" + sub.getString("id")).then().statusCode(204);
        }
    }

    static JsonPath subscribe(String address, String plan, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "timing " + plan, "channel", "WEBHOOK",
                "address", address, "locale", "en", "filter", Map.of("plans", List.of(plan))));
        body.putAll(extra);
        return given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(body).post("/api/subscriptions")
                .then().statusCode(201).extract().jsonPath();
    }
}
