package io.quota.notification.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** /api/subscriptions and the input rules of /api/deliveries: shapes, status codes, problems naming the field. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class SubscriptionApiTest {
    static final String PROBLEM = "application/problem+json";
    /** A planner sees and manages every subscription and delivery. */
    static final String PLANNER = QuotaInfraResource.token("pat", "planner");

    @BeforeEach
    void plansAreKnown() {
        if (!plansPublished) {
            Plans.known("FY27-REV", "FY2027 revenue");
            plansPublished = true;
        }
    }

    static boolean plansPublished;

    @Test
    void createReadListAndDeleteASubscription() {
        String id = given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "ops", "channel", "WEBHOOK", "address", "http://127.0.0.1:9999/hook",
                        "secret", "0123456789abcdef", "locale", "en", "filter", Map.of("plans", List.of("FY27-REV"))))
                .post("/api/subscriptions")
                .then().statusCode(201)
                .header("Location", containsString("/api/subscriptions/"))
                .body("name", equalTo("ops")).body("channel", equalTo("WEBHOOK"))
                .body("address", equalTo("http://127.0.0.1:9999/hook")).body("locale", equalTo("en"))
                .body("filter.plans", equalTo(List.of("FY27-REV")))
                .body("secret", equalTo("0123456789abcdef"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        String etag = given().auth().oauth2(PLANNER).get("/api/subscriptions/" + id).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("id", equalTo(id)).body("name", equalTo("ops")).body("filter.plans", equalTo(List.of("FY27-REV")))
                .body("secret", nullValue())
                .extract().header("ETag");
        given().auth().oauth2(PLANNER).header("If-None-Match", etag).get("/api/subscriptions/" + id).then().statusCode(304);
        given().auth().oauth2(PLANNER).get("/api/subscriptions?page=0&size=500").then().statusCode(200)
                .body("items.id", hasItem(id)).body("page", equalTo(0)).body("size", equalTo(500))
                .body("total", greaterThanOrEqualTo(1));

        given().auth().oauth2(PLANNER).delete("/api/subscriptions/" + id).then().statusCode(204);
        given().auth().oauth2(PLANNER).get("/api/subscriptions/" + id).then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(PLANNER).delete("/api/subscriptions/" + id).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void defaultsAreChineseEveryPlanAndARandomSecret() {
        String id = given().auth().oauth2(PLANNER).contentType(ContentType.JSON)
                .body(Map.of("name", "all plans", "channel", "WEBHOOK", "address", "http://localhost:9/hook"))
                .post("/api/subscriptions")
                .then().statusCode(201)
                .body("locale", equalTo("zh-CN"))
                .body("filter.plans", nullValue())
                .body("secret", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .extract().path("id");
        // it would match every other test's events
        given().auth().oauth2(PLANNER).delete("/api/subscriptions/" + id).then().statusCode(204);
    }

    @Test
    void addressesOnPrivateLoopbackLinkLocalOrMulticastRangesAreRefusedUnlessAllowListed() {
        for (String address : List.of("http://10.1.2.3/x", "http://169.254.169.254/", "http://192.168.1.1/hook",
                "http://127.0.0.2:8080/", "http://[::1]/", "http://0.0.0.0/", "http://224.0.0.1/", "http://[ff02::1]/")) {
            create(Map.of("address", address)).statusCode(422).contentType(PROBLEM)
                    .body("field", equalTo("address")).body("status", equalTo(422));
        }
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        create(Map.of("channel", "PIGEON")).statusCode(400).contentType(PROBLEM).body("field", equalTo("channel"));
        // chat robots and webhooks outside the allow-list need https (93.184.216.34 is public: no DNS involved)
        for (String channel : List.of("SLACK", "DINGTALK", "WECOM", "FEISHU", "WEBHOOK")) {
            create(Map.of("channel", channel, "address", "http://93.184.216.34/hook")).statusCode(400)
                    .contentType(PROBLEM).body("field", equalTo("address"))
                    .body("detail", containsString("https"));
        }
        create(Map.of("channel", "SLACK", "address", "https://10.0.0.8/services/T0/B0/x")).statusCode(422)
                .contentType(PROBLEM).body("field", equalTo("address"));
        create(Map.of("channel", "EMAIL", "address", "not-an-email")).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("address"));
        create(Map.of("channel", "EMAIL", "address", "a@b.example\r\nBcc: x@y.example")).statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("address"));
        create(Map.of("channel", "SLACK", "secret", "0123456789abcdef0123")).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("secret"));
        create(Map.of("address", "ftp://hooks.example.com/x")).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("address"));
        create(Map.of("address", "not a url")).statusCode(400).contentType(PROBLEM).body("field", equalTo("address"));
        create(Map.of("address", "https://hooks.example.com/" + "a".repeat(2000))).statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("address"));
        create(Map.of("secret", "too-short")).statusCode(400).contentType(PROBLEM).body("field", equalTo("secret"));
        create(Map.of("locale", "fr")).statusCode(400).contentType(PROBLEM).body("field", equalTo("locale"));
        create(Map.of("name", "")).statusCode(400).contentType(PROBLEM).body("field", equalTo("name"));
        create(Map.of("colour", "red")).statusCode(400).contentType(PROBLEM).body("field", equalTo("colour"));
        create(Map.of("filter", Map.of("plans", List.of("no spaces allowed")))).statusCode(400).contentType(PROBLEM)
                .body("field", startsWith("filter.plans[0]"));
        create(Map.of("filter", Map.of("plans", List.of()))).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("filter.plans"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body("{\"name\":").post("/api/subscriptions")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("JSON"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(Map.of("channel", "WEBHOOK")).post("/api/subscriptions")
                .then().statusCode(400).contentType(PROBLEM).body("field", notNullValue());

        given().auth().oauth2(PLANNER).get("/api/subscriptions?size=501").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("size"));
        given().auth().oauth2(PLANNER).get("/api/subscriptions/not-an-id").then().statusCode(404).contentType(PROBLEM);
        given().auth().oauth2(PLANNER).get("/api/deliveries?status=LOST").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("status"));
        given().auth().oauth2(PLANNER).get("/api/deliveries?subscriptionId=42").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("subscriptionId"));
        given().auth().oauth2(PLANNER).get("/api/deliveries?page=-1").then().statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("page"));
        given().auth().oauth2(PLANNER).get("/api/deliveries/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(PLANNER).post("/api/deliveries/00000000-0000-0000-0000-000000000000/redeliver").then().statusCode(404)
                .contentType(PROBLEM).body("detail", endsWith("does not exist"));
    }

    @Test
    void everyFieldRoundTripsAndPutNeedsTheCurrentETag() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "华东 钉钉群", "channel", "DINGTALK",
                "address", "http://127.0.0.1:9999/robot/send?access_token=abc", "secret", "SEC0123456789abcdef0123",
                "locale", "zh-CN",
                "filter", Map.of("plans", List.of("FY27-REV"), "metrics", List.of("REVENUE", "ORDERS"),
                        "minimumSeverity", "CRITICAL", "ahead", false, "milestones", true),
                "quietHours", Map.of("start", "22:00", "end", "07:30", "timeZone", "Asia/Shanghai"),
                "throttleWindow", "PT30M"));
        String id = given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(body).post("/api/subscriptions")
                .then().statusCode(201)
                .body("channel", equalTo("DINGTALK")).body("secret", equalTo("SEC0123456789abcdef0123"))
                .body("filter.metrics", equalTo(List.of("REVENUE", "ORDERS")))
                .body("filter.minimumSeverity", equalTo("CRITICAL")).body("filter.ahead", equalTo(false))
                .body("filter.milestones", equalTo(true))
                .body("quietHours.start", equalTo("22:00")).body("quietHours.end", equalTo("07:30"))
                .body("quietHours.timeZone", equalTo("Asia/Shanghai")).body("throttleWindow", equalTo("PT30M"))
                .extract().path("id");
        String etag = given().auth().oauth2(PLANNER).get("/api/subscriptions/" + id).then().statusCode(200)
                .body("secret", nullValue()).extract().header("ETag");

        Map<String, Object> changed = new HashMap<>(body);
        changed.remove("secret");
        changed.put("name", "华东 钉钉群 (夜间静默)");
        changed.put("throttleWindow", "PT1H");
        changed.put("locale", "en");
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(changed).put("/api/subscriptions/" + id)
                .then().statusCode(428).contentType(PROBLEM).body("field", equalTo("If-Match"));
        String newTag = given().auth().oauth2(PLANNER).contentType(ContentType.JSON).header("If-Match", etag)
                .body(changed).put("/api/subscriptions/" + id)
                .then().statusCode(200).header("ETag", not(equalTo(etag)))
                .body("name", equalTo("华东 钉钉群 (夜间静默)")).body("throttleWindow", equalTo("PT1H"))
                .body("locale", equalTo("en")).body("secret", nullValue()).body("updatedAt", notNullValue())
                .extract().header("ETag");
        // the stale tag loses: someone changed it since
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).header("If-Match", etag).body(body)
                .put("/api/subscriptions/" + id).then().statusCode(412).contentType(PROBLEM);
        changed.put("channel", "FEISHU");
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).header("If-Match", newTag).body(changed)
                .put("/api/subscriptions/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("field", equalTo("channel"));
        given().auth().oauth2(PLANNER).get("/api/subscriptions/" + id).then().statusCode(200)
                .header("ETag", equalTo(newTag)).body("name", equalTo("华东 钉钉群 (夜间静默)"))
                .body("channel", equalTo("DINGTALK"));
        given().auth().oauth2(PLANNER).contentType(ContentType.JSON).header("If-Match", newTag).body(changed)
                .put("/api/subscriptions/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType(PROBLEM);
        given().auth().oauth2(PLANNER).delete("/api/subscriptions/" + id).then().statusCode(204);
    }

    @Test
    void badFiltersTimesAndWindowsAreProblemsNamingTheField() {
        create(Map.of("filter", Map.of("plans", List.of("FY27-REV", "NO-SUCH-PLAN")))).statusCode(422)
                .contentType(PROBLEM).body("field", equalTo("filter.plans[1]"));
        create(Map.of("filter", Map.of("territory", "NO-SUCH-TERRITORY"))).statusCode(422).contentType(PROBLEM)
                .body("field", equalTo("filter.territory"));
        create(Map.of("filter", Map.of("metrics", List.of("HAPPINESS")))).statusCode(400).contentType(PROBLEM)
                .body("field", startsWith("filter.metrics"));
        create(Map.of("filter", Map.of("minimumSeverity", "AHEAD"))).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("filter.minimumSeverity"));
        create(Map.of("quietHours", Map.of("start", "22:00", "end", "07:00", "timeZone", "Mars/Olympus"))).statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("quietHours.timeZone"));
        create(Map.of("quietHours", Map.of("start", "22:00", "end", "07:00", "timeZone", "+08:00"))).statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("quietHours.timeZone"));
        create(Map.of("quietHours", Map.of("start", "25:00", "end", "07:00", "timeZone", "Asia/Shanghai"))).statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("quietHours.start"));
        create(Map.of("quietHours", Map.of("start", "22:00", "timeZone", "Asia/Shanghai"))).statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("quietHours.end"));
        create(Map.of("throttleWindow", "PT25H")).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("throttleWindow"));
        create(Map.of("throttleWindow", "-PT1M")).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("throttleWindow"));
        create(Map.of("throttleWindow", "half an hour")).statusCode(400).contentType(PROBLEM)
                .body("field", equalTo("throttleWindow"));
        create(Map.of("locale", "zh-TW")).statusCode(400).contentType(PROBLEM).body("field", equalTo("locale"));
        given().auth().oauth2(PLANNER).get("/api/deliveries?channel=PIGEON").then().statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("channel"));
        given().auth().oauth2(PLANNER).get("/api/deliveries?plan=no%20spaces").then().statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("plan"));
        given().auth().oauth2(PLANNER).get("/api/deliveries?from=yesterday").then().statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("from"));
        given().auth().oauth2(PLANNER).get("/api/deliveries?from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z")
                .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("to"));
        given().auth().oauth2(PLANNER).get("/api/deliveries?to=2200-01-01T00:00:00Z").then().statusCode(400)
                .contentType(PROBLEM).body("field", equalTo("to"));
        // none of these was stored
        given().auth().oauth2(PLANNER).get("/api/subscriptions?size=500").then().statusCode(200)
                .body("items.address", not(hasItem("http://127.0.0.1:9998/bad-input")));
    }

    /** A valid subscription with some fields replaced. */
    private static ValidatableResponse create(Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "ops", "channel", "WEBHOOK",
                "address", "http://127.0.0.1:9998/bad-input"));
        body.putAll(changes);
        return given().auth().oauth2(PLANNER).contentType(ContentType.JSON).body(body).post("/api/subscriptions").then();
    }
}
