package io.quota.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.infra.Tokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sends at least 10,000 hostile requests across every endpoint of every service (found in each service's own
 * OpenAPI document): bad tokens of every kind, the wrong role, malformed, wrongly typed, oversized and hostile
 * bodies, and junk ids and query values. Every answer must be a 4xx application/problem+json, none a 5xx, and
 * the stored data of every service must be exactly what it was. Seeded, so a failure can be replayed.
 */
class FuzzTest {
    static final int REQUESTS = 10_000;
    static final long SEED = Long.getLong("quota.fuzz.seed", 20271123L);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Endpoint(Service service, String method, String path, boolean pages) {
    }

    @Test
    void hostileRequestsGetProblemsNeverErrorsAndChangeNothing() throws Exception {
        LocalSuite suite = SharedSuite.get();
        List<Endpoint> endpoints = discover(suite);
        assertTrue(endpoints.size() >= 20, "endpoints found: " + endpoints);
        Tokens stranger = Tokens.inFolder(Files.createTempDirectory("quota-fuzz-keys-"));
        Hostile hostile = new Hostile(new Random(SEED), suite.tokens(), stranger);
        String admin = SharedSuite.token("fuzz-admin", "admin");
        String viewer = SharedSuite.token("fuzz-viewer", "viewer");
        Map<Service, String> before = snapshot(suite);

        AtomicInteger sent = new AtomicInteger();
        int serverErrors = 0;
        List<String> failures = new ArrayList<>();
        java.util.Set<String> failedEndpoints = new java.util.HashSet<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        Random random = new Random(SEED);
        while (sent.get() < REQUESTS) {
            Endpoint e = endpoints.get(random.nextInt(endpoints.size()));
            boolean write = !e.method().equals("GET");
            boolean hasId = e.path().contains("{");
            boolean clock = e.path().endsWith("/clock");
            String token = admin;
            String path = e.path();
            String body = null;
            String contentType = "application/json";
            // each fault makes the request wrong whatever the endpoint's own rules are
            switch (random.nextInt(4)) {
                case 0 -> token = hostile.badToken();                                  // 401
                case 1 -> {
                    if (write || clock) {
                        token = viewer;                                                // 403: viewers write nothing
                    } else {
                        if (hasId) {
                            path = hostile.fillPath(path);                             // 404 or 400
                        } else if (e.pages()) {
                            path = path + "?" + hostile.badQuery();                    // 400: paging out of range
                        } else {
                            token = hostile.badToken();                                // nothing to break in the query
                        }
                    }
                }
                case 2 -> {
                    if (hasId) {
                        path = hostile.fillPath(path);                                 // 404 or 400
                    } else if (write) {
                        body = hostile.body();                                         // 400, 413 or 415
                        contentType = random.nextInt(10) == 0 ? "text/plain" : "application/json";
                    } else {
                        token = hostile.badToken();
                    }
                }
                default -> {
                    if (write && !e.method().equals("DELETE")) {
                        body = hostile.body();
                        path = hasId ? hostile.fillPath(path) : path;
                    } else {
                        token = hostile.badToken();
                        path = hasId ? hostile.fillPath(path) : path;
                    }
                }
            }
            if (path.contains("{")) {
                path = hostile.fillPath(path);                                         // never a template on the wire
            }
            if (e.method().equals("DELETE") && !hasId && token != null && token.equals(admin)) {
                token = hostile.badToken();                                            // a body cannot spoil a DELETE
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(suite.url(e.service()) + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType);
            if (token != null) {
                b.header("Authorization", token.startsWith("Basic ") ? token : "Bearer " + token);
            }
            b.method(e.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            sent.incrementAndGet();
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() >= 500) {
                serverErrors++;
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            if ((r.statusCode() < 400 || r.statusCode() >= 500 || !type.startsWith("application/problem+json"))
                    && failedEndpoints.add(e.toString())) {
                failures.add(e.method() + " " + e.service().module() + path + " -> "
                        + r.statusCode() + " " + type + " " + abbreviate(r.body()));
            }
        }
        System.out.printf("fuzz: %d requests sent across %d endpoints, %d answered 5xx, by status %s%n",
                sent.get(), endpoints.size(), serverErrors, byStatus);
        assertEquals(List.of(), failures, "every answer is a 4xx problem+json");
        assertEquals(0, serverErrors);
        assertEquals(before, snapshot(suite), "stored data unchanged");
    }

    /** Every operation of every service's OpenAPI document under /api. */
    private static List<Endpoint> discover(LocalSuite suite) throws Exception {
        List<Endpoint> out = new ArrayList<>();
        for (Service s : Service.values()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(suite.url(s) + "/q/openapi?format=json"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "OpenAPI of " + s.module());
            JsonNode paths = JSON.readTree(r.body()).get("paths");
            paths.fieldNames().forEachRemaining(p -> {
                if (p.startsWith("/api/")) {
                    paths.get(p).fieldNames().forEachRemaining(m -> {
                        if (List.of("get", "post", "put", "delete", "patch").contains(m)) {
                            boolean pages = false;
                            for (JsonNode param : paths.get(p).get(m).path("parameters")) {
                                pages |= "page".equals(param.path("name").asText());
                            }
                            out.add(new Endpoint(s, m.toUpperCase(), p, pages));
                        }
                    });
                }
            });
        }
        return out;
    }

    /** A digest of every business table of every service (outbox and inbox are transport, not data). */
    private static Map<Service, String> snapshot(LocalSuite suite) throws Exception {
        Map<Service, String> out = new TreeMap<>();
        for (Service s : Service.values()) {
            StringBuilder digest = new StringBuilder();
            try (Connection c = DriverManager.getConnection(suite.jdbcUrl(s), "postgres", "postgres");
                 Statement st = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("select table_name from information_schema.tables where "
                        + "table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in "
                        + "('flyway_schema_history', 'outbox', 'inbox') order by table_name")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String t : tables) {
                    try (ResultSet rs = st.executeQuery("select count(*), coalesce(md5(string_agg(x::text, '|' order by x::text)), '') from \""
                            + t + "\" x")) {
                        rs.next();
                        digest.append(t).append('=').append(rs.getLong(1)).append(':').append(rs.getString(2)).append(' ');
                    }
                }
            }
            out.put(s, digest.toString());
        }
        return out;
    }

    static String fill(String template, String value) {
        return template.replaceAll("\\{[^}]+}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** Generators of hostile input, all from one seeded Random. */
    static final class Hostile {
        /** Over every service's body limit (kpi-service, the largest, takes 10 MB). */
        static final String OVERSIZED = "{\"name\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}";
        private final Random random;
        private final Tokens ours;
        private final Tokens stranger;

        Hostile(Random random, Tokens ours, Tokens stranger) {
            this.random = random;
            this.ours = ours;
            this.stranger = stranger;
        }

        String fillPath(String template) {
            String[] ids = {"NOPE", "../../etc/passwd", "' OR '1'='1", "%00", "x".repeat(300), "999999999999999999999",
                    "-1", "00000000-0000-0000-0000-000000000000", "<script>", "EAST~2027", "é中文", " "};
            return fill(template, ids[random.nextInt(ids.length)]);
        }

        /** Paging every list validates, broken, plus a hostile value for a parameter the endpoint may or may not read. */
        String badQuery() {
            String[] paging = {"page=-1", "size=100000", "size=abc", "page=1e9", "size=0", "page=%00"};
            String[] extra = {"period=2027-13", "asOf=20270-01-01", "from=2027-03-31&to=2027-03-01",
                    "plan=%27%3B+drop+table+x%3B--", "state=MAYBE", "status=%00", "territory=" + "x".repeat(200),
                    "groupBy=everything", "by=nonsense"};
            return paging[random.nextInt(paging.length)] + "&" + extra[random.nextInt(extra.length)];
        }

        /** A token that must be refused: missing, garbage, expired, wrongly signed, unsigned, incomplete. */
        String badToken() {
            long now = System.currentTimeMillis() / 1000;
            String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
            String good = "\"iss\":\"" + Tokens.ISSUER + "\",\"sub\":\"mallory\",\"upn\":\"mallory\",\"groups\":[\"admin\"]";
            return switch (random.nextInt(9)) {
                case 0 -> null;
                case 1 -> "garbage";
                case 2 -> ours.sign(header, "{" + good + ",\"iat\":" + (now - 7200) + ",\"exp\":" + (now - 3600) + "}");
                case 3 -> stranger.sign(header, "{" + good + ",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
                case 4 -> b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{" + good + ",\"exp\":" + (now + 3600) + "}") + ".";
                case 5 -> ours.sign(header, "{\"sub\":\"mallory\",\"groups\":[\"admin\"],\"exp\":" + (now + 3600) + "}");
                case 6 -> ours.sign(header, "{\"iss\":\"https://evil.example\",\"sub\":\"m\",\"upn\":\"m\",\"groups\":[\"admin\"],\"exp\":"
                        + (now + 3600) + "}");
                case 7 -> "Basic YWRtaW46YWRtaW4=";
                default -> ours.sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{" + good + ",\"exp\":" + (now + 3600) + "}");
            };
        }

        /** A body that no endpoint accepts: not JSON, the wrong shape, or an object with a field nobody knows. */
        String body() {
            String junk = junkValue();
            if (random.nextInt(200) == 0) {
                return OVERSIZED;
            }
            return switch (random.nextInt(10)) {
                case 0 -> "{\"id\":";
                case 1 -> "not json at all " + junk;
                case 2 -> "[" + junk + "," + junk + "]";
                case 3 -> "{\"\\u0000evil\":" + junk + ",\"id\":" + junk + "}";
                case 4 -> "{\"unknownField\":" + junk + ",\"total\":" + junk + ",\"value\":" + junk + "}";
                case 5 -> "{" + "\"a\":{".repeat(200) + "1" + "}".repeat(200) + ",\"zz\":1}";
                case 6 -> "{\"name\":\"" + "名".repeat(20_000) + "\",\"bogus\":true}";
                case 7 -> "\"just a string\"";
                case 8 -> "{\"id\":\"' OR 1=1; --\",\"metric\":\"REVENUE\",\"value\":1e400,\"unit\":\"CNY\",\"junk\":{}}";
                default -> "{\"today\":\"2027-02-30\",\"x\":" + junk + ",\"extra\":[]}";
            };
        }

        private String junkValue() {
            String[] v = {"null", "-1", "1e999", "\"\"", "\"" + "x".repeat(5000) + "\"", "{}", "[]", "true",
                    "\"<script>alert(1)</script>\"", "\"\\ud800\"", "123456789012345678901234567890.123456789"};
            return v[random.nextInt(v.length)];
        }

        private static String b64(String s) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }
    }
}
