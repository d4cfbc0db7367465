package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.infra.TestTopics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.Planning.account;
import static io.quota.territory.Planning.activate;
import static io.quota.territory.Planning.and;
import static io.quota.territory.Planning.ensureCatchAll;
import static io.quota.territory.Planning.history;
import static io.quota.territory.Planning.addRule;
import static io.quota.territory.Planning.createModel;
import static io.quota.territory.Planning.postAccount;
import static io.quota.territory.Planning.tail;
import static io.quota.territory.Planning.test;
import static io.quota.territory.TestData.create;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A region whose cities are unevenly spread gets a proposal that evens them out, applied as rules to the model. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class BalancingApiTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aCityProposalCutsTheSpreadAndApplyingItMovesTheCities() {
        String province = uniqueId("BP");
        String[] leaves = regionWithTwoLeaves();
        String region = leaves[0];
        String big = leaves[1];
        String small = leaves[2];
        String model = uniqueId("M");
        createModel(model, null).statusCode(201);
        addRule(model, "big", big, 1, test("province", province)).statusCode(201);
        addRule(model, "small", small, 2, test("city", province + "-C9")).statusCode(201);
        // BIG holds cities C0..C3 (4 accounts each, 100.00 apiece), SMALL city C9 (1 account)
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < 4; i++) {
                postAccount(account(uniqueId("ba"), province, province + "-C" + c, null, null, "100.00", 10)).statusCode(201);
            }
        }
        postAccount(account(uniqueId("ba"), province, province + "-C9", null, null, "100.00", 10)).statusCode(201);

        Map<String, Object> options = new HashMap<>();
        options.put("modelId", model);
        options.put("unit", "CITY");
        options.put("maxMovedAccounts", 100);
        options.put("tolerance", "0.05");
        options.put("lockedUnits", java.util.List.of("city:" + province + "-C0"));
        JsonPath p = asPlanner().contentType(ContentType.JSON).body(options)
                .post("/api/territories/" + region + "/balancing-proposals").then().statusCode(201)
                .body("status", equalTo("PROPOSED")).extract().jsonPath();
        String id = p.getString("id");
        assertTrue(p.getDouble("potentialPerRep.after.coefficientOfVariation")
                < p.getDouble("potentialPerRep.before.coefficientOfVariation"));
        assertEquals(16.0 / 1.0, p.getDouble("potentialPerRep.before.maxMinRatio"), 1e-9);
        int moved = p.getInt("movedAccounts");
        assertEquals(8, moved, "two cities of four accounts: 8/9 against 9/8... the best whole-city split");
        assertTrue(p.getList("moves.value").stream().noneMatch(v -> v.equals(province + "-C0")), "C0 is locked");

        asPlanner().contentType(ContentType.JSON).body(Map.of())
                .post("/api/territories/" + region + "/balancing-proposals/" + id + "/apply").then().statusCode(200)
                .body("proposal.status", equalTo("APPLIED")).body("model.status", equalTo("PLANNING"));
        asPlanner().get("/api/territories/" + small + "/stats?modelId=" + model).then()
                .body("accounts", equalTo(9));
        asPlanner().get("/api/territories/" + big + "/stats?modelId=" + model).then()
                .body("accounts", equalTo(8));
        // applied once only
        asPlanner().contentType(ContentType.JSON).body(Map.of())
                .post("/api/territories/" + region + "/balancing-proposals/" + id + "/apply").then().statusCode(409);
        // a leaf is not a region; a proposal needs a PLANNING model
        options.put("modelId", model);
        asPlanner().contentType(ContentType.JSON).body(options)
                .post("/api/territories/" + big + "/balancing-proposals").then().statusCode(422)
                .body("field", equalTo("regionId"));
        options.put("tolerance", "2");
        asPlanner().contentType(ContentType.JSON).body(options)
                .post("/api/territories/" + region + "/balancing-proposals").then().statusCode(400)
                .body("field", equalTo("tolerance"));
    }

    /**
     * Balancing by postal prefix moves whole prefixes; applied with an effective date it activates the model on that
     * date: the accounts' histories keep the old territory until the day before and hold the new one from it, the
     * events say so, and the workload moves as the proposal said.
     */
    @Test
    void aPostalPrefixProposalMovesWholePrefixesAndAppliedOnADateTheOldAssignmentHoldsUntilThen() {
        String province = uniqueId("PP");
        String[] leaves = regionWithTwoLeaves();
        String region = leaves[0];
        String big = leaves[1];
        String small = leaves[2];
        String current = uniqueId("M");
        createModel(current, null).statusCode(201);
        ensureCatchAll(current);
        addRule(current, "pp-big", big, 1, test("province", province)).statusCode(201);
        addRule(current, "pp-small", small, 2, and(test("province", province), test("postalPrefix", "719"))).statusCode(201);
        // BIG holds postal prefixes 710..713 (4 accounts each, 100.00 and 10 visits apiece), SMALL prefix 719 (1)
        Map<String, String> prefixOf = new HashMap<>();
        for (int p = 0; p < 4; p++) {
            for (int i = 0; i < 4; i++) {
                String id = uniqueId("pa");
                prefixOf.put(id, "71" + p);
                postAccount(account(id, province, "某市", "71" + p + "00" + i, null, "100.00", 10)).statusCode(201);
            }
        }
        String alone = uniqueId("pa");
        prefixOf.put(alone, "719");
        postAccount(account(alone, province, "某市", "719001", null, "100.00", 10)).statusCode(201);
        activate(current, "2031-01-01", true, "test: other tests' accounts may be in conflict").statusCode(200);
        asPlanner().get("/api/territories/" + big + "/stats").then().body("accounts", equalTo(16))
                .body("workload", equalTo(160));
        asPlanner().get("/api/territories/" + small + "/stats").then().body("workload", equalTo(10));

        String model = uniqueId("M");
        createModel(model, null).statusCode(201);
        Map<String, Object> options = new HashMap<>();
        options.put("modelId", model);
        options.put("unit", "POSTAL_PREFIX");
        options.put("postalPrefixLength", 3);
        options.put("maxMovedAccounts", 100);
        options.put("tolerance", "0.05");
        options.put("lockedUnits", List.of("postal:710"));
        JsonPath p = asPlanner().contentType(ContentType.JSON).body(options)
                .post("/api/territories/" + region + "/balancing-proposals").then().statusCode(201)
                .body("options.unit", equalTo("POSTAL_PREFIX")).extract().jsonPath();
        assertEquals(8, p.getInt("movedAccounts"), "two whole prefixes of four accounts: 8 against 9");
        List<Map<String, Object>> moves = p.getList("moves");
        assertEquals(2, moves.size());
        for (Map<String, Object> move : moves) {
            assertEquals("postalPrefix", move.get("attribute"));
            String prefix = (String) move.get("value");
            assertNotEquals("710", prefix, "710 is locked");
            assertEquals(big, move.get("fromTerritoryId"));
            assertEquals(small, move.get("toTerritoryId"));
            // the whole prefix: every account of it, and none of another
            assertEquals(prefixOf.entrySet().stream().filter(e -> e.getValue().equals(prefix)).map(Map.Entry::getKey)
                    .sorted().toList(), ((List<?>) move.get("accountIds")).stream().sorted().toList());
        }
        // workload per rep (no reps: per territory) 160 / 10 before, 80 / 90 after
        assertEquals(16.0, p.getDouble("workloadPerRep.before.maxMinRatio"), 1e-9);
        assertEquals(1.125, p.getDouble("workloadPerRep.after.maxMinRatio"), 1e-9);
        assertEquals(0.8824, p.getDouble("workloadPerRep.before.coefficientOfVariation"), 1e-4);
        assertEquals(0.0588, p.getDouble("workloadPerRep.after.coefficientOfVariation"), 1e-4);
        assertEquals(1.125, p.getDouble("potentialPerRep.after.maxMinRatio"), 1e-9);
        assertEquals(List.of(160, 10), List.of(workloadOf(p, "before", big), workloadOf(p, "before", small)));
        assertEquals(List.of(80, 90), List.of(workloadOf(p, "after", big), workloadOf(p, "after", small)));

        String moved = (String) ((List<?>) moves.get(0).get("accountIds")).get(0);
        String stayed = prefixOf.entrySet().stream().filter(e -> e.getValue().equals("710")).findFirst().orElseThrow().getKey();
        Map<String, Object> apply = new HashMap<>();
        apply.put("activateOn", "2031-07-01");
        apply.put("force", true);
        apply.put("reason", "test: other tests' accounts may be in conflict");
        asPlanner().contentType(ContentType.JSON).body(apply)
                .post("/api/territories/" + region + "/balancing-proposals/" + p.getString("id") + "/apply").then()
                .statusCode(200).body("proposal.status", equalTo("APPLIED")).body("model.status", equalTo("ACTIVE"))
                .body("model.effectiveFrom", equalTo("2031-07-01"));
        // before the date the old territory, from it the new one; an account that stayed keeps one open span (spans
        // before 2031 are the shared ACTIVE model's of other tests, if there was one when the accounts were created)
        List<AccountAssignmentChanged.Span> expected = List.of(
                new AccountAssignmentChanged.Span(big, LocalDate.parse("2031-01-01"), LocalDate.parse("2031-07-01")),
                new AccountAssignmentChanged.Span(small, LocalDate.parse("2031-07-01"), null));
        assertEquals(expected, tail(history(moved), 2));
        assertEquals(List.of(new AccountAssignmentChanged.Span(big, LocalDate.parse("2031-01-01"), null)),
                tail(history(stayed), 1));
        AccountAssignmentChanged event = TestTopics.awaitRecords(bootstrap, Topics.ASSIGNMENTS, 1,
                        r -> r.key().equals(moved) && r.value().contains(small)).stream()
                .max(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> EventJson.read(r.value(), AccountAssignmentChanged.class)).orElseThrow();
        assertEquals(expected, tail(event.history(), 2));
        TerritoryChanged smallEvent = TestTopics.awaitRecords(bootstrap, Topics.TERRITORIES, 1,
                        r -> r.key().equals(small) && r.value().contains("2031-07-01")).stream()
                .max(Comparator.comparingLong(ConsumerRecord::offset))
                .map(r -> EventJson.read(r.value(), TerritoryChanged.class)).orElseThrow();
        assertEquals(model, smallEvent.modelId());
        assertEquals(new BigDecimal("900.00"), smallEvent.potential());
        // the workload moved as proposed
        asPlanner().get("/api/territories/" + big + "/stats").then().body("accounts", equalTo(8)).body("workload", equalTo(80));
        asPlanner().get("/api/territories/" + small + "/stats").then().body("accounts", equalTo(9)).body("workload", equalTo(90));
    }

    /** A new region with two leaves: {region, big, small}. */
    private static String[] regionWithTwoLeaves() {
        String[] ids = {uniqueId("R"), uniqueId("BIG"), uniqueId("SMALL")};
        create(ids[0], null, "REGION");
        create(ids[1], ids[0], "GEOGRAPHIC");
        create(ids[2], ids[0], "GEOGRAPHIC");
        return ids;
    }

    private static int workloadOf(JsonPath proposal, String when, String territory) {
        return proposal.getInt(when + ".find { it.territoryId == '" + territory + "' }.workload");
    }
}
