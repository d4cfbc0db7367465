package io.quota.notification.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.events.DriftDetected;
import io.quota.infra.QuotaInfraResource;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8: one trace from the event that caused a notification to the request that delivers it. A DriftDetected whose
 * record carries a W3C traceparent header reaches the webhook receiver with a traceparent of the same trace id and a
 * span of its own, and the delivery row keeps the trace for later attempts (here: a retry after a 503).
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class TracingTest {
    static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    @Test
    void theDriftEventsTraceIdArrivesAtTheReceiverOnEveryAttempt() throws Exception {
        String plan = WebhookDeliveryTest.plan();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = "00f067aa0ba902b7";
        try (Receiver receiver = Receiver.answering(200, 503)) {
            JsonPath sub = WebhookDeliveryTest.subscribe(receiver.url(), plan, "en", null);
            DriftDetected event = QuotaKafka.critical(plan);
            ProducerRecord<String, String> record = QuotaKafka.record(event, event.key());
            QuotaKafka.header(record, "traceparent", "00-" + traceId + "-" + parentSpan + "-01");
            new QuotaKafka(bootstrap).send(record);

            // the first attempt is answered 503, the retry 200: both continue the event's trace
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.hits().size() == 2);
            String first = null;
            for (Receiver.Hit hit : receiver.hits()) {
                String traceparent = hit.header("traceparent");
                Matcher m = TRACEPARENT.matcher(traceparent == null ? "" : traceparent);
                assertTrue(m.matches(), "a W3C traceparent header: " + traceparent);
                assertEquals(traceId, m.group(1), "the drift event's trace id");
                assertNotEquals(parentSpan, m.group(2), "a span of the delivery's own, not the producer's");
                assertNotEquals(first, m.group(2), "each attempt is a span of its own");
                first = m.group(2);
            }
            assertEquals(traceId, storedTraceId(sub.getString("id")), "the delivery row keeps the trace");
        }
    }

    @Test
    void aDriftEventWithoutTraceStillSendsAValidTraceparent() throws Exception {
        String plan = WebhookDeliveryTest.plan();
        try (Receiver receiver = Receiver.answering(200)) {
            WebhookDeliveryTest.subscribe(receiver.url(), plan, "en", null);
            new QuotaKafka(bootstrap).publish(QuotaKafka.critical(plan));
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> receiver.hits().size() == 1);
            String traceparent = receiver.hits().get(0).header("traceparent");
            assertTrue(traceparent != null && TRACEPARENT.matcher(traceparent).matches(), "a new trace: " + traceparent);
        }
    }

    private String storedTraceId(String subscriptionId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select traceparent from delivery where subscription_id = ?::uuid")) {
            s.setString(1, subscriptionId);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "the delivery");
                Matcher m = TRACEPARENT.matcher(r.getString(1));
                assertTrue(m.matches(), r.getString(1));
                return m.group(1);
            }
        }
    }
}
