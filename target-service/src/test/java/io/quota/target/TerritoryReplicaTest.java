package io.quota.target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.Topics;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.quota.target.Callers.asPlanner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replica of quota.territories.v1: latest state wins, each event applied once, poison to the .dlq. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class TerritoryReplicaTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndLaterEventsStillApply() throws Exception {
        String poison = "not json " + UUID.randomUUID();
        Infra.publishRaw(bootstrap, Topics.TERRITORIES, "POISON", poison);
        // valid JSON that breaks the schema: an unknown status
        String broken = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2027-01-01T00:00:00Z\","
                + "\"schemaVersion\":1,\"territoryId\":\"BROKEN\",\"type\":\"GEOGRAPHIC\",\"status\":\"DELETED\"}";
        Infra.publishRaw(bootstrap, Topics.TERRITORIES, "BROKEN", broken);
        TerritoryChanged after = Infra.territory("AFTER-POISON", null, "GEOGRAPHIC", "ACTIVE", Instant.now());
        Infra.publish(bootstrap, after);

        List<ConsumerRecord<String, String>> dead = Infra.read(bootstrap, Topics.dlq(Topics.TERRITORIES), 2,
                r -> poison.equals(r.value()) || broken.equals(r.value()));
        assertEquals(2, dead.size());
        for (ConsumerRecord<String, String> r : dead) {
            String reason = Infra.header(r, "dead-letter-reason");
            assertTrue(reason != null && (r.value().equals(poison) ? reason.contains("not JSON")
                    : reason.contains("schema")), reason);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> Infra.processed(ds, after.eventId()));
        assertEquals("ACTIVE", Infra.text(ds, "select status from territories where territory_id = ?", "AFTER-POISON"));
        assertEquals(0, Infra.count(ds, "select count(*) from territories where territory_id = 'BROKEN'"));
    }

    @Test
    void theLatestStateWinsAndARedeliveryHasNoSecondEffect() throws Exception {
        Instant t = Instant.parse("2027-01-10T00:00:00Z");
        TerritoryChanged active = Infra.territory("LATEST", null, "GEOGRAPHIC", "ACTIVE", t);
        TerritoryChanged olderArchived = Infra.territory("LATEST", null, "GEOGRAPHIC", "ARCHIVED", t.minusSeconds(60));
        Infra.replicate(bootstrap, ds, active, olderArchived);
        assertEquals("ACTIVE", Infra.text(ds, "select status from territories where territory_id = 'LATEST'"),
                "a state older than the one held does not overwrite it");

        TerritoryChanged archived = Infra.territory("LATEST", null, "GEOGRAPHIC", "ARCHIVED", t.plusSeconds(60));
        Infra.replicate(bootstrap, ds, archived);
        assertEquals("ARCHIVED", Infra.text(ds, "select status from territories where territory_id = 'LATEST'"));

        // the ACTIVE event delivered again (at-least-once transport) changes nothing; a marker on the same key
        // (so the same partition, consumed after it) shows the consumer went past it
        Infra.publish(bootstrap, active);
        TerritoryChanged marker = Infra.territory("LATEST", null, "GEOGRAPHIC", "ARCHIVED", t.plusSeconds(60));
        Infra.replicate(bootstrap, ds, marker);
        assertEquals(1, Infra.count(ds, "select count(*) from inbox where event_id = ?", active.eventId()));
        assertEquals("ARCHIVED", Infra.text(ds, "select status from territories where territory_id = 'LATEST'"));
        assertEquals(marker.eventId().toString(),
                Infra.text(ds, "select event_id::text from territories where territory_id = 'LATEST'"));

        // and an archived territory can no longer carry a target
        asPlanner().contentType(ContentType.JSON).body(PlanLifecycleTest.plan("LATEST-PLAN", """
                        [{"dimension":"TERRITORY","method":"EQUAL","members":["LATEST"]},
                         {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]"""))
                .post("/api/plans").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("levels[0].members")).body("detail", containsString("not ACTIVE"));
    }
}
