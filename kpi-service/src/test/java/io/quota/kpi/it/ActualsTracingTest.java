package io.quota.kpi.it;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.contracts.Topics;
import io.quota.contracts.events.ActualRecorded;
import io.quota.infra.QuotaInfraResource;
import io.quota.kpi.domain.BatchTotals.Touched;
import io.quota.kpi.persistence.DriftStateRepository;
import io.quota.kpi.persistence.IngestRepository;
import io.quota.platform.tracing.Traces;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.quota.kpi.it.Callers.asIngest;
import static io.quota.kpi.it.Callers.asViewer;
import static io.quota.kpi.it.Events.send;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One trace from POST /api/actuals through quota.actuals.v1 to the drift mark the actual leaves (issue 8). */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_kpi"))
class ActualsTracingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + TRACE + "-00f067aa0ba902b7-01";
    private static final String OTHER = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Inject
    AgroalDataSource ds;
    @Inject
    IngestRepository ingest;
    @Inject
    DriftStateRepository drifts;
    @Inject
    UserTransaction transaction;

    @Test
    void postedActualsGoOutInTheCallersTrace() {
        String eventId = UUID.randomUUID().toString();
        asIngest().contentType(ContentType.JSON).header("Idempotency-Key", "traced-post")
                .header(Traces.TRACEPARENT, CALLER)
                .body(List.of(Map.of("eventId", eventId, "metric", "VISITS", "value", "1", "unit", "COUNT",
                        "businessDate", "2027-03-10", "territoryId", "TRACED-POST")))
                .post("/api/actuals").then().statusCode(202);
        ConsumerRecord<String, String> sent = Events.find(Topics.ACTUALS, r -> r.value().contains(eventId));
        String traceparent = Events.header(sent, Traces.TRACEPARENT);
        assertNotNull(traceparent, "the record carries no traceparent");
        // the request's own span (a child of the caller's) is the parent of what it publishes: same trace
        assertTrue(traceparent.startsWith("00-" + TRACE + "-"), traceparent);
    }

    @Test
    void anActualsTraceparentRidesOnTheDriftMarkItLeaves() throws Exception {
        send(Events.plan("FY27-TRACE", 1, Metric.ORDERS, "COUNT", "2027-01-01", "2027-12-31", 1, "100"));
        send(Events.cell("FY27-TRACE", 1, "TRACE-T", "2027-01-01", "2027-12-31", "100", "COUNT"));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                asViewer().queryParam("plan", "FY27-TRACE").get("/api/attainment").then().statusCode(200));

        ActualRecorded actual = Events.actual(Metric.ORDERS, "3", "COUNT", "2027-03-10", "TRACE-T", null);
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ACTUALS, actual.key(), EventJson.write(actual));
        record.headers().add(Traces.TRACEPARENT, CALLER.getBytes(StandardCharsets.UTF_8));
        try (Connection holder = ds.getConnection(); Statement st = holder.createStatement()) {
            // the drift evaluator claims a mark, then bumps the read generation: holding that row keeps its claim
            // uncommitted, so the mark stays readable here whether it was claimed already or not
            holder.setAutoCommit(false);
            st.execute("select generation from read_generation where id = 1 for update");
            Events.sendRaw(record);
            await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(ds,
                    "select count(*) from touched_day where territory_id = 'TRACE-T'") == 1);
            assertEquals(CALLER, Sql.one(ds, "select traceparent from touched_day where territory_id = 'TRACE-T'"));
            holder.rollback();
        }
    }

    @Test
    void aMarkKeepsTheLatestTraceAndTheClaimReturnsIt() throws Exception {
        LocalDate day = LocalDate.of(2027, 3, 10);
        List<Touched> claimed;
        // rolled back at the end: uncommitted, these marks are never seen by the background evaluator
        transaction.begin();
        try {
            ingest.markTouched(List.of(new Touched(Metric.VISITS, "CLAIM-T", day, CALLER)));
            ingest.markTouched(List.of(new Touched(Metric.VISITS, "CLAIM-T", day, null)));
            assertEquals(CALLER, Sql.one(ds, "select traceparent from touched_day where territory_id = 'CLAIM-T'"));
            ingest.markTouched(List.of(new Touched(Metric.VISITS, "CLAIM-T", day, OTHER)));
            claimed = drifts.claimTouched(10_000);
        } finally {
            transaction.rollback();
        }
        assertEquals(List.of(new Touched(Metric.VISITS, "CLAIM-T", day, OTHER)),
                claimed.stream().filter(t -> t.territoryId().equals("CLAIM-T")).toList());
    }
}
