package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.infra.QuotaInfraResource;
import io.quota.infra.TestTopics;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reps, PRIMARY / OVERLAY assignments with effective dates, covers for leave, history kept and published. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class RepAssignmentTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    static ValidatableResponse rep(String id, int capacity) {
        return asPlanner().contentType(ContentType.JSON)
                .body(Map.of("id", id, "nameZh", "代表" + id, "nameEn", "Rep " + id, "capacity", capacity))
                .post("/api/reps").then();
    }

    static ValidatableResponse assign(String rep, String territory, String role, String from, String to, String coverFor) {
        Map<String, Object> body = new HashMap<>();
        body.put("territoryId", territory);
        body.put("role", role);
        body.put("effectiveFrom", from);
        body.put("effectiveTo", to);
        body.put("coverFor", coverFor);
        body.values().removeIf(java.util.Objects::isNull);
        return asPlanner().contentType(ContentType.JSON).body(body).post("/api/reps/" + rep + "/assignments").then();
    }

    @Test
    void primaryOverlayAndCoverKeepTheHistoryAndPublishIt() {
        String region = uniqueId("R");
        String east = uniqueId("E");
        create(region, null, "REGION");
        create(east, region, "GEOGRAPHIC");
        String alice = uniqueId("alice");
        String bob = uniqueId("bob");
        String carol = uniqueId("carol");
        rep(alice, 300).statusCode(201).body("capacity", equalTo(300));
        rep(bob, 200).statusCode(201);
        rep(carol, 100).statusCode(201);

        assign(alice, east, "PRIMARY", "2020-01-01", null, null).statusCode(201)
                .body("assignments", hasSize(1));
        // a second PRIMARY over the same dates: 409 naming the field, nothing recorded
        assign(bob, east, "PRIMARY", "2020-06-01", null, null).statusCode(409)
                .contentType("application/problem+json").body("field", equalTo("effectiveFrom"));
        asPlanner().get("/api/reps/" + bob + "/assignments").then().body("assignments", hasSize(0));
        assign(carol, east, "OVERLAY", "2020-01-01", null, null).statusCode(201);
        // bob covers alice's leave: her history has a gap, his has the cover
        assign(bob, east, "PRIMARY", "2026-03-01", "2026-04-01", alice).statusCode(201);
        asPlanner().get("/api/reps/" + alice + "/assignments").then().statusCode(200)
                .body("assignments", hasSize(1)) // her record is untouched
                .body("assignments[0].effectiveTo", equalTo(null))
                .body("history.from", contains("2020-01-01", "2026-04-01"))
                .body("history.to", contains("2026-03-01", null));
        // a second cover at the same time
        assign(carol, east, "PRIMARY", "2026-03-15", "2026-05-01", alice).statusCode(409)
                .body("field", equalTo("effectiveFrom"));

        List<RepAssignmentChanged> events = TestTopics.awaitRecords(bootstrap, Topics.REP_ASSIGNMENTS, 2,
                        r -> r.key().equals(alice)).stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> EventJson.read(r.value(), RepAssignmentChanged.class)).toList();
        RepAssignmentChanged latest = events.get(events.size() - 1);
        assertEquals(List.of(
                new RepAssignmentChanged.Span(east, RepAssignmentChanged.Role.PRIMARY, LocalDate.parse("2020-01-01"),
                        LocalDate.parse("2026-03-01")),
                new RepAssignmentChanged.Span(east, RepAssignmentChanged.Role.PRIMARY, LocalDate.parse("2026-04-01"),
                        null)), latest.history());
        RepAssignmentChanged bobs = EventJson.read(TestTopics.awaitRecords(bootstrap, Topics.REP_ASSIGNMENTS, 1,
                r -> r.key().equals(bob)).get(0).value(), RepAssignmentChanged.class);
        assertEquals(LocalDate.parse("2026-03-01"), bobs.history().get(0).effectiveFrom());

        // ending alice's assignment: once, and not inside the cover
        long id = asPlanner().get("/api/reps/" + alice + "/assignments").then().extract().jsonPath()
                .getLong("assignments[0].id");
        asPlanner().contentType(ContentType.JSON).body(Map.of("effectiveTo", "2026-03-10"))
                .post("/api/reps/" + alice + "/assignments/" + id + "/end").then().statusCode(409)
                .body("field", equalTo("effectiveTo"));
        asPlanner().contentType(ContentType.JSON).body(Map.of("effectiveTo", "2099-01-01"))
                .post("/api/reps/" + alice + "/assignments/" + id + "/end").then().statusCode(200)
                .body("assignments[0].effectiveTo", equalTo("2099-01-01"));
        asPlanner().contentType(ContentType.JSON).body(Map.of("effectiveTo", "2099-06-01"))
                .post("/api/reps/" + alice + "/assignments/" + id + "/end").then().statusCode(409);

        // stats: today alice is PRIMARY with capacity 300 and carol OVERLAY
        asPlanner().get("/api/territories/" + east + "/stats").then().statusCode(200)
                .body("primaryReps", equalTo(1)).body("capacity", equalTo(300)).body("vacant", equalTo(false))
                .body("reps.repId", org.hamcrest.Matchers.containsInAnyOrder(alice, carol));
        asPlanner().get("/api/territory-rankings?by=workloadPerRep&parentId=" + region).then().statusCode(200)
                .body("items.territoryId", contains(east));
    }

    @Test
    void badAssignmentsAreRefusedNamingTheField() {
        String region = uniqueId("R");
        String leaf = uniqueId("L");
        create(region, null, "REGION");
        create(leaf, region, "GEOGRAPHIC");
        String rep = uniqueId("rep");
        rep(rep, 10).statusCode(201);
        assign(rep, leaf, "PRIMARY", "2027-05-01", "2027-04-01", null).statusCode(422).body("field", equalTo("effectiveTo"));
        assign(rep, leaf, "PRIMARY", "1900-01-01", null, null).statusCode(400).body("field", equalTo("effectiveFrom"));
        assign(rep, uniqueId("nowhere"), "PRIMARY", "2027-01-01", null, null).statusCode(422)
                .body("field", equalTo("territoryId"));
        assign(rep, leaf, "BOSS", "2027-01-01", null, null).statusCode(400).body("field", equalTo("role"));
        assign(rep, leaf, "PRIMARY", "2027-01-01", "2027-02-01", uniqueId("ghost")).statusCode(422)
                .body("field", equalTo("coverFor"));
        asPlanner().contentType(ContentType.JSON).body(Map.of("id", uniqueId("r"), "nameZh", "x", "capacity", -1))
                .post("/api/reps").then().statusCode(400).body("field", equalTo("capacity"));
        asPlanner().get("/api/reps/" + rep + "/assignments").then().body("assignments", hasSize(0));
    }
}
