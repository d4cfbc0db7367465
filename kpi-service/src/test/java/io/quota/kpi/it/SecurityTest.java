package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.HostileTokens;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.quota.kpi.it.Callers.asAdmin;
import static io.quota.kpi.it.Callers.asIngest;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN.md section 6 at kpi-service's door: no endpoint answers without a valid bearer token (401 problem+json),
 * each admits exactly its roles (403 problem+json otherwise), and a refused write changes nothing.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class SecurityTest {
    private static final Set<String> ALL_ROLES = Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.REP,
            Roles.VIEWER, Roles.INGEST, Roles.SERVICE);

    @Inject
    AgroalDataSource ds;

    /** One request per endpoint, harmless for the roles that may make it (it is refused as bad input, or reads). */
    record Endpoint(String method, String path, String body, Set<String> roles, int admitted, String contentType) {
        Endpoint(String method, String path, String body, Set<String> roles, int admitted) {
            this(method, path, body, roles, admitted, "application/json");
        }

        Response send(RequestSpecification request) {
            RequestSpecification r = request.contentType(contentType);
            if (body != null) {
                r = r.body(body);
            }
            return r.request(method, path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/actuals", "[]", Set.of(Roles.ADMIN, Roles.INGEST), 400),
            new Endpoint("GET", "/api/attainment", null, Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER,
                    Roles.VIEWER, Roles.SERVICE, Roles.REP), 400),
            new Endpoint("GET", "/api/drifts?state=LOST", null, Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER,
                    Roles.VIEWER, Roles.REP), 400),
            new Endpoint("GET", "/api/nodes/not-a-key/history", null, Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER,
                    Roles.VIEWER, Roles.REP), 400),
            new Endpoint("GET", "/api/admin/clock", null, Set.of(Roles.ADMIN), 200),
            new Endpoint("PUT", "/api/admin/clock", "{\"today\":\"someday\"}", Set.of(Roles.ADMIN), 400),
            // an admin's DELETE really resets the clock: theClockGoesBackToTheSystemClockForAnAdminOnly covers it
            new Endpoint("DELETE", "/api/admin/clock", null, Set.of(Roles.ADMIN), -1),
            new Endpoint("POST", "/api/actuals/import", "metric\n", Set.of(Roles.ADMIN, Roles.INGEST), 422, "text/csv"),
            new Endpoint("GET", "/api/actuals/totals", null, Set.of(Roles.SERVICE, Roles.ADMIN, Roles.PLANNER), 400),
            new Endpoint("GET", "/api/unplanned", null, Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER,
                    Roles.VIEWER, Roles.REP), 400),
            new Endpoint("POST", "/api/closed-periods", "{}", Set.of(Roles.ADMIN, Roles.PLANNER), 400),
            new Endpoint("GET", "/api/closed-periods", null, Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER,
                    Roles.VIEWER, Roles.INGEST), 200),
            new Endpoint("GET", "/api/closed-periods/0", null, Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER,
                    Roles.VIEWER, Roles.INGEST), 404),
            new Endpoint("DELETE", "/api/closed-periods/0", null, Set.of(Roles.ADMIN, Roles.PLANNER), 404),
            new Endpoint("GET", "/api/adjustments", null, Set.of(Roles.ADMIN), 200),
            new Endpoint("POST", "/api/admin/replays", "{}", Set.of(Roles.ADMIN), 400),
            new Endpoint("GET", "/api/admin/replays/0", null, Set.of(Roles.ADMIN), 404),
            new Endpoint("POST", "/api/admin/redrives", "{}", Set.of(Roles.ADMIN), 400),
            new Endpoint("GET", "/api/leaderboard", null, Set.of(Roles.ADMIN, Roles.PLANNER, Roles.APPROVER,
                    Roles.VIEWER, Roles.REP), 400));

    @Test
    void eachEndpointAdmitsExactlyItsRoles() {
        for (Endpoint e : ENDPOINTS) {
            for (String role : ALL_ROLES) {
                boolean admitted = e.roles().contains(role);
                if (admitted && e.admitted() < 0) {
                    continue;
                }
                Response r = e.send(given().auth().oauth2(QuotaInfraResource.token("matrix-" + role, role)));
                String what = e + " as " + role + ": " + r.asString();
                if (admitted) {
                    assertEquals(e.admitted(), r.statusCode(), what);
                } else {
                    assertEquals(403, r.statusCode(), what);
                    assertTrue(r.contentType().startsWith("application/problem+json"), what);
                    assertEquals("Forbidden", r.path("title"), what);
                }
            }
            // a scoped rep is still a rep: scope narrows what it reads, never what it may do
            Response scoped = e.send(given().auth().oauth2(QuotaInfraResource.scopedToken("rita", List.of("EAST"),
                    Roles.REP)));
            assertEquals(e.roles().contains(Roles.REP) ? e.admitted() : 403, scoped.statusCode(), e + " as scoped rep");
        }
    }

    @Test
    void noEndpointAnswersWithoutAValidBearerToken() throws Exception {
        Map<String, String> hostile = HostileTokens.against(QuotaInfraResource.tokens());
        for (Endpoint e : ENDPOINTS) {
            Response none = e.send(given());
            assertUnauthorized(none, e + " without a token");
            for (Map.Entry<String, String> token : hostile.entrySet()) {
                Response r = e.send(given().header("Authorization", token.getValue().startsWith("Basic ")
                        ? token.getValue() : "Bearer " + token.getValue()));
                assertUnauthorized(r, e + " with " + token.getKey());
            }
        }
    }

    @Test
    void aRefusedPostOfActualsRecordsNothing() {
        UUID refused = UUID.randomUUID();
        String batch = "[" + actual(refused, "SEC-REFUSED", "7") + "]";
        assertUnauthorized(given().contentType(ContentType.JSON).body(batch).post("/api/actuals"), "no token");
        // the caller is checked before the body is read
        assertUnauthorized(given().contentType(ContentType.JSON).body("[{").post("/api/actuals"), "a malformed body");
        given().auth().oauth2(Callers.VIEWER).contentType(ContentType.JSON).body("[{").post("/api/actuals").then()
                .statusCode(403).contentType("application/problem+json");
        for (String role : List.of(Roles.VIEWER, Roles.PLANNER, Roles.APPROVER, Roles.SERVICE, Roles.REP)) {
            given().auth().oauth2(QuotaInfraResource.token("poster-" + role, role)).contentType(ContentType.JSON)
                    .body(batch).post("/api/actuals").then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403));
        }
        given().auth().oauth2(QuotaInfraResource.scopedToken("rita", List.of("SEC-REFUSED"), Roles.REP))
                .contentType(ContentType.JSON).body(batch).post("/api/actuals").then().statusCode(403);

        // a marker on the same territory (the same partition) is counted only after anything posted before it
        UUID marker = UUID.randomUUID();
        asIngest().contentType(ContentType.JSON).body("[" + actual(marker, "SEC-REFUSED", "1") + "]")
                .post("/api/actuals").then().statusCode(202).body("eventIds[0]", equalTo(marker.toString()));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Sql.count(ds, "select count(*) from processed_actual where event_id = ?", marker) == 1);
        assertEquals(0, Sql.count(ds, "select count(*) from processed_actual where event_id = ?", refused));
        assertEquals(0, Sql.count(ds, "select count(*) from outbox where event_id = ?", refused));
        assertEquals(0, Sql.count(ds, "select count(*) from inbox where event_id = ?", refused));
        assertEquals(1, Sql.count(ds, "select sum(total) from territory_daily where territory_id = 'SEC-REFUSED'"));
    }

    @Test
    void aRefusedClockChangeChangesNothing() {
        Map<String, Object> before = asAdmin().get("/api/admin/clock").then().statusCode(200).extract().as(Map.class);
        assertUnauthorized(given().contentType(ContentType.JSON).body("{\"today\":\"2031-01-01\"}")
                .put("/api/admin/clock"), "PUT without a token");
        assertUnauthorized(given().delete("/api/admin/clock"), "DELETE without a token");
        for (String role : List.of(Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.INGEST, Roles.SERVICE,
                Roles.REP)) {
            String token = QuotaInfraResource.token("clock-" + role, role);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"today\":\"2031-01-01\"}")
                    .put("/api/admin/clock").then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(token).delete("/api/admin/clock").then().statusCode(403)
                    .contentType("application/problem+json");
        }
        assertEquals(before, asAdmin().get("/api/admin/clock").then().statusCode(200).extract().as(Map.class));
    }

    @Test
    void theClockGoesBackToTheSystemClockForAnAdminOnly() {
        asAdmin().contentType(ContentType.JSON).body("{\"today\":\"2027-03-01\"}").put("/api/admin/clock")
                .then().statusCode(200).body("today", equalTo("2027-03-01")).body("set", equalTo(true));
        given().auth().oauth2(QuotaInfraResource.token("vic", Roles.VIEWER)).delete("/api/admin/clock")
                .then().statusCode(403);
        asAdmin().get("/api/admin/clock").then().statusCode(200).body("set", equalTo(true));
        asAdmin().delete("/api/admin/clock").then().statusCode(200).body("set", equalTo(false));
    }

    private static void assertUnauthorized(Response r, String what) {
        assertEquals(401, r.statusCode(), what + ": " + r.asString());
        assertTrue(r.contentType().startsWith("application/problem+json"), what + ": " + r.contentType());
        assertEquals("Bearer", r.header("WWW-Authenticate"), what);
        assertEquals("Unauthorized", r.path("title"), what);
    }

    private static String actual(UUID eventId, String territory, String value) {
        return "{\"eventId\":\"" + eventId + "\",\"metric\":\"VISITS\",\"value\":\"" + value
                + "\",\"unit\":\"COUNT\",\"businessDate\":\"2027-03-10\",\"territoryId\":\"" + territory + "\"}";
    }
}
