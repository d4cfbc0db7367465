package io.quota.notification.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.events.DriftDetected;
import io.quota.infra.QuotaInfraResource;
import io.restassured.path.json.JsonPath;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The EMAIL channel against a real SMTP server (GreenMail) on loopback: quarkus-mailer in its real, not mock, mode. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class EmailChannelTest {
    static GreenMail smtp;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void startSmtp() {
        int port = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        assertEquals(TestSmtpConfig.port(), port, "the application mails to the server this test starts");
        assertEquals(false, ConfigProvider.getConfig().getValue("quarkus.mailer.mock", Boolean.class));
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Test
    void aDriftReachesTheMailboxAsChineseTextAndHtmlWithTheFigures() throws Exception {
        String plan = Plans.known("M-" + java.util.UUID.randomUUID().toString().substring(0, 8), "2027 华东销售额");
        JsonPath sub = ChatChannelTest.subscribe("EMAIL", "sales-east@example.com", plan, "zh-CN", null);
        DriftDetected event = QuotaKafka.critical(plan);
        new QuotaKafka(bootstrap).publish(event);
        String delivery = WebhookDeliveryTest.awaitStatus(sub.getString("id"), "DELIVERED");

        MimeMessage mail = await().atMost(Duration.ofSeconds(30)).until(() -> find(event.eventId().toString()),
                Optional::isPresent).orElseThrow();
        assertEquals("sales-east@example.com", mail.getRecipients(Message.RecipientType.TO)[0].toString());
        assertTrue(mail.getFrom()[0].toString().contains("quota-notifications@quota.local"));
        assertEquals("【严重偏离 (CRITICAL)】EAST 2027-03 销售额 进度比 0.61", mail.getSubject());
        assertEquals(delivery, mail.getHeader("X-Quota-Delivery-Id")[0]);
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
        for (String expected : List.of("计划：2027 华东销售额（第 1 版）", "完成率：28.0%", "进度比：0.61",
                "查看节点：http://localhost:8083/api/attainment?plan=" + plan + "&territory=EAST")) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }
        assertTrue(html.contains("<th align=\"left\">完成率</th><td>28.0%</td>"), html);
        assertTrue(html.contains("href=\"http://localhost:8083/api/attainment?plan=" + plan + "&amp;territory=EAST"), html);
        given().auth().oauth2(WebhookDeliveryTest.PLANNER).get("/api/deliveries?channel=EMAIL&plan=" + plan).then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(delivery));
    }

    private static Optional<MimeMessage> find(String eventId) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                String[] h = m.getHeader("X-Quota-Event-Id");
                return h != null && h[0].equals(eventId);
            } catch (Exception e) {
                return false;
            }
        }).findFirst();
    }

    /** The body part of this type, looking into nested multiparts. */
    private static String part(MimeMessage mail, String type) throws Exception {
        return find(mail.getContent(), type);
    }

    private static String find(Object content, String type) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart p = multipart.getBodyPart(i);
                if (p.isMimeType(type)) {
                    return (String) p.getContent();
                }
                String nested = find(p.getContent(), type);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }
}
