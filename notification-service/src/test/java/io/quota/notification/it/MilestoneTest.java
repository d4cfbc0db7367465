package io.quota.notification.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Topics;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.infra.QuotaInfraResource;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Milestones (目标达成) from AttainmentChanged: a node reaching 50 %, 80 % and 100 % is told once each per plan
 * version, only to subscriptions that asked for milestones.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class MilestoneTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void eachMilestoneIsToldOncePerPlanVersionAndOnlyToThoseWhoAsked() throws Exception {
        String plan = Plans.known();
        QuotaKafka kafka = new QuotaKafka(bootstrap);
        try (Receiver milestones = Receiver.answering(200); Receiver driftOnly = Receiver.answering(200)) {
            JsonPath sub = subscribe(milestones.url(), plan, true);
            subscribe(driftOnly.url(), plan, false);
            for (String attainment : List.of("0.45", "0.55", "0.60", "0.85", "0.55", "0.90")) {
                kafka.publish(QuotaKafka.attainment(plan, 1, attainment));
            }
            AttainmentChanged full = QuotaKafka.attainment(plan, 1, "1.0200");
            kafka.publish(full);
            kafka.publish(full); // Kafka may deliver twice
            AttainmentChanged nextVersion = QuotaKafka.attainment(plan, 2, "0.51");
            kafka.publish(nextVersion);
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> milestones.hits().stream()
                    .anyMatch(h -> nextVersion.eventId().toString().equals(h.header("X-Quota-Event-Id"))));

            List<JsonNode> told = milestones.hits().stream().map(h -> ChatRobots.json(h.body())).toList();
            assertEquals(List.of(50, 80, 100, 50), told.stream().map(j -> j.get("quotamilestone").asInt()).toList());
            assertEquals(List.of(1, 1, 1, 2), told.stream().map(j -> j.at("/data/planVersion").asInt()).toList());
            assertEquals("quota.AttainmentChanged.v1", told.get(0).get("type").asText());
            assertEquals("[MILESTONE 80%] EAST 2027-03 REVENUE attainment 85.0%", told.get(1).get("quotasummary").asText());
            assertEquals(full.eventId().toString(), told.get(2).get("id").asText());
            assertTrue(driftOnly.hits().isEmpty(), "milestones are off unless asked for");
            given().auth().oauth2(WebhookDeliveryTest.PLANNER)
                    .get("/api/deliveries?size=10&subscriptionId=" + sub.getString("id")).then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(4));
        }
    }

    @Test
    void aBadAttainmentRecordGoesToTheDeadLetterTopic() {
        QuotaKafka kafka = new QuotaKafka(bootstrap);
        String poison = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"nodeKey\":\"no key\"}";
        ProducerRecord<String, String> bad = new ProducerRecord<>(Topics.ATTAINMENT, "x", poison);
        QuotaKafka.header(bad, "ce_type", "quota.AttainmentChanged.v1");
        kafka.send(bad);
        assertTrue(QuotaKafka.header(kafka.find(Topics.dlq(Topics.ATTAINMENT), r -> poison.equals(r.value())),
                "dead-letter-reason") != null);
    }

    static JsonPath subscribe(String address, String plan, boolean milestones) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "milestones " + plan, "channel", "WEBHOOK",
                "address", address, "locale", "en",
                "filter", Map.of("plans", List.of(plan), "milestones", milestones)));
        return given().auth().oauth2(WebhookDeliveryTest.PLANNER).contentType(io.restassured.http.ContentType.JSON)
                .body(body).post("/api/subscriptions").then().statusCode(201).extract().jsonPath();
    }
}
