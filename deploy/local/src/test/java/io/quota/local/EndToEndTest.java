package io.quota.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite end to end, as a user runs it: PostgreSQL, Kafka and the four services as separate processes from
 * their built artifacts. Territories and a plan are created, actuals fall behind pace, the clock moves, and a
 * real webhook receiver must get exactly one signed DriftDetected per node that changed state; then actuals
 * recover and it must get exactly one DriftResolved per node, each carrying the trace of the POST that recovered it.
 */
class EndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PLAN = "E2E-REV";
    static final String EAST_MARCH = PLAN + "~territory=EAST~2027-03-01..2027-03-31";
    /** The region x quarter roll-up of the default alert levels: Q1 clipped to the plan's period (March). */
    static final String CN_Q1 = PLAN + "~territory=CN~2027-03-01..2027-03-31";
    static final String WEST_MARCH = PLAN + "~territory=WEST~2027-03-01..2027-03-31";

    static LocalSuite suite;
    static String planner;
    static String approver;
    static String ingest;
    static String admin;
    static String viewer;
    static HttpServer receiver;
    static final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Delivery(Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("delivery body is not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    static void startSuite() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> e.getValue().get(0)));
            deliveries.add(new Delivery(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        suite = SharedSuite.get();
        planner = SharedSuite.token("pat-planner", "planner");
        approver = SharedSuite.token("ann-approver", "approver");
        ingest = SharedSuite.token("erp", "ingest");
        admin = SharedSuite.token("ada-admin", "admin");
        viewer = SharedSuite.token("vic-viewer", "viewer");
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void driftIsDetectedOnceAndResolvedOncePerNodeAndDeliveredSigned() throws Exception {
        send(planner, Service.TERRITORY, "POST", "/api/territories", "{\"id\":\"CN\",\"type\":\"REGION\",\"nameZh\":\"中国\",\"nameEn\":\"China\"}", 201);
        send(planner, Service.TERRITORY, "POST", "/api/territories", "{\"id\":\"EAST\",\"parentId\":\"CN\",\"type\":\"GEOGRAPHIC\",\"nameZh\":\"华东\",\"potential\":\"88000000.00\"}", 201);
        send(planner, Service.TERRITORY, "POST", "/api/territories", "{\"id\":\"WEST\",\"parentId\":\"CN\",\"type\":\"GEOGRAPHIC\",\"nameZh\":\"西部\",\"potential\":\"31000000.00\"}", 201);

        String plan = "{\"id\":\"" + PLAN + "\",\"name\":\"E2E revenue\",\"taskType\":\"NEW_BUSINESS\",\"metric\":\"REVENUE\","
                + "\"unit\":\"CNY\",\"periodStart\":\"2027-03-01\",\"periodEnd\":\"2027-05-31\",\"timeZone\":\"Asia/Shanghai\","
                + "\"total\":\"300000.00\",\"levels\":[{\"dimension\":\"TERRITORY\",\"method\":\"EQUAL\",\"members\":[\"EAST\",\"WEST\"]},"
                + "{\"dimension\":\"TIME\",\"granularity\":\"MONTH\",\"method\":\"EQUAL\"}]}";
        // target-service knows territories only from its Kafka replica: it refuses the plan until they arrive
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> call(planner, Service.TARGET, "POST", "/api/plans", plan).statusCode() == 201);
        send(planner, Service.TARGET, "POST", "/api/plans/" + PLAN + "/versions/1/submit", "", 200);
        send(approver, Service.TARGET, "POST", "/api/plans/" + PLAN + "/versions/1/approve", "", 200);

        JsonNode subscription = JSON.readTree(send(planner, Service.NOTIFICATION, "POST", "/api/subscriptions",
                "{\"name\":\"sales ops\",\"channel\":\"WEBHOOK\",\"address\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                        + "/hook\",\"locale\":\"zh-CN\"}", 201));
        String secret = subscription.get("secret").asText();

        // the suite refuses the unauthenticated and the out-of-role, and answers them as problems
        assertEquals(401, call("not-a-token", Service.KPI, "GET", "/api/drifts", null).statusCode());
        assertEquals(403, call(viewer, Service.TARGET, "POST", "/api/plans/" + PLAN + "/versions/1/approve", "").statusCode());

        send(admin, Service.KPI, "PUT", "/api/admin/clock", "{\"today\":\"2027-03-01\"}", 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> call(viewer, Service.KPI, "GET",
                "/api/attainment?plan=" + PLAN + "&territory=EAST&period=2027-03", null).statusCode() == 200);

        // behind pace: EAST 20,000 and WEST 27,000 of 50,000 each for March
        postActuals("e2e-behind", "EAST", "20000.00", "2027-03-10", "WEST", "27000.00", "2027-03-12");
        awaitActual("EAST", "20000.00");
        awaitActual("WEST", "27000.00");
        assertTrue(deliveries.isEmpty(), "nothing is owed on the first day: no drift yet");

        // Monday 22 March: 15 of March's 23 working days are owed, so expected = 50,000 x 15/23 = 32,608.70
        send(admin, Service.KPI, "PUT", "/api/admin/clock", "{\"today\":\"2027-03-22\"}", 200);
        // the two cells (also their territory x month nodes) and the region x quarter roll-up CN x Q1
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= 3);
        send(admin, Service.KPI, "PUT", "/api/admin/clock", "{\"today\":\"2027-03-22\"}", 200); // a second sweep: no new transition
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 3);

        Map<String, JsonNode> detected = byNode(deliveries, secret);
        assertEquals(Map.of(EAST_MARCH, "CRITICAL", WEST_MARCH, "WARNING", CN_Q1, "CRITICAL"), states(detected));
        // CN: 47,000 of an expected 65,217.39 (both territories' March)
        assertDecimal("0.7207", detected.get(CN_Q1).get("data").get("figures").get("pace"), 4);
        JsonNode east = detected.get(EAST_MARCH);
        assertEquals("quota.DriftDetected.v1", east.get("type").asText());
        assertEquals("ON_TRACK", east.get("data").get("previousState").asText());
        JsonNode figures = east.get("data").get("figures");
        assertDecimal("50000.00", figures.get("target"), 2);
        assertDecimal("20000.00", figures.get("actual"), 2);
        assertDecimal("32608.70", figures.get("expectedToDate"), 2);
        assertDecimal("0.6133", figures.get("pace"), 4);
        assertDecimal("0.4000", figures.get("attainment"), 4);
        assertDecimal("30666.67", figures.get("forecast"), 2);
        assertDecimal("0.8280", detected.get(WEST_MARCH).get("data").get("figures").get("pace"), 4);

        JsonNode attainment = JSON.readTree(send(viewer, Service.KPI, "GET",
                "/api/attainment?plan=" + PLAN + "&territory=EAST&period=2027-03", null, 200));
        assertEquals("CRITICAL", attainment.get("state").asText());
        assertDecimal("0.6133", attainment.get("pace"), 4);

        // recovery: EAST reaches 35,000 (pace 1.07), WEST 32,000 (pace 0.98 >= 0.90 + 0.02 hysteresis); the upstream
        // system's trace runs on through kpi-service and notification-service to the receiver
        String traceId = java.util.UUID.randomUUID().toString().replace("-", "");
        postActuals("e2e-recover", "00-" + traceId + "-00f067aa0ba902b7-01",
                "EAST", "15000.00", "2027-03-19", "WEST", "5000.00", "2027-03-19");
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.size() >= 6);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> deliveries.size() == 6);
        Map<String, JsonNode> resolved = byNode(deliveries.subList(3, 6), secret);
        assertEquals(Map.of(EAST_MARCH, "quota.DriftResolved.v1", WEST_MARCH, "quota.DriftResolved.v1", CN_Q1, "quota.DriftResolved.v1"),
                resolved.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get("type").asText())));
        assertEquals("CRITICAL", resolved.get(EAST_MARCH).get("data").get("previousState").asText());
        assertEquals("WARNING", resolved.get(WEST_MARCH).get("data").get("previousState").asText());
        assertDecimal("35000.00", resolved.get(EAST_MARCH).get("data").get("figures").get("actual"), 2);
        for (Delivery d : deliveries.subList(3, 6)) {
            String traceparent = d.headers().get("traceparent");
            assertTrue(traceparent != null && traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-[0-9a-f]{2}"),
                    "the trace of POST /api/actuals reaches the receiver: " + traceparent);
        }

        // the same batch again (same Idempotency-Key) is counted once
        postActuals("e2e-recover", "EAST", "15000.00", "2027-03-19", "WEST", "5000.00", "2027-03-19");
        postActuals("e2e-marker", "EAST", "0.01", "2027-03-19", "WEST", "0.01", "2027-03-19");
        awaitActual("EAST", "35000.01");
        assertEquals(6, deliveries.size());
    }

    /** Verifies every delivery's signature and returns the CloudEvents bodies by node key (one per node). */
    private static Map<String, JsonNode> byNode(List<Delivery> list, String secret) throws Exception {
        for (Delivery d : list) {
            String timestamp = d.headers().get("x-quota-timestamp");
            long age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
            assertTrue(age >= -5 && age < 300, "timestamp is fresh: " + timestamp);
            assertEquals("sha256=" + hmac(secret, timestamp + "." + d.body()), d.headers().get("x-quota-signature"),
                    "signature over timestamp + body");
        }
        Map<String, JsonNode> byNode = list.stream().map(Delivery::json)
                .collect(Collectors.toMap(j -> j.get("data").get("nodeKey").asText(), j -> j));
        assertEquals(list.size(), byNode.size(), "exactly one delivery per node");
        return byNode;
    }

    private static Map<String, String> states(Map<String, JsonNode> events) {
        return events.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().get("data").get("state").asText()));
    }

    private static void assertDecimal(String expected, JsonNode actual, int scale) {
        assertEquals(new BigDecimal(expected), new BigDecimal(actual.asText()).setScale(scale, RoundingMode.HALF_UP),
                "figure " + actual);
    }

    private static void postActuals(String key, String t1, String v1, String d1, String t2, String v2, String d2)
            throws Exception {
        postActuals(key, null, t1, v1, d1, t2, v2, d2);
    }

    /** Posts two actuals; with a W3C traceparent, as an upstream system inside a trace of its own would. */
    private static void postActuals(String key, String traceparent, String t1, String v1, String d1, String t2,
                                    String v2, String d2) throws Exception {
        String body = "[" + actual(t1, v1, d1) + "," + actual(t2, v2, d2) + "]";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.url(Service.KPI) + "/api/actuals"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key)
                .header("Authorization", "Bearer " + ingest);
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> r = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        assertEquals(2, JSON.readTree(r.body()).get("eventIds").size());
    }

    private static String actual(String territory, String value, String date) {
        return "{\"metric\":\"REVENUE\",\"value\":\"" + value + "\",\"unit\":\"CNY\",\"businessDate\":\"" + date
                + "\",\"territoryId\":\"" + territory + "\",\"source\":\"e2e\"}";
    }

    /** Waits until kpi-service has counted the actuals (read as of month end: the clock's today may be earlier). */
    private static void awaitActual(String territory, String expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = call(viewer, Service.KPI, "GET",
                    "/api/attainment?plan=" + PLAN + "&territory=" + territory + "&period=2027-03&asOf=2027-03-31", null);
            return r.statusCode() == 200
                    && new BigDecimal(JSON.readTree(r.body()).get("actual").asText()).compareTo(new BigDecimal(expected)) == 0;
        });
    }

    private static String send(String token, Service s, String method, String path, String body, int expectedStatus)
            throws Exception {
        HttpResponse<String> r = call(token, s, method, path, body);
        assertEquals(expectedStatus, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body();
    }

    private static HttpResponse<String> call(String token, Service s, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(suite.url(s) + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String secret, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
