package io.quota.notification.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Topics;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slack, DingTalk, WeCom and Feishu over real HTTP on loopback: each robot checks the request as its vendor
 * documents it (signatures included) and answers like the vendor, and the message reads in the subscriber's
 * language with the numbers that matter and a link to the node.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class ChatChannelTest {
    static final String PLANNER = WebhookDeliveryTest.PLANNER;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    QuotaKafka kafka;

    @BeforeEach
    void kafka() {
        kafka = new QuotaKafka(bootstrap);
    }

    @Test
    void slackGetsTextAndBlocksInEnglishWithTheFiguresAndTheNodeLink() throws Exception {
        String plan = Plans.known();
        try (Receiver slack = ChatRobots.slack()) {
            JsonPath sub = subscribe("SLACK", slack.url(), plan, "en", null);
            kafka.publish(QuotaKafka.critical(plan));
            String delivery = WebhookDeliveryTest.awaitStatus(sub.getString("id"), "DELIVERED");
            JsonNode body = ChatRobots.json(slack.hits().get(0).body());
            assertEquals("application/json; charset=utf-8", slack.hits().get(0).header("Content-Type"));
            assertEquals("[CRITICAL] EAST 2027-03 REVENUE pace 0.61", body.get("text").asText());
            assertEquals("header", body.at("/blocks/0/type").asText());
            assertEquals("mrkdwn", body.at("/blocks/1/text/type").asText());
            String text = body.at("/blocks/1/text/text").asText();
            for (String expected : List.of("*Plan* Plan " + plan + " (version 1)", "*What changed* WARNING → CRITICAL",
                    "*Target* 1,000,000.00 CNY", "*Actual* 280,000.00 CNY", "*Attainment* 28.0%", "*Pace* 0.61",
                    "*Forecast* 613,400.00 CNY", "*As of* 2027-03-14",
                    "<http://localhost:8083/api/attainment?plan=" + plan + "&territory=EAST&from=2027-03-01&to=2027-03-31|View node>")) {
                assertTrue(text.contains(expected), expected + " in " + text);
            }
            given().auth().oauth2(PLANNER).get("/api/deliveries/" + delivery).then().statusCode(200)
                    .body("channel", equalTo("SLACK")).body("plan", equalTo(plan));
        }
    }

    @Test
    void dingTalkGetsSignedChineseMarkdownAndAWrongSecretEndsFailedWithTheRobotsErrorCode() throws Exception {
        String plan = Plans.known("D-" + java.util.UUID.randomUUID().toString().substring(0, 8), "2027 华东销售额");
        String secret = "SEC" + "0123456789abcdef".repeat(4);
        try (Receiver robot = ChatRobots.dingTalk(secret)) {
            String address = robot.url().replace("/hook", "/robot/send?access_token=t0k3n");
            JsonPath good = subscribe("DINGTALK", address, plan, "zh-CN", secret);
            JsonPath wrong = subscribe("DINGTALK", address, plan, "zh-CN", "SEC" + "fedcba9876543210".repeat(4));
            kafka.publish(QuotaKafka.critical(plan));

            WebhookDeliveryTest.awaitStatus(good.getString("id"), "DELIVERED");
            String failed = WebhookDeliveryTest.awaitStatus(wrong.getString("id"), "FAILED");
            given().auth().oauth2(PLANNER).get("/api/deliveries/" + failed).then().statusCode(200)
                    .body("attemptLog.outcome", equalTo(List.of("REJECTED", "REJECTED", "REJECTED")))
                    .body("lastError", equalTo("errcode 310000: sign not match"));

            JsonNode body = robot.hits().stream().map(h -> ChatRobots.json(h.body())).findFirst().orElseThrow();
            assertEquals("【严重偏离 (CRITICAL)】EAST 2027-03 销售额 进度比 0.61", body.at("/markdown/title").asText());
            String text = body.at("/markdown/text").asText();
            for (String expected : List.of("计划：2027 华东销售额（第 1 版）", "变化：预警 (WARNING) → 严重偏离 (CRITICAL)",
                    "目标：1,000,000.00 CNY", "完成率：28.0%", "进度比：0.61（时间进度目标 456,451.61 CNY）",
                    "预测：613,400.00 CNY", "[查看节点](http://localhost:8083/api/attainment?plan=" + plan)) {
                assertTrue(text.contains(expected), expected + " in " + text);
            }
        }
    }

    @Test
    void weComGetsMarkdownContentAndFeishuASignedInteractiveCard() throws Exception {
        String plan = Plans.known();
        String feishuSecret = "feishu-secret-0123456789";
        try (Receiver weCom = ChatRobots.weCom(); Receiver feishu = ChatRobots.feishu(feishuSecret)) {
            JsonPath w = subscribe("WECOM", weCom.url().replace("/hook", "/cgi-bin/webhook/send?key=k-123"), plan,
                    "zh-CN", null);
            JsonPath f = subscribe("FEISHU", feishu.url().replace("/hook", "/open-apis/bot/v2/hook/abc"), plan, "en",
                    feishuSecret);
            kafka.publish(QuotaKafka.critical(plan));
            WebhookDeliveryTest.awaitStatus(w.getString("id"), "DELIVERED");
            WebhookDeliveryTest.awaitStatus(f.getString("id"), "DELIVERED");

            String content = ChatRobots.json(weCom.hits().get(0).body()).at("/markdown/content").asText();
            assertTrue(content.startsWith("**【严重偏离 (CRITICAL)】EAST 2027-03 销售额 进度比 0.61**"), content);
            assertTrue(content.contains("实际：280,000.00 CNY"), content);

            JsonNode card = ChatRobots.json(feishu.hits().get(0).body()).get("card");
            assertEquals("[CRITICAL] EAST 2027-03 REVENUE pace 0.61", card.at("/header/title/content").asText());
            assertEquals("red", card.at("/header/template").asText());
            String md = card.at("/elements/0/text/content").asText();
            assertEquals("lark_md", card.at("/elements/0/text/tag").asText());
            assertTrue(md.contains("- What changed: WARNING → CRITICAL") && md.contains("- Attainment: 28.0%")
                    && md.contains("[View node](http://localhost:8083/api/attainment?plan=" + plan), md);
            given().auth().oauth2(PLANNER).get("/api/deliveries?channel=FEISHU&plan=" + plan).then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].subscriptionId", equalTo(f.getString("id")));
        }
    }

    @Test
    void everyChannelPublishesItsNotificationDeliveredAudit() throws Exception {
        String plan = Plans.known();
        try (Receiver weCom = ChatRobots.weCom()) {
            JsonPath w = subscribe("WECOM", weCom.url() + "?key=audit", plan, "en", null);
            kafka.publish(QuotaKafka.critical(plan));
            String delivery = WebhookDeliveryTest.awaitStatus(w.getString("id"), "DELIVERED");
            JsonNode audit = ChatRobots.json(kafka.find(Topics.NOTIFICATIONS, r -> r.value().contains(delivery)).value());
            assertEquals("WECOM", audit.get("channel").asText());
            assertEquals("DELIVERED", audit.get("status").asText());
        }
    }

    static JsonPath subscribe(String channel, String address, String plan, String locale, String secret) {
        Map<String, Object> body = new HashMap<>(Map.of("name", channel + " " + plan, "channel", channel,
                "address", address, "locale", locale, "filter", Map.of("plans", List.of(plan))));
        if (secret != null) {
            body.put("secret", secret);
        }
        return given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(body).post("/api/subscriptions")
                .then().statusCode(201).body("channel", equalTo(channel)).extract().jsonPath();
    }
}
