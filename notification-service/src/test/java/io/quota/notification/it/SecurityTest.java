package io.quota.notification.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.events.DriftDetected;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Who may do what (DESIGN section 6): reps own their subscriptions and see only those and their deliveries, a
 * territory scope limits the deliveries one reads and the drift a subscription hears about, everything else is 404
 * exactly like a missing object and changes nothing; no token is 401, a role that may not is 403.
 * <p>
 * The tree: SEC-EAST with child SEC-EAST-N, and SEC-WEST.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_notification"))
class SecurityTest {
    static final String PROBLEM = "application/problem+json";
    static final String PLANNER = WebhookDeliveryTest.PLANNER;
    static final String RITA = QuotaInfraResource.scopedToken("rita", List.of("SEC-EAST"), "rep");
    static final String ROB = QuotaInfraResource.scopedToken("rob", List.of("SEC-WEST"), "rep");
    /** A rep whose token names no territory: sees nothing territory-bound. */
    static final String RAY = QuotaInfraResource.token("ray", "rep");
    static final String VIEWER = QuotaInfraResource.token("vic", "viewer");
    static final String WEST_VIEWER = QuotaInfraResource.scopedToken("wes", List.of("SEC-WEST"), "viewer");
    static final String WEST_PLANNER = QuotaInfraResource.scopedToken("pia", List.of("SEC-WEST"), "planner");
    static final String APPROVER = QuotaInfraResource.token("ann", "approver");
    static final String ADMIN = QuotaInfraResource.token("ada", "admin");
    static final String INGEST = QuotaInfraResource.token("erp", "ingest");
    static final String SERVICE = QuotaInfraResource.token("target-service", "service");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DataSource dataSource;

    QuotaKafka kafka;

    @BeforeEach
    void treeIsKnown() throws Exception {
        kafka = new QuotaKafka(bootstrap);
        if (territoriesKnown() < 3) {
            kafka.publish(QuotaKafka.territory("SEC-EAST", null));
            kafka.publish(QuotaKafka.territory("SEC-EAST-N", "SEC-EAST"));
            kafka.publish(QuotaKafka.territory("SEC-WEST", null));
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> territoriesKnown() == 3);
        }
    }

    @Test
    void aSubscriptionHearsOnlyWhatItsOwnerMayReadAndReadersSeeOnlyTheirScope() throws Exception {
        String plan = WebhookDeliveryTest.plan();
        try (Receiver ritaHook = Receiver.answering(200); Receiver robHook = Receiver.answering(200);
             Receiver rayHook = Receiver.answering(200); Receiver plannerHook = Receiver.answering(200)) {
            JsonPath rita = subscribe(RITA, ritaHook.url(), plan);
            assertEquals("rita", rita.getString("owner"));
            assertEquals(List.of("SEC-EAST"), rita.getList("territories"));
            JsonPath rob = subscribe(ROB, robHook.url(), plan);
            JsonPath ray = subscribe(RAY, rayHook.url(), plan);
            assertEquals(List.of(), ray.getList("territories"));
            JsonPath planner = subscribe(PLANNER, plannerHook.url(), plan);
            assertEquals("pat", planner.getString("owner"));
            assertEquals(null, planner.getList("territories"), "an unrestricted creator's hears about every node");

            DriftDetected eastNorth = QuotaKafka.critical(plan, "SEC-EAST-N");
            DriftDetected west = QuotaKafka.critical(plan, "SEC-WEST");
            DriftDetected rollUp = QuotaKafka.critical(plan, null);
            kafka.publish(eastNorth);
            kafka.publish(west);
            kafka.publish(rollUp);
            // the unrestricted subscription hears all three; each event's deliveries are stored in one transaction
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> plannerHook.hits().size() == 3);

            // rita's scope is SEC-EAST: SEC-EAST-N is inside it (through the replicated tree), the rest is not
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> ritaHook.hits().size() == 1);
            assertEquals(eastNorth.eventId().toString(), ritaHook.hits().get(0).header("X-Quota-Event-Id"));
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> robHook.hits().size() == 1);
            assertEquals(west.eventId().toString(), robHook.hits().get(0).header("X-Quota-Event-Id"));
            as(PLANNER).get("/api/deliveries?subscriptionId=" + ray.getString("id")).then().statusCode(200)
                    .body("total", equalTo(0));
            as(PLANNER).get("/api/deliveries?subscriptionId=" + planner.getString("id")).then().statusCode(200)
                    .body("total", equalTo(3));
            assertEquals(0, rayHook.hits().size(), "a rep without territories hears nothing territory-bound");

            // a rep lists only its own subscriptions and their deliveries
            as(RITA).get("/api/subscriptions?size=500").then().statusCode(200)
                    .body("items.id", hasItem(rita.getString("id")))
                    .body("items.id", not(hasItem(rob.getString("id"))))
                    .body("items.id", not(hasItem(planner.getString("id"))))
                    .body("items.owner", everyItem(equalTo("rita")));
            as(RITA).get("/api/deliveries?size=500").then().statusCode(200)
                    .body("items.subscriptionId", everyItem(equalTo(rita.getString("id"))))
                    .body("items.sourceEventId", hasItem(eastNorth.eventId().toString()));
            as(RITA).get("/api/deliveries?subscriptionId=" + planner.getString("id")).then().statusCode(200)
                    .body("total", equalTo(0)).body("items", equalTo(List.of()));

            // readers with a territory scope see only deliveries about nodes inside it; roll-ups span it
            String plannersWest = deliveryOf(planner.getString("id"), west);
            String plannersEast = deliveryOf(planner.getString("id"), eastNorth);
            String plannersRollUp = deliveryOf(planner.getString("id"), rollUp);
            as(WEST_VIEWER).get("/api/deliveries?subscriptionId=" + planner.getString("id")).then().statusCode(200)
                    .body("total", equalTo(1)).body("items[0].id", equalTo(plannersWest));
            as(WEST_VIEWER).get("/api/deliveries/" + plannersWest).then().statusCode(200);
            as(WEST_VIEWER).get("/api/deliveries/" + plannersEast).then().statusCode(404).contentType(PROBLEM);
            as(WEST_VIEWER).get("/api/deliveries/" + plannersRollUp).then().statusCode(404).contentType(PROBLEM);
            // and every subscription, which is not territory-bound
            as(WEST_VIEWER).get("/api/subscriptions/" + rita.getString("id")).then().statusCode(200);

            // unrestricted readers see everything
            for (String reader : List.of(VIEWER, APPROVER, ADMIN)) {
                as(reader).get("/api/deliveries?subscriptionId=" + planner.getString("id")).then().statusCode(200)
                        .body("total", equalTo(3));
                as(reader).get("/api/subscriptions/" + rob.getString("id")).then().statusCode(200)
                        .body("owner", equalTo("rob")).body("secret", nullValue());
                as(reader).get("/api/deliveries/" + plannersRollUp).then().statusCode(200);
            }

            for (JsonPath s : List.of(rita, rob, ray, planner)) {
                as(ADMIN).delete("/api/subscriptions/" + s.getString("id")).then().statusCode(204);
            }
        }
    }

    @Test
    void everyCallWithTheIdOfAnotherRepsObjectIsAnsweredLikeAMissingOneAndChangesNothing() throws Exception {
        String plan = WebhookDeliveryTest.plan();
        try (Receiver hook = Receiver.answering(200)) {
            String sub = subscribe(RITA, hook.url(), plan).getString("id");
            DriftDetected drift = QuotaKafka.critical(plan, "SEC-EAST-N");
            kafka.publish(drift);
            String delivery = awaitDelivered(RITA, sub);
            String subTag = as(PLANNER).get("/api/subscriptions/" + sub).then().statusCode(200).extract().header("ETag");
            String deliveryTag = as(PLANNER).get("/api/deliveries/" + delivery).then().statusCode(200)
                    .extract().header("ETag");
            String missing = UUID.randomUUID().toString();

            // rob, another rep, may see neither: the same answer as for ids that exist nowhere
            sameAsMissing(as(ROB).get("/api/subscriptions/" + sub), as(ROB).get("/api/subscriptions/" + missing),
                    sub, missing);
            sameAsMissing(as(ROB).delete("/api/subscriptions/" + sub), as(ROB).delete("/api/subscriptions/" + missing),
                    sub, missing);
            Map<String, Object> takeover = newSubscription("http://127.0.0.1:9/stolen", plan);
            sameAsMissing(as(ROB).contentType(ContentType.JSON).header("If-Match", subTag).body(takeover)
                            .put("/api/subscriptions/" + sub),
                    as(ROB).contentType(ContentType.JSON).header("If-Match", subTag).body(takeover)
                            .put("/api/subscriptions/" + missing), sub, missing);
            // without If-Match too: 404 first, so a 428 does not tell that the id exists
            sameAsMissing(as(ROB).contentType(ContentType.JSON).body(takeover).put("/api/subscriptions/" + sub),
                    as(ROB).contentType(ContentType.JSON).body(takeover).put("/api/subscriptions/" + missing),
                    sub, missing);
            sameAsMissing(as(ROB).get("/api/deliveries/" + delivery), as(ROB).get("/api/deliveries/" + missing),
                    delivery, missing);
            sameAsMissing(as(ROB).post("/api/deliveries/" + delivery + "/redeliver"),
                    as(ROB).post("/api/deliveries/" + missing + "/redeliver"), delivery, missing);
            // so may a planner whose scope does not reach the delivery's territory
            sameAsMissing(as(WEST_PLANNER).post("/api/deliveries/" + delivery + "/redeliver"),
                    as(WEST_PLANNER).post("/api/deliveries/" + missing + "/redeliver"), delivery, missing);
            sameAsMissing(as(WEST_PLANNER).get("/api/deliveries/" + delivery),
                    as(WEST_PLANNER).get("/api/deliveries/" + missing), delivery, missing);
            as(ROB).get("/api/deliveries?subscriptionId=" + sub).then().statusCode(200).body("total", equalTo(0));

            // nothing changed: same versions, still delivered once
            as(PLANNER).get("/api/subscriptions/" + sub).then().statusCode(200).header("ETag", equalTo(subTag));
            as(PLANNER).get("/api/deliveries/" + delivery).then().statusCode(200).header("ETag", equalTo(deliveryTag))
                    .body("status", equalTo("DELIVERED")).body("attempts", equalTo(1));
            assertEquals(1, deliveryRows(sub));
            assertEquals(1, hook.hits().size());

            // rita herself may do all of it
            as(RITA).get("/api/subscriptions/" + sub).then().statusCode(200).body("owner", equalTo("rita"));
            as(RITA).get("/api/deliveries/" + delivery).then().statusCode(200);
            as(RITA).post("/api/deliveries/" + delivery + "/redeliver").then().statusCode(202)
                    .body("id", equalTo(delivery));
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> hook.hits().size() == 2);
            await().atMost(WebhookDeliveryTest.WAIT).until(() -> Integer.valueOf(2).equals(
                    as(RITA).get("/api/deliveries/" + delivery).then().extract().path("attempts")));
            as(RITA).delete("/api/subscriptions/" + sub).then().statusCode(204);
            as(PLANNER).get("/api/subscriptions/" + sub).then().statusCode(404).contentType(PROBLEM);
            assertEquals(0, deliveryRows(sub));
        }
    }

    @Test
    void noTokenABadTokenOrARoleThatMayNotIsRefusedAndChangesNothing() throws Exception {
        String plan = WebhookDeliveryTest.plan();
        try (Receiver hook = Receiver.answering(200)) {
            String sub = subscribe(PLANNER, hook.url(), plan).getString("id");
            kafka.publish(QuotaKafka.critical(plan, "SEC-WEST"));
            String delivery = awaitDelivered(PLANNER, sub);
            String subTag = as(PLANNER).get("/api/subscriptions/" + sub).then().extract().header("ETag");
            String deliveryTag = as(PLANNER).get("/api/deliveries/" + delivery).then().extract().header("ETag");
            long subscriptions = total("/api/subscriptions");
            Map<String, Object> body = newSubscription(hook.url(), plan);

            String expired = QuotaInfraResource.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                    "{\"iss\":\"https://quota.local/issuer\",\"sub\":\"pat\",\"upn\":\"pat\",\"groups\":[\"admin\"],"
                            + "\"iat\":1700000000,\"exp\":1700000600}");
            String otherIssuer = QuotaInfraResource.tokens().sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                    "{\"iss\":\"https://evil.example\",\"sub\":\"pat\",\"upn\":\"pat\",\"groups\":[\"admin\"],"
                            + "\"iat\":" + (System.currentTimeMillis() / 1000) + ",\"exp\":"
                            + (System.currentTimeMillis() / 1000 + 600) + "}");
            List<Supplier<RequestSpecification>> refused = List.of(() -> given(), () -> as("not.a.token"),
                    () -> as(expired), () -> as(otherIssuer));
            for (Supplier<RequestSpecification> anonymous : refused) {
                for (Response r : everyCall(anonymous, sub, delivery, body)) {
                    r.then().statusCode(401).contentType(PROBLEM).header("WWW-Authenticate", "Bearer")
                            .body("status", equalTo(401));
                }
            }

            // reads are fine for a viewer and an approver, writes are not; ingest and service may do nothing here
            for (String reader : List.of(VIEWER, APPROVER)) {
                as(reader).get("/api/subscriptions").then().statusCode(200);
                as(reader).get("/api/deliveries/" + delivery).then().statusCode(200);
                writes(() -> as(reader), sub, delivery, body).forEach(r -> r.then().statusCode(403).contentType(PROBLEM)
                        .body("status", equalTo(403)));
            }
            for (String stranger : List.of(INGEST, SERVICE)) {
                everyCall(() -> as(stranger), sub, delivery, body).forEach(r -> r.then().statusCode(403)
                        .contentType(PROBLEM));
            }

            assertEquals(subscriptions, total("/api/subscriptions"), "no subscription was added or removed");
            as(PLANNER).get("/api/subscriptions/" + sub).then().statusCode(200).header("ETag", equalTo(subTag));
            as(PLANNER).get("/api/deliveries/" + delivery).then().statusCode(200).header("ETag", equalTo(deliveryTag))
                    .body("attempts", equalTo(1));
            assertEquals(1, hook.hits().size());
            as(PLANNER).delete("/api/subscriptions/" + sub).then().statusCode(204);
        }
    }

    @Test
    void aRepsFilterTerritoryMustLieInsideItsScope() {
        String plan = WebhookDeliveryTest.plan();
        Map<String, Object> west = newSubscription("http://127.0.0.1:9/west", plan);
        west.put("filter", Map.of("plans", List.of(plan), "territory", "SEC-WEST"));
        as(RITA).contentType(ContentType.JSON).body(west).post("/api/subscriptions").then().statusCode(422)
                .contentType(PROBLEM).body("field", equalTo("filter.territory"));
        Map<String, Object> north = newSubscription("http://127.0.0.1:9/north", plan);
        north.put("filter", Map.of("plans", List.of(plan), "territory", "SEC-EAST-N"));
        String id = as(RITA).contentType(ContentType.JSON).body(north).post("/api/subscriptions").then().statusCode(201)
                .body("filter.territory", equalTo("SEC-EAST-N")).extract().path("id");
        // nor may a PUT move it outside
        String tag = as(RITA).get("/api/subscriptions/" + id).then().extract().header("ETag");
        as(RITA).contentType(ContentType.JSON).header("If-Match", tag).body(west).put("/api/subscriptions/" + id)
                .then().statusCode(422).contentType(PROBLEM).body("field", equalTo("filter.territory"));
        as(RITA).get("/api/subscriptions/" + id).then().statusCode(200).header("ETag", equalTo(tag));
        as(RITA).delete("/api/subscriptions/" + id).then().statusCode(204);
    }

    @Test
    void aRepMaySubscribeButAnOwnerThatDoesNotFitIsAProblem() {
        String huge = QuotaInfraResource.scopedToken("r".repeat(300), List.of("SEC-EAST"), "rep");
        as(huge).contentType(ContentType.JSON).body(newSubscription("http://127.0.0.1:9/hook", "P-x"))
                .post("/api/subscriptions").then().statusCode(400).contentType(PROBLEM).body("field", equalTo("sub"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    private static JsonPath subscribe(String token, String address, String plan) {
        return as(token).contentType(ContentType.JSON).body(newSubscription(address, plan))
                .post("/api/subscriptions").then().statusCode(201).extract().jsonPath();
    }

    private static Map<String, Object> newSubscription(String address, String plan) {
        return new HashMap<>(Map.of("name", "ops " + plan, "channel", "WEBHOOK", "address", address, "locale", "en",
                "filter", Map.of("plans", List.of(plan))));
    }

    /** Every endpoint, once each, with an existing subscription and delivery. */
    private static List<Response> everyCall(Supplier<RequestSpecification> spec, String sub, String delivery,
                                            Map<String, Object> body) {
        List<Response> all = new ArrayList<>(List.of(
                spec.get().get("/api/subscriptions"), spec.get().get("/api/subscriptions/" + sub),
                spec.get().get("/api/deliveries"), spec.get().get("/api/deliveries/" + delivery)));
        all.addAll(writes(spec, sub, delivery, body));
        return all;
    }

    private static List<Response> writes(Supplier<RequestSpecification> spec, String sub, String delivery,
                                         Map<String, Object> body) {
        return List.of(spec.get().contentType(ContentType.JSON).body(body).post("/api/subscriptions"),
                spec.get().contentType(ContentType.JSON).header("If-Match", "\"" + sub + "-0\"").body(body)
                        .put("/api/subscriptions/" + sub),
                spec.get().delete("/api/subscriptions/" + sub),
                spec.get().post("/api/deliveries/" + delivery + "/redeliver"));
    }

    /** A 404 for someone else's object reads exactly like the one for an id that does not exist. */
    private static void sameAsMissing(Response hidden, Response missing, String hiddenId, String missingId) {
        hidden.then().statusCode(404).contentType(PROBLEM);
        missing.then().statusCode(404).contentType(PROBLEM);
        assertEquals(missing.jsonPath().getMap("").toString().replace(missingId, "<id>"),
                hidden.jsonPath().getMap("").toString().replace(hiddenId, "<id>"));
    }

    private static String awaitDelivered(String token, String subscriptionId) {
        await().atMost(WebhookDeliveryTest.WAIT).until(() -> "DELIVERED".equals(
                as(token).get("/api/deliveries?subscriptionId=" + subscriptionId).then().statusCode(200)
                        .extract().path("items[0].status")));
        return as(token).get("/api/deliveries?subscriptionId=" + subscriptionId).then().extract().path("items[0].id");
    }

    private static String deliveryOf(String subscriptionId, DriftDetected event) {
        List<Map<String, Object>> items = as(PLANNER).get("/api/deliveries?size=500&subscriptionId=" + subscriptionId)
                .then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(d -> event.eventId().toString().equals(d.get("sourceEventId")))
                .map(d -> (String) d.get("id")).findFirst().orElseThrow();
    }

    private static long total(String path) {
        return ((Number) as(ADMIN).get(path).then().statusCode(200).extract().path("total")).longValue();
    }

    private int territoriesKnown() throws Exception {
        return count("select count(*) from territory where territory_id in ('SEC-EAST', 'SEC-EAST-N', 'SEC-WEST')",
                null);
    }

    private int deliveryRows(String subscriptionId) throws Exception {
        return count("select count(*) from delivery where subscription_id = ?::uuid", subscriptionId);
    }

    private int count(String sql, String param) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
