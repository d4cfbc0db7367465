package io.quota.notification.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The figures operators watch, scraped from /q/metrics as Prometheus does (without a token), under the exact names a
 * Grafana dashboard queries: quota_deliveries_total{channel,outcome} and quota_delivery_latency_seconds{channel}.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class MetricsTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void everyAttemptIsCountedByWhatItLedToAndEveryDeliveryTimedFromItsEvent() throws Exception {
        String plan = Plans.known();
        double delivered = value("quota_deliveries_total", "outcome=\"delivered\"");
        double retry = value("quota_deliveries_total", "outcome=\"retry\"");
        double failed = value("quota_deliveries_total", "outcome=\"failed\"");
        double timed = value("quota_delivery_latency_seconds_count", null);
        // one receiver fails once then takes it; the other always fails (3 attempts in %test)
        try (Receiver flaky = Receiver.answering(200, 500); Receiver broken = Receiver.answering(503)) {
            WebhookDeliveryTest.subscribe(flaky.url(), plan, "en", null);
            WebhookDeliveryTest.subscribe(broken.url(), plan, "en", null);
            new QuotaKafka(bootstrap).publish(QuotaKafka.critical(plan));
            await().atMost(Duration.ofSeconds(30)).until(() -> flaky.hits().size() == 2 && broken.hits().size() == 3);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertTrue(value("quota_deliveries_total", "outcome=\"delivered\"") >= delivered + 1, "delivered");
                assertTrue(value("quota_deliveries_total", "outcome=\"retry\"") >= retry + 3, "retries: 1 + 2");
                assertTrue(value("quota_deliveries_total", "outcome=\"failed\"") >= failed + 1, "failed");
                assertTrue(value("quota_delivery_latency_seconds_count", null) >= timed + 1, "timed");
            });
        }
        String scraped = scrape();
        assertTrue(scraped.contains("quota_deliveries_total{"), "a counter");
        assertTrue(scraped.contains("quota_delivery_latency_seconds_bucket{"), "a histogram, for p99 on a dashboard");
        for (String channel : new String[]{"WEBHOOK", "SLACK", "DINGTALK", "WECOM", "FEISHU", "EMAIL"}) {
            assertTrue(scraped.contains("channel=\"" + channel + "\""), "a series per channel from the start: " + channel);
        }
    }

    /** The WEBHOOK series of {@code name} whose labels also contain {@code label} (0 when absent). */
    private static double value(String name, String label) {
        for (String line : scrape().split("\n")) {
            if (line.startsWith(name + "{") && line.contains("channel=\"WEBHOOK\"")
                    && (label == null || line.contains(label))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    private static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
