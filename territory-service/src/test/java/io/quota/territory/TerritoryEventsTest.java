package io.quota.territory;

import io.quota.infra.TestTopics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.messaging.IncomingEvents;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.TestData.post;
import static io.quota.territory.TestData.territory;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every create and update reaches quota.territories.v1 through the outbox, keyed by territory id. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class TerritoryEventsTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void createsAndUpdatesArePublishedAsTerritoryChanged() {
        String activeModel = Planning.activeModel(); // null until a territory model is activated
        String cn = uniqueId("CN");
        String east = uniqueId("EAST");
        post(territory(cn, null, "REGION", "中国", "China", null)).statusCode(201);
        int v0 = post(territory(east, cn, "GEOGRAPHIC", "华东", "East China", "88000000.00")).statusCode(201)
                .extract().path("version");
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"" + v0 + "\"")
                .body(Map.of("parentId", cn, "type", "GEOGRAPHIC", "nameZh", "华东", "nameEn", "East China",
                        "potential", "90000000.00", "status", "ARCHIVED"))
                .put("/api/territories/" + east).then().statusCode(200);

        Set<String> ours = Set.of(cn, east);
        TestTopics.awaitRecords(bootstrap, Topics.TERRITORIES, 3, r -> ours.contains(r.key()));
        List<ConsumerRecord<String, String>> records = TestTopics.readToEnd(bootstrap, Topics.TERRITORIES,
                r -> ours.contains(r.key()));
        assertEquals(3, records.size(), "one event per change, no more");
        for (ConsumerRecord<String, String> r : records) {
            assertEquals("quota.TerritoryChanged.v1", IncomingEvents.header(r, "ce_type"));
            assertEquals("quota/territory-service", IncomingEvents.header(r, "ce_source"));
            TerritoryChanged event = EventJson.read(r.value(), TerritoryChanged.class); // validates the schema too
            assertEquals(r.key(), event.territoryId());
            assertEquals(event.eventId().toString(), IncomingEvents.header(r, "ce_id"));
            assertEquals(1, event.schemaVersion());
            assertEquals(activeModel, event.modelId());
            assertNull(event.effectiveTo());
            assertEquals(LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC), event.effectiveFrom());
        }
        assertEquals(3, records.stream().map(r -> IncomingEvents.header(r, "ce_id")).distinct().count());

        TerritoryChanged root = read(records.stream().filter(r -> r.key().equals(cn)).findFirst().orElseThrow());
        assertNull(root.parentId());
        assertEquals("REGION", root.type());
        assertEquals("中国", root.nameZh());
        assertNull(root.potential());

        // one key lands on one partition, so its events keep their order there
        List<TerritoryChanged> eastEvents = records.stream().filter(r -> r.key().equals(east))
                .sorted(Comparator.comparingLong(ConsumerRecord::offset)).map(TerritoryEventsTest::read)
                .collect(Collectors.toList());
        assertEquals(2, eastEvents.size());
        TerritoryChanged created = eastEvents.get(0);
        assertEquals(cn, created.parentId());
        assertEquals("GEOGRAPHIC", created.type());
        assertEquals("ACTIVE", created.status());
        assertEquals("East China", created.nameEn());
        assertEquals(new BigDecimal("88000000.00"), created.potential());
        TerritoryChanged archived = eastEvents.get(1);
        assertEquals("ARCHIVED", archived.status());
        assertEquals(new BigDecimal("90000000.00"), archived.potential());
        assertTrue(!archived.occurredAt().isBefore(created.occurredAt()));
    }

    @Test
    void refusedAndEmptyChangesPublishNothing() {
        String cn = uniqueId("CN");
        String marker = uniqueId("MARK");
        int version = post(territory(cn, null, "REGION", "中国", null, null)).statusCode(201).extract().path("version");
        String bad = uniqueId("BAD");
        post(territory(bad, cn, "GEOGRAPHIC", null, null, null)).statusCode(422);
        post(territory(cn, null, "REGION", "中国", null, null)).statusCode(409);
        Map<String, Object> sameState = Map.of("type", "REGION", "nameZh", "中国", "status", "ACTIVE");
        Map<String, Object> archive = Map.of("type", "REGION", "nameZh", "中国", "status", "ARCHIVED");
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"").body(sameState)
                .put("/api/territories/" + cn).then().statusCode(200).body("version", equalTo(version));
        asPlanner().contentType(ContentType.JSON).header("If-Match", "\"" + (version + 1) + "\"").body(archive)
                .put("/api/territories/" + cn).then().statusCode(412);
        // the relay publishes in outbox order: once the marker is out, anything written before it is out too
        post(territory(marker, null, "REGION", "标记", null, null)).statusCode(201);
        TestTopics.awaitRecords(bootstrap, Topics.TERRITORIES, 1, r -> r.key().equals(marker));
        List<ConsumerRecord<String, String>> all = TestTopics.readToEnd(bootstrap, Topics.TERRITORIES,
                r -> r.key().equals(marker) || r.key().equals(cn) || r.key().equals(bad));
        assertEquals(2, all.size(), "only the two creations were published");
        assertEquals(Set.of(cn, marker), all.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
        assertEquals("ACTIVE", read(all.stream().filter(r -> r.key().equals(cn)).findFirst().orElseThrow()).status());
    }

    private static TerritoryChanged read(ConsumerRecord<String, String> r) {
        return EventJson.read(r.value(), TerritoryChanged.class);
    }
}
