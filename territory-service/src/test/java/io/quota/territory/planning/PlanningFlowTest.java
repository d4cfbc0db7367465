package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.infra.QuotaInfraResource;
import io.quota.infra.TestTopics;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static io.quota.territory.Callers.asAdmin;
import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.Planning.account;
import static io.quota.territory.Planning.activate;
import static io.quota.territory.Planning.activeModel;
import static io.quota.territory.Planning.addRule;
import static io.quota.territory.Planning.and;
import static io.quota.territory.Planning.createModel;
import static io.quota.territory.Planning.deactivate;
import static io.quota.territory.Planning.ensureCatchAll;
import static io.quota.territory.Planning.history;
import static io.quota.territory.Planning.postAccount;
import static io.quota.territory.Planning.tail;
import static io.quota.territory.Planning.test;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Models, rules and accounts end to end: the rules derive each account's territory in a PLANNING model; activating
 * it on a date makes the suite follow it (history, AccountAssignmentChanged, TerritoryChanged with the summed
 * potential and the model id); conflicts are reported and block an unforced activation.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class PlanningFlowTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void rulesAssignAccountsAndTheActiveModelIsPublished() {
        String province = uniqueId("P");
        String region = uniqueId("R");
        String a = uniqueId("A");
        String b = uniqueId("B");
        String k = uniqueId("K");
        create(region, null, "REGION");
        create(a, region, "GEOGRAPHIC");
        create(b, region, "INDUSTRY");
        create(k, region, "NAMED_ACCOUNTS");
        String acc1 = uniqueId("acc");
        String acc2 = uniqueId("acc");
        String acc3 = uniqueId("acc");

        String model = uniqueId("M");
        String previous = activeModel();
        createModel(model, null).statusCode(201).body("status", equalTo("PLANNING"));
        ensureCatchAll(model);
        addRule(model, "a", a, 1, test("province", province)).statusCode(201)
                .body("rule.condition.attribute", equalTo("province"));
        addRule(model, "b", b, 2, and(test("province", province), test("industry", "K66"))).statusCode(201);
        addRule(model, "k", k, 5, test("accountId", acc3)).statusCode(201);
        postAccount(account(acc1, province, "杭州", "310000", "C27", "1000.00", 10)).statusCode(201);
        postAccount(account(acc2, " " + province.toLowerCase() + " ", "宁波", "315000", "k66", "2000.50", 20))
                .statusCode(201);
        postAccount(account(acc3, province, "宁波", "315000", "K66", "4000.00", 40)).statusCode(201);
        asPlanner().get("/api/assignments/conflicts?modelId=" + model + "&size=500").then().statusCode(200)
                .body("items.accountId", not(hasItem(acc1)));

        activate(model, "2027-01-01", false, null).statusCode(200).body("status", equalTo("ACTIVE"))
                .body("effectiveFrom", equalTo("2027-01-01"));
        if (previous != null) {
            asPlanner().get("/api/territory-models/" + previous).then().body("status", equalTo("ARCHIVED"));
        }
        asPlanner().get("/api/accounts/" + acc1).then().statusCode(200).body("territoryId", equalTo(a))
                .body("assignment", equalTo("ASSIGNED"));
        asPlanner().get("/api/accounts/" + acc2).then().body("territoryId", equalTo(b));
        asPlanner().get("/api/accounts/" + acc3).then().body("territoryId", equalTo(k));
        // (spans before 2027 are another test's ACTIVE model's, if there was one when the accounts were created)
        assertEquals(List.of(new AccountAssignmentChanged.Span(a, LocalDate.parse("2027-01-01"), null)),
                tail(history(acc1), 1));
        asPlanner().get("/api/territories/" + region + "/stats").then().statusCode(200)
                .body("accounts", equalTo(3)).body("potential", equalTo("7000.50")).body("workload", equalTo(70))
                .body("vacant", equalTo(true));
        asPlanner().get("/api/accounts?territoryId=" + b).then().body("items.id", contains(acc2));

        // the activation's event (before it, acc1 may have been a conflict of the shared ACTIVE model: no span)
        AccountAssignmentChanged event = EventJson.read(TestTopics.awaitRecords(bootstrap, Topics.ASSIGNMENTS, 1,
                r -> r.key().equals(acc1) && r.value().contains("\"territoryId\":\"" + a + "\"")).get(0).value(),
                AccountAssignmentChanged.class);
        assertEquals(List.of(new AccountAssignmentChanged.Span(a, LocalDate.parse("2027-01-01"), null)),
                tail(event.history(), 1));
        TerritoryChanged territory = latest(TestTopics.awaitRecords(bootstrap, Topics.TERRITORIES, 2,
                r -> r.key().equals(region)));
        assertEquals(model, territory.modelId());
        assertEquals(new BigDecimal("7000.50"), territory.potential());
        assertEquals(LocalDate.parse("2027-01-01"), territory.effectiveFrom());

        // a planning copy moves acc2 to A (its rule b goes); comparison shows it; activation on a later date
        String next = uniqueId("M");
        createModel(next, null).statusCode(201).body("basedOn", equalTo(model));
        String etag = asPlanner().get("/api/territory-models/" + next).then().extract().header("ETag");
        asPlanner().header("If-Match", "\"999\"").delete("/api/territory-models/" + next + "/rules/b").then()
                .statusCode(412);
        asPlanner().header("If-Match", etag).delete("/api/territory-models/" + next + "/rules/b").then()
                .statusCode(200);
        asPlanner().get("/api/territory-models/" + next + "/comparison").then().statusCode(200)
                .body("modelA", equalTo(model)).body("movedAccounts", equalTo(1))
                .body("moves[0].accountId", equalTo(acc2)).body("moves[0].territoryA", equalTo(b))
                .body("moves[0].territoryB", equalTo(a));
        asPlanner().get("/api/accounts/" + acc2).then().body("territoryId", equalTo(b)); // ACTIVE unchanged
        activate(next, "2027-07-01", false, null).statusCode(200);
        asPlanner().get("/api/territory-models/" + model).then().body("status", equalTo("ARCHIVED"));
        assertEquals(List.of(new AccountAssignmentChanged.Span(b, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-07-01")),
                new AccountAssignmentChanged.Span(a, LocalDate.parse("2027-07-01"), null)), tail(history(acc2), 2));
        List<AccountAssignmentChanged> acc2Events = TestTopics.awaitRecords(bootstrap, Topics.ASSIGNMENTS, 2,
                        r -> r.key().equals(acc2)).stream().sorted(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> EventJson.read(r.value(), AccountAssignmentChanged.class)).toList();
        assertEquals(history(acc2), acc2Events.get(acc2Events.size() - 1).history(), "the whole history, each time");
        assertTrue(asAdmin().get("/api/audit?entityId=" + next).then().extract().jsonPath()
                .getList("items.action").contains("ACTIVATED"));
    }

    @Test
    void conflictsAreReportedAndBlockActivationUnlessForcedWithAReason() throws Exception {
        String province = uniqueId("Q");
        String region = uniqueId("R");
        String x = uniqueId("X");
        String y = uniqueId("Y");
        create(region, null, "REGION");
        create(x, region, "GEOGRAPHIC");
        create(y, region, "GEOGRAPHIC");
        String model = uniqueId("M");
        createModel(model, null).statusCode(201);
        ensureCatchAll(model);
        addRule(model, "x", x, 3, test("province", province)).statusCode(201);
        addRule(model, "y", y, 3, test("city", "重叠市")).statusCode(201);
        String orphan = uniqueId("orphan");
        String overlap = uniqueId("overlap");
        Map<String, Object> abroad = account(orphan, "Tokyo", "Tokyo", "100", null, "10.00", 1);
        abroad.put("country", "JP");
        postAccount(abroad).statusCode(201);
        postAccount(account(overlap, province, "重叠市", null, null, "10.00", 1)).statusCode(201);
        try {
            var conflicts = asPlanner().get("/api/assignments/conflicts?modelId=" + model + "&size=500").then()
                    .statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = conflicts.getList("items");
            Map<String, Object> o = items.stream().filter(i -> i.get("accountId").equals(orphan)).findFirst().orElseThrow();
            assertEquals("ORPHAN", o.get("outcome"));
            Map<String, Object> v = items.stream().filter(i -> i.get("accountId").equals(overlap)).findFirst().orElseThrow();
            assertEquals("OVERLAP", v.get("outcome"));
            assertEquals(List.of(x, y).stream().sorted().toList(), v.get("candidates"));
            asPlanner().get("/api/assignments/conflicts?modelId=" + model + "&type=ORPHAN&size=500").then()
                    .body("items.accountId", hasItem(orphan)).body("items.accountId", not(hasItem(overlap)));
            asPlanner().get("/api/territory-models/" + model).then().body("orphans", org.hamcrest.Matchers.greaterThan(0))
                    .body("overlaps", org.hamcrest.Matchers.greaterThan(0));

            activate(model, null, false, null).statusCode(422).contentType("application/problem+json")
                    .body("field", equalTo("force"));
            activate(model, null, true, "  ").statusCode(422).body("field", equalTo("reason"));
            asPlanner().get("/api/territory-models/" + model).then().body("status", equalTo("PLANNING"));
            activate(model, null, true, "pilot: overlap settled by hand next week").statusCode(200)
                    .body("status", equalTo("ACTIVE")).body("forcedReason", equalTo("pilot: overlap settled by hand next week"));
            asAdmin().get("/api/audit?entityId=" + model).then()
                    .body("items[0].details.reason", equalTo("pilot: overlap settled by hand next week"));
            // the overlap is in no territory: never silently given to one
            asPlanner().get("/api/accounts/" + overlap).then().body("territoryId", nullValue())
                    .body("assignment", equalTo("OVERLAP"));
            // ... and the events say why: the account's conflict, and the overlap counted on the tied territories
            var overlapEvent = EventJson.MAPPER.readTree(TestTopics.awaitRecords(bootstrap, Topics.ASSIGNMENTS, 1,
                    r -> r.key().equals(overlap) && r.value().contains("OVERLAP")).get(0).value());
            assertEquals("OVERLAP", overlapEvent.path("conflict").path("outcome").asText());
            assertEquals(List.of(x, y).stream().sorted().toList(), List.of(
                    overlapEvent.path("conflict").path("candidates").get(0).asText(),
                    overlapEvent.path("conflict").path("candidates").get(1).asText()));
            var orphanEvent = EventJson.MAPPER.readTree(TestTopics.awaitRecords(bootstrap, Topics.ASSIGNMENTS, 1,
                    r -> r.key().equals(orphan) && r.value().contains("ORPHAN")).get(0).value());
            assertEquals("ORPHAN", orphanEvent.path("conflict").path("outcome").asText());
            var tied = TestTopics.awaitRecords(bootstrap, Topics.TERRITORIES, 1,
                    r -> r.key().equals(y) && r.value().contains("\"overlappingAccounts\":1"));
            assertEquals(model, EventJson.read(tied.get(0).value(), TerritoryChanged.class).modelId());
        } finally {
            deactivate(orphan);
            deactivate(overlap);
        }
        asPlanner().get("/api/assignments/conflicts?size=500").then().body("items.accountId", not(hasItem(overlap)));
    }

    private static TerritoryChanged latest(List<ConsumerRecord<String, String>> records) {
        return records.stream().max(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> EventJson.read(r.value(), TerritoryChanged.class)).orElseThrow();
    }
}
