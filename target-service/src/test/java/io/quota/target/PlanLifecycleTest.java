package io.quota.target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventIds;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;
import io.quota.contracts.Topics;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.TargetAllocated;
import io.quota.contracts.events.WorkCalendar;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.quota.target.Callers.asAdmin;
import static io.quota.target.Callers.asApprover;
import static io.quota.target.Callers.asPlanner;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class PlanLifecycleTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    static String plan(String id, String levels) {
        return """
                {"id":"%s","name":"FY2027 revenue","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                 "periodStart":"2027-03-01","periodEnd":"2027-05-31","timeZone":"Asia/Shanghai","total":"300000.00",
                 "levels":%s}""".formatted(id, levels);
    }

    static final String EAST_WEST_BY_MONTH = """
            [{"dimension":"TERRITORY","method":"EQUAL","members":["EAST","WEST"]},
             {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]""";

    @Test
    void aPlanIsDecomposedFromTheReplicaSubmittedApprovedAndPublished() {
        Instant now = Instant.now();
        Infra.publish(bootstrap,
                Infra.territory("CN", null, "REGION", "ACTIVE", now),
                Infra.territory("EAST", "CN", "GEOGRAPHIC", "ACTIVE", now),
                Infra.territory("WEST", "CN", "GEOGRAPHIC", "ACTIVE", now));

        // the replica fills asynchronously: until EAST and WEST are in it the plan is refused (422)
        String id = "FY27-REV";
        // a fiscal year starting in April: PlanPublished carries it, so kpi-service's quarters are the plan's
        String body = plan(id, EAST_WEST_BY_MONTH).replace("\"timeZone\"", "\"fiscalYearStartMonth\":4,\"timeZone\"");
        AtomicReference<ExtractableResponse<Response>> created = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ExtractableResponse<Response> r = asPlanner().contentType(ContentType.JSON).body(body)
                    .post("/api/plans").then().extract();
            if (r.statusCode() != 201) {
                assertEquals(422, r.statusCode(), r.body().asString());
                assertEquals("levels[0].members", r.path("field"));
                return false;
            }
            created.set(r);
            return true;
        });
        ExtractableResponse<Response> first = created.get();
        assertTrue(first.header("Location").endsWith("/api/plans/FY27-REV"), first.header("Location"));
        assertEquals("FY27-REV", first.path("id"));
        assertEquals("300000.00", first.path("total"));
        assertEquals("DRAFT", first.path("versions[0].status"));
        assertEquals(1, (int) first.path("versions[0].version"));
        assertEquals(6, (int) first.path("versions[0].cellCount"));
        assertEquals("300000.00", first.path("versions[0].total"));
        assertEquals(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), first.path("calendar.workingDays"));
        assertEquals("0.90", first.path("driftPolicy.warningBelow"));
        String draftTag = first.header("ETag");

        // cells, in cell-key order
        asPlanner().get("/api/plans/{id}/versions/1/cells", id).then().statusCode(200)
                .body("total", equalTo(6)).body("page", equalTo(0)).body("size", equalTo(50))
                .body("items", hasSize(6))
                .body("items.amount", everyItem(equalTo("50000.00")))
                .body("items[0].cellKey", equalTo("FY27-REV~territory=EAST~2027-03-01..2027-03-31"))
                .body("items[0].members.territory", equalTo("EAST"))
                .body("items[0].periodStart", equalTo("2027-03-01"))
                .body("items[0].periodEnd", equalTo("2027-03-31"))
                .body("items[5].cellKey", equalTo("FY27-REV~territory=WEST~2027-05-01..2027-05-31"));
        asPlanner().queryParam("territory", "EAST").get("/api/plans/{id}/versions/1/cells", id).then().statusCode(200)
                .body("total", equalTo(3)).body("items.members.territory", everyItem(equalTo("EAST")));
        asPlanner().queryParam("page", 1).queryParam("size", 4).get("/api/plans/{id}/versions/1/cells", id).then()
                .statusCode(200).body("total", equalTo(6)).body("items", hasSize(2))
                .body("items[0].cellKey", equalTo("FY27-REV~territory=WEST~2027-04-01..2027-04-30"));

        // roll-ups add up to the total
        asPlanner().queryParam("by", "territory").get("/api/plans/{id}/versions/1/rollup", id).then().statusCode(200)
                .body("total", equalTo("300000.00"))
                .body("items.members.territory", contains("EAST", "WEST"))
                .body("items.amount", contains("150000.00", "150000.00"));
        asPlanner().queryParam("by", "month").get("/api/plans/{id}/versions/1/rollup", id).then().statusCode(200)
                .body("total", equalTo("300000.00"))
                .body("items.members.month", contains("2027-03", "2027-04", "2027-05"))
                .body("items.amount", contains("100000.00", "100000.00", "100000.00"));
        asPlanner().queryParam("by", "territory,month").get("/api/plans/{id}/versions/1/rollup", id).then().statusCode(200)
                .body("total", equalTo("300000.00")).body("items", hasSize(6));

        // ETag: unchanged plan → 304
        asPlanner().header("If-None-Match", draftTag).get("/api/plans/{id}", id).then().statusCode(304);
        asPlanner().get("/api/plans/{id}", id).then().statusCode(200).header("ETag", draftTag)
                .body("versions[0].status", equalTo("DRAFT"));

        // a draft cannot be approved; submit, then approve (a stale If-Match is refused)
        asApprover().post("/api/plans/{id}/versions/1/approve", id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("DRAFT"));
        String submittedTag = asPlanner().header("If-Match", draftTag).post("/api/plans/{id}/versions/1/submit", id)
                .then().statusCode(200).body("versions[0].status", equalTo("SUBMITTED"))
                .body("versions[0].submittedBy", equalTo(Callers.PLANNER_NAME)).extract().header("ETag");
        assertNotEquals(draftTag, submittedTag);
        asApprover().header("If-Match", draftTag).post("/api/plans/{id}/versions/1/approve", id).then().statusCode(412)
                .contentType("application/problem+json").body("field", equalTo("If-Match"));
        asApprover().post("/api/plans/{id}/versions/1/approve", id).then().statusCode(200)
                .body("versions[0].status", equalTo("APPROVED")).body("versions[0].approvedBy", equalTo(Callers.APPROVER_NAME));
        asApprover().post("/api/plans/{id}/versions/1/approve", id).then().statusCode(409)
                .contentType("application/problem+json");
        asPlanner().post("/api/plans/{id}/versions/1/submit", id).then().statusCode(409);

        // the outbox published one PlanPublished and one TargetAllocated per cell
        List<ConsumerRecord<String, String>> plans = Infra.read(bootstrap, Topics.PLANS, 1, r -> id.equals(r.key()));
        assertEquals(1, plans.size());
        assertEquals("quota.PlanPublished.v1", Infra.header(plans.get(0), "ce_type"));
        PlanPublished header = EventJson.read(plans.get(0).value(), PlanPublished.class);
        assertEquals(EventIds.derive("PlanPublished", id, "1"), header.eventId());
        assertEquals(1, header.version());
        assertEquals("FY2027 revenue", header.name());
        assertEquals(Metric.REVENUE, header.metric());
        assertEquals("CNY", header.unit());
        assertEquals(LocalDate.parse("2027-03-01"), header.periodStart());
        assertEquals(LocalDate.parse("2027-05-31"), header.periodEnd());
        assertEquals("Asia/Shanghai", header.timeZone());
        assertEquals(WorkCalendar.mondayToFriday(), header.calendar());
        assertEquals(DriftPolicy.defaults(), header.driftPolicy());
        assertEquals(6, header.cellCount());
        assertEquals(new BigDecimal("300000.00"), header.total());
        assertEquals(4, header.fiscalYearStartMonth());

        List<ConsumerRecord<String, String>> targets = Infra.read(bootstrap, Topics.TARGETS, 6,
                r -> r.key() != null && r.key().startsWith(id + "~"));
        assertEquals(6, targets.size());
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> keys = new HashSet<>();
        for (ConsumerRecord<String, String> r : targets) {
            assertEquals("quota.TargetAllocated.v1", Infra.header(r, "ce_type"));
            TargetAllocated cell = EventJson.read(r.value(), TargetAllocated.class);
            assertEquals(r.key(), cell.cellKey());
            assertEquals(EventIds.derive("TargetAllocated", id, "1", cell.cellKey()), cell.eventId());
            assertEquals(id, cell.planId());
            assertEquals(1, cell.version());
            assertEquals("CNY", cell.unit());
            assertEquals(new BigDecimal("50000.00"), cell.amount());
            assertEquals(id, NodeKey.parse(cell.cellKey()).planId());
            keys.add(cell.cellKey());
            sum = sum.add(cell.amount());
        }
        assertEquals(6, keys.size());
        assertEquals(new BigDecimal("300000.00"), sum);

        // who did what
        asAdmin().get("/api/plans/{id}/audit", id).then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.action", contains("PLAN_CREATED", "VERSION_SUBMITTED", "VERSION_APPROVED"))
                .body("items.actor", contains(Callers.PLANNER_NAME, Callers.PLANNER_NAME, Callers.APPROVER_NAME));
    }

    @Test
    void anIdempotencyKeyRepeatReturnsTheFirstResult() throws Exception {
        Infra.replicate(bootstrap, ds, Infra.territory("IDEM-A", null, "GEOGRAPHIC", "ACTIVE", Instant.now()));
        String body = """
                {"name":"Visits","taskType":"ACCOUNT_MAINTENANCE","metric":"VISITS","unit":"COUNT",
                 "periodStart":"2027-01-01","periodEnd":"2027-12-31","timeZone":"UTC","total":"1000",
                 "levels":[{"dimension":"TIME","granularity":"MONTH","method":"EQUAL"},
                           {"dimension":"TERRITORY","method":"EQUAL","members":["IDEM-A"]}]}""";
        String key = "idem-" + System.nanoTime();
        ExtractableResponse<Response> first = asPlanner().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).post("/api/plans").then().statusCode(201).extract();
        String id = first.path("id");
        assertTrue(NodeKey.ID.matcher(id).matches(), "a generated id is a valid id: " + id);
        asPlanner().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/plans")
                .then().statusCode(201).header("Location", endsWith("/api/plans/" + id))
                .header("Idempotency-Replayed", "true").body("id", equalTo(id));
        asPlanner().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("1000", "2000"))
                .post("/api/plans").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("Idempotency-Key"));
        assertEquals(1, Infra.count(ds, "select count(*) from plans where name = 'Visits' and id = ?", id));
        // 12 months, the 4 left-over visits to the first months
        asPlanner().queryParam("by", "month").get("/api/plans/{id}/versions/1/rollup", id).then().statusCode(200)
                .body("total", equalTo("1000")).body("items", hasSize(12))
                .body("items.amount", contains("84", "84", "84", "84", "83", "83", "83", "83", "83", "83", "83", "83"));
        // without a key, the same body is another plan
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(201)
                .body("id", not(equalTo(id)));
        asPlanner().queryParam("size", 500).get("/api/plans").then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(id));
    }

    @Test
    void aDuplicatePlanIdIsAConflict() throws Exception {
        Infra.replicate(bootstrap, ds, Infra.territory("DUP-A", null, "SEGMENT", "ACTIVE", Instant.now()));
        String body = plan("DUP-PLAN", """
                [{"dimension":"TERRITORY","method":"EQUAL","members":["DUP-A"]},
                 {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]""");
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(201);
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("DUP-PLAN"));
    }

    @Test
    void equalWithoutMembersTakesEveryActiveLeafOfTheReplica() throws Exception {
        Instant now = Instant.now();
        Infra.replicate(bootstrap, ds,
                Infra.territory("ALL-REGION", null, "REGION", "ACTIVE", now),
                Infra.territory("ALL-A", "ALL-REGION", "GEOGRAPHIC", "ACTIVE", now),
                Infra.territory("ALL-OLD", "ALL-REGION", "GEOGRAPHIC", "ARCHIVED", now));
        ExtractableResponse<Response> r = asPlanner().contentType(ContentType.JSON).body(plan("ALL-LEAVES", """
                        [{"dimension":"TERRITORY","method":"EQUAL"},
                         {"dimension":"TIME","granularity":"MONTH","method":"WEIGHTS",
                          "weights":{"2027-03":"1","2027-04":"1","2027-05":"2"}}]"""))
                .post("/api/plans").then().statusCode(201).extract();
        List<String> members = r.path("levels[0].members");
        long carrying = Infra.count(ds, "select count(*) from territories where status = 'ACTIVE' and type <> 'REGION'");
        assertEquals(carrying, members.size());
        assertTrue(members.contains("ALL-A"));
        assertTrue(!members.contains("ALL-REGION") && !members.contains("ALL-OLD"), members.toString());
        assertEquals(members.size() * 3, (int) r.path("versions[0].cellCount"));
        // each territory's share is split 1:1:2 by month, so a month is within a cent per territory of its share
        List<String> months = asPlanner().queryParam("by", "month").get("/api/plans/ALL-LEAVES/versions/1/rollup").then()
                .statusCode(200).body("total", equalTo("300000.00")).extract().path("items.amount");
        List<BigDecimal> expected = List.of(new BigDecimal("75000"), new BigDecimal("75000"), new BigDecimal("150000"));
        BigDecimal tolerance = new BigDecimal("0.01").multiply(BigDecimal.valueOf(members.size()));
        for (int i = 0; i < 3; i++) {
            assertTrue(new BigDecimal(months.get(i)).subtract(expected.get(i)).abs().compareTo(tolerance) <= 0,
                    months.toString());
        }
    }
}
