package io.quota.territory.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.quota.infra.Tokens;
import io.quota.platform.security.Roles;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.quota.territory.Callers.ADMIN;
import static io.quota.territory.Callers.ADMIN_NAME;
import static io.quota.territory.Callers.PLANNER;
import static io.quota.territory.Callers.anonymous;
import static io.quota.territory.Callers.as;
import static io.quota.territory.Callers.asAdmin;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.territory;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DESIGN.md section 6 here: who may call what (401 / 403 problems that change nothing), and the territory scope of a
 * token, walked in this service's own tree: a list shows only what lies inside it, anything else answers 404
 * exactly like a missing territory, and a scoped planner shapes only its own subtrees.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class SecurityTest {
    static final String VIEWER = QuotaInfraResource.token("test-viewer", Roles.VIEWER);
    static final String APPROVER = QuotaInfraResource.token("test-approver", Roles.APPROVER);
    static final String SERVICE = QuotaInfraResource.token("test-service", Roles.SERVICE);
    static final String INGEST = QuotaInfraResource.token("test-ingest", Roles.INGEST);
    /** A rep whose token names no territories: it sees nothing territory-bound. */
    static final String REP_WITHOUT_SCOPE = QuotaInfraResource.token("rex", Roles.REP);

    @ConfigProperty(name = "quarkus.security.jaxrs.deny-unannotated-endpoints")
    boolean denyUnannotated;

    // CN ─┬─ EAST ── SH        (REGION, REGION, GEOGRAPHIC)
    //     └─ WEST ── CD        (REGION, GEOGRAPHIC)
    private String cn;
    private String east;
    private String sh;
    private String west;
    private String cd;
    /** A rep and a planner whose scope is the EAST subtree. */
    private String repEast;
    private String plannerEast;

    @BeforeEach
    void aTreeOfTwoRegions() {
        cn = uniqueId("CN");
        east = uniqueId("EAST");
        sh = uniqueId("SH");
        west = uniqueId("WEST");
        cd = uniqueId("CD");
        create(cn, null, "REGION");
        create(east, cn, "REGION");
        create(sh, east, "GEOGRAPHIC");
        create(west, cn, "REGION");
        create(cd, west, "GEOGRAPHIC");
        repEast = QuotaInfraResource.scopedToken("rita", List.of(east), Roles.REP);
        plannerEast = QuotaInfraResource.scopedToken("paula", List.of(east), Roles.PLANNER);
    }

    @Test
    void everyEndpointNamesItsRolesAndTheRestIsRefused() {
        assertTrue(denyUnannotated, "an endpoint without @RolesAllowed is refused, not open");
    }

    @Test
    void readersReadAndOnlyAdminsReadTheAuditTrail() {
        for (String reader : List.of(ADMIN, PLANNER, APPROVER, VIEWER, SERVICE, repEast)) {
            as(reader).queryParam("parentId", east).get("/api/territories").then().statusCode(200)
                    .body("items.id", containsInAnyOrder(sh));
            as(reader).get("/api/territories/" + east).then().statusCode(200).body("id", equalTo(east));
            as(reader).get("/api/territories/" + east + "/subtree").then().statusCode(200)
                    .body("items.id", containsInAnyOrder(east, sh));
        }
        forbidden(as(INGEST).get("/api/territories"));
        forbidden(as(INGEST).get("/api/territories/" + east));
        forbidden(as(INGEST).get("/api/territories/" + east + "/subtree"));

        asAdmin().queryParam("entityId", east).get("/api/audit").then().statusCode(200).body("total", equalTo(1));
        for (String notAdmin : List.of(PLANNER, APPROVER, VIEWER, SERVICE, repEast, INGEST)) {
            forbidden(as(notAdmin).queryParam("entityId", east).get("/api/audit"));
        }
    }

    @Test
    void onlyAdminsAndPlannersWriteAndARefusedWriteChangesNothing() {
        for (String token : List.of(APPROVER, VIEWER, SERVICE, repEast, REP_WITHOUT_SCOPE, INGEST)) {
            String id = uniqueId("NO");
            forbidden(post(token, territory(id, east, "GEOGRAPHIC", "不行", null, null)));
            asAdmin().get("/api/territories/" + id).then().statusCode(404);
            forbidden(put(token, sh, version(sh), rename(sh, east, "GEOGRAPHIC", "改名")));
        }
        assertUntouched(sh, 0, 1);

        String byAdmin = uniqueId("ADM");
        post(ADMIN, territory(byAdmin, east, "GEOGRAPHIC", "管理", null, null)).statusCode(201)
                .body("createdBy", equalTo(ADMIN_NAME));
        put(ADMIN, byAdmin, version(byAdmin), rename(byAdmin, east, "GEOGRAPHIC", "管理员")).statusCode(200)
                .body("updatedBy", equalTo(ADMIN_NAME));
        asAdmin().queryParam("entityId", byAdmin).get("/api/audit").then()
                .body("items.actor", containsInAnyOrder(ADMIN_NAME, ADMIN_NAME));
    }

    @Test
    void withoutAValidTokenEveryEndpointIs401AndNothingChanges(@TempDir Path otherKeys) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        Tokens ours = QuotaInfraResource.tokens();
        Map<String, String> hostile = new java.util.LinkedHashMap<>();
        hostile.put("expired", ours.sign(header, claims(Tokens.ISSUER, "\"sub\":\"eve\",", now - 7200, now - 3600)));
        hostile.put("foreign issuer", ours.sign(header, claims("https://evil.example/issuer", "\"sub\":\"eve\",",
                now, now + 3600)));
        hostile.put("no expiry", ours.sign(header, "{\"iss\":\"" + Tokens.ISSUER
                + "\",\"sub\":\"eve\",\"upn\":\"eve\",\"iat\":" + now + ",\"groups\":[\"admin\"]}"));
        hostile.put("another key", Tokens.inFolder(otherKeys).mint("eve", List.of(Roles.ADMIN), List.of(),
                java.time.Duration.ofHours(1)));
        String unsigned = ours.mint("eve", List.of(Roles.ADMIN), List.of(), java.time.Duration.ofHours(1));
        hostile.put("alg none", java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
                + unsigned.split("\\.")[1] + ".");
        hostile.put("tampered roles", tamper(QuotaInfraResource.token("eve", Roles.VIEWER)));
        hostile.put("garbage", "not-a-jwt");

        List<Function<RequestSpecification, ValidatableResponse>> calls = everyCall();
        for (Function<RequestSpecification, ValidatableResponse> call : calls) {
            unauthorized(call.apply(anonymous()));
            for (Map.Entry<String, String> token : hostile.entrySet()) {
                unauthorized(call.apply(as(token.getValue())));
            }
        }
        assertUntouched(sh, 0, 1);
        asAdmin().queryParam("parentId", east).get("/api/territories").then().body("items.id", containsInAnyOrder(sh));
    }

    @Test
    void aScopedTokenListsOnlyItsSubtrees() {
        as(repEast).get("/api/territories").then().statusCode(200)
                .body("items.id", containsInAnyOrder(east, sh)).body("total", equalTo(2));
        as(repEast).queryParam("size", 1).get("/api/territories").then()
                .body("items", hasSize(1)).body("total", equalTo(2));
        as(repEast).queryParam("parentId", cn).get("/api/territories").then()
                .body("items.id", containsInAnyOrder(east)).body("total", equalTo(1));
        as(repEast).queryParam("parentId", west).get("/api/territories").then()
                .body("items", empty()).body("total", equalTo(0));
        as(repEast).queryParam("type", "GEOGRAPHIC").get("/api/territories").then()
                .body("items.id", containsInAnyOrder(sh));

        // several roots, overlapping ones counted once; any reading role is scoped the same way
        String viewerTwo = QuotaInfraResource.scopedToken("vera", List.of(sh, cd, east), Roles.VIEWER);
        as(viewerTwo).get("/api/territories").then()
                .body("items.id", containsInAnyOrder(cd, east, sh)).body("total", equalTo(3));
        // the whole tree from its root; a claim value that is no id widens nothing
        String plannerCn = QuotaInfraResource.scopedToken("carl", List.of(cn, "x,y", "'or'1'='1"), Roles.PLANNER);
        as(plannerCn).get("/api/territories").then()
                .body("items.id", containsInAnyOrder(cn, east, sh, west, cd)).body("total", equalTo(5));

        as(REP_WITHOUT_SCOPE).get("/api/territories").then().statusCode(200)
                .body("items", empty()).body("total", equalTo(0));
    }

    @Test
    void everyIdOutsideTheScopeIs404LikeAMissingOneAndNothingChanges() {
        String missing = uniqueId("GHOST");
        Map<String, Object> missingGet = problem(as(repEast).get("/api/territories/" + missing).then(), 404);
        Map<String, Object> missingSubtree = problem(as(repEast).get("/api/territories/" + missing + "/subtree").then(),
                404);
        Map<String, Object> missingPut = problem(put(plannerEast, missing, 0, rename(missing, null, "REGION", "x")), 404);

        for (String outside : List.of(cn, west, cd)) {
            assertEquals(sameAs(missingGet, missing, outside),
                    problem(as(repEast).get("/api/territories/" + outside).then(), 404));
            assertEquals(sameAs(missingSubtree, missing, outside),
                    problem(as(repEast).get("/api/territories/" + outside + "/subtree").then(), 404));
            assertEquals(sameAs(missingGet, missing, outside),
                    problem(as(plannerEast).get("/api/territories/" + outside).then(), 404));
            String parent = outside.equals(cd) ? west : outside.equals(west) ? cn : null;
            String type = outside.equals(cd) ? "GEOGRAPHIC" : "REGION";
            assertEquals(sameAs(missingPut, missing, outside),
                    problem(put(plannerEast, outside, version(outside), rename(outside, parent, type, "偷改")), 404));
            assertUntouched(outside, 0, 1);
        }
        // a rep without territories has nothing at all
        for (String inside : List.of(east, sh)) {
            assertEquals(sameAs(missingGet, missing, inside),
                    problem(as(REP_WITHOUT_SCOPE).get("/api/territories/" + inside).then(), 404));
            assertEquals(sameAs(missingSubtree, missing, inside),
                    problem(as(REP_WITHOUT_SCOPE).get("/api/territories/" + inside + "/subtree").then(), 404));
        }
        // and inside the scope everything answers
        as(repEast).get("/api/territories/" + sh).then().statusCode(200).body("parentId", equalTo(east));
    }

    @Test
    void aScopedPlannerShapesOnlyItsOwnSubtree() {
        // plants under a region in scope, as itself
        String pd = uniqueId("PD");
        post(plannerEast, territory(pd, east, "SEGMENT", "浦东", null, null)).statusCode(201)
                .body("createdBy", equalTo("paula"));
        as(repEast).get("/api/territories/" + pd).then().statusCode(200);

        // never under a parent outside it (answered like an unknown parent), nor as a new root
        String unknown = uniqueId("NOWHERE");
        Map<String, Object> unknownParent = problem(post(plannerEast,
                territory(uniqueId("N"), unknown, "GEOGRAPHIC", "无", null, null)), 422);
        assertEquals("parentId", unknownParent.get("field"));
        for (String outside : List.of(cn, west)) {
            String id = uniqueId("N");
            assertEquals(sameAs(unknownParent, unknown, outside),
                    problem(post(plannerEast, territory(id, outside, "GEOGRAPHIC", "无", null, null)), 422));
            asAdmin().get("/api/territories/" + id).then().statusCode(404);
        }
        String root = uniqueId("ROOT");
        problem(post(plannerEast, territory(root, null, "REGION", "根", null, null)), 422, "parentId");
        asAdmin().get("/api/territories/" + root).then().statusCode(404);

        // edits inside its scope, the scope's root included
        put(plannerEast, sh, version(sh), rename(sh, east, "GEOGRAPHIC", "上海市")).statusCode(200)
                .body("updatedBy", equalTo("paula"));
        put(plannerEast, east, version(east), rename(east, cn, "REGION", "华东区")).statusCode(200);
        asAdmin().queryParam("entityId", sh).get("/api/audit").then()
                .body("items.actor", containsInAnyOrder("paula", "test-planner"));

        // moves nothing out of its scope, and nothing from under a parent outside it
        int shVersion = version(sh);
        assertEquals(sameAs(unknownParent, unknown, west),
                problem(put(plannerEast, sh, shVersion, rename(sh, west, "GEOGRAPHIC", "上海市")), 422));
        problem(put(plannerEast, sh, shVersion, rename(sh, null, "GEOGRAPHIC", "上海市")), 422, "parentId");
        assertUntouched(sh, shVersion, 2);
        int eastVersion = version(east);
        problem(put(plannerEast, east, eastVersion, rename(east, null, "REGION", "华东区")), 422, "parentId");
        assertEquals(east, asAdmin().get("/api/territories/" + sh).then().extract().path("parentId"));
        asAdmin().get("/api/territories/" + east).then().body("version", equalTo(eastVersion))
                .body("parentId", equalTo(cn));

        // a planner whose scope covers both regions moves between them
        String plannerBoth = QuotaInfraResource.scopedToken("bo", List.of(east, west), Roles.PLANNER);
        put(plannerBoth, sh, shVersion, rename(sh, west, "GEOGRAPHIC", "上海市")).statusCode(200)
                .body("parentId", equalTo(west));
        as(repEast).get("/api/territories/" + sh).then().statusCode(404);
    }

    @Test
    void aScopedAdminReadsTheAuditTrailOfItsScopeOnly() {
        String adminEast = QuotaInfraResource.scopedToken("ada", List.of(east), Roles.ADMIN);
        as(adminEast).get("/api/audit").then().statusCode(200)
                .body("items.entityId", containsInAnyOrder(sh, east)).body("total", equalTo(2));
        as(adminEast).queryParam("entityId", west).get("/api/audit").then()
                .body("items", empty()).body("total", equalTo(0));
        as(adminEast).queryParam("entityId", sh).get("/api/audit").then().body("total", equalTo(1));
        asAdmin().queryParam("entityId", west).get("/api/audit").then().body("total", equalTo(1));
    }

    @Test
    void theActorIsTheTokenSubjectWithinTheColumnWidth() {
        String longest = "u".repeat(255);
        String id = uniqueId("WHO");
        post(QuotaInfraResource.token(longest, Roles.PLANNER), territory(id, east, "GEOGRAPHIC", "谁", null, null))
                .statusCode(201).body("createdBy", equalTo(longest));

        String tooLong = uniqueId("WHO");
        problem(post(QuotaInfraResource.token("u".repeat(256), Roles.PLANNER),
                territory(tooLong, east, "GEOGRAPHIC", "谁", null, null)), 400, "sub");
        asAdmin().get("/api/territories/" + tooLong).then().statusCode(404);
        asAdmin().queryParam("entityId", tooLong).get("/api/audit").then().body("total", equalTo(0));
    }

    /** Every endpoint once, with a body that would be accepted from a planner. */
    private List<Function<RequestSpecification, ValidatableResponse>> everyCall() {
        int shVersion = version(sh);
        List<Function<RequestSpecification, ValidatableResponse>> calls = new ArrayList<>();
        calls.add(r -> r.contentType(ContentType.JSON).body(territory(uniqueId("NEW"), east, "GEOGRAPHIC", "新", null,
                null)).post("/api/territories").then());
        calls.add(r -> r.get("/api/territories").then());
        calls.add(r -> r.get("/api/territories/" + sh).then());
        calls.add(r -> r.get("/api/territories/" + east + "/subtree").then());
        calls.add(r -> r.contentType(ContentType.JSON).header("If-Match", "\"" + shVersion + "\"")
                .body(rename(sh, east, "GEOGRAPHIC", "黑")).put("/api/territories/" + sh).then());
        calls.add(r -> r.get("/api/audit").then());
        return calls;
    }

    private static ValidatableResponse post(String token, Object body) {
        return as(token).contentType(ContentType.JSON).body(body).post("/api/territories").then();
    }

    private static ValidatableResponse put(String token, String id, int version, Object body) {
        return as(token).contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(body)
                .put("/api/territories/" + id).then();
    }

    private static Map<String, Object> rename(String id, String parentId, String type, String nameZh) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("type", type, "nameZh", nameZh, "status", "ACTIVE"));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return body;
    }

    private static int version(String id) {
        return asAdmin().get("/api/territories/" + id).then().statusCode(200).extract().path("version");
    }

    /** The territory is still at its version (0: as created) with its own name, and its audit trail did not grow. */
    private static void assertUntouched(String id, int version, int auditEntries) {
        asAdmin().get("/api/territories/" + id).then().statusCode(200).body("version", equalTo(version))
                .body("nameZh", version == 0 ? equalTo(id) : org.hamcrest.Matchers.notNullValue());
        asAdmin().queryParam("entityId", id).get("/api/audit").then().body("total", equalTo(auditEntries));
    }

    private static Map<String, Object> problem(ValidatableResponse answer, int status) {
        return answer.statusCode(status).contentType("application/problem+json").extract().jsonPath().getMap("$");
    }

    private static Map<String, Object> problem(ValidatableResponse answer, int status, String field) {
        Map<String, Object> problem = problem(answer, status);
        assertEquals(field, problem.get("field"), problem.toString());
        return problem;
    }

    /** The problem a missing id got, as it reads for another id: out of scope must look exactly like that. */
    private static Map<String, Object> sameAs(Map<String, Object> problem, String missingId, String otherId) {
        Map<String, Object> copy = new java.util.HashMap<>(problem);
        copy.replaceAll((k, v) -> v instanceof String s ? s.replace(missingId, otherId) : v);
        return copy;
    }

    private static void forbidden(io.restassured.response.Response answer) {
        forbidden(answer.then());
    }

    private static void forbidden(ValidatableResponse answer) {
        answer.statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }

    private static void unauthorized(ValidatableResponse answer) {
        answer.statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401));
    }

    private static String claims(String issuer, String subject, long iat, long exp) {
        return "{\"iss\":\"" + issuer + "\"," + subject + "\"upn\":\"eve\",\"iat\":" + iat + ",\"exp\":" + exp
                + ",\"groups\":[\"admin\"]}";
    }

    /** The payload swapped for one claiming admin, the signature kept: it no longer matches. */
    private static String tamper(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"viewer\"", "\"admin\"");
        return parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
    }
}
