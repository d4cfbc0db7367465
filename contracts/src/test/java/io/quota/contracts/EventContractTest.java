package io.quota.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.ActualRecorded;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftPolicy;
import io.quota.contracts.events.DriftResolved;
import io.quota.contracts.events.Figures;
import io.quota.contracts.events.NotificationDelivered;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.contracts.events.TargetAllocated;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.contracts.events.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventContractTest {
    static final Instant AT = Instant.parse("2027-03-10T08:15:30Z");
    static final LocalDate D = LocalDate.of(2027, 3, 10);
    static final Figures FIG = new Figures(new BigDecimal("1000000.00"), new BigDecimal("250000.50"),
            new BigDecimal("400000.00"), new BigDecimal("0.2500"), new BigDecimal("0.6250"),
            new BigDecimal("625001.25"), D);
    static final String CELL = NodeKey.of("FY2027-REV", Map.of(Dimension.TERRITORY, "EAST"),
            LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31)).encode();

    /** One fully populated sample of every event type. */
    static List<QuotaEvent> samples() {
        return List.of(
                new PlanPublished(id(), AT, 1, "FY2027-REV", 2, "FY2027 revenue 收入", TaskType.NEW_BUSINESS,
                        Metric.REVENUE, "CNY", LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31), "Asia/Shanghai",
                        new WorkCalendar(WorkCalendar.mondayToFriday().workingDays(), List.of(LocalDate.of(2027, 10, 1)),
                                List.of(LocalDate.of(2027, 9, 26)), false),
                        DriftPolicy.defaults(), 24, new BigDecimal("120000000.00"), List.of("cell", "territory,quarter"), 4),
                new PlanWithdrawn(id(), AT, 1, "FY2027-REV", 2, "recalled by approver"),
                new TargetAllocated(id(), AT, 1, "FY2027-REV", 2, CELL, new BigDecimal("5000000.00"), "CNY"),
                new ActualRecorded(id(), AT, 1, Metric.REVENUE, new BigDecimal("-1250000.00"), "CNY", D, "ACC-1",
                        "EAST", "rep-7", "RETAIL", "B2B", "BESTSELLER", "ONLINE_STORE", "erp", id(),
                        List.of(new ActualRecorded.Credit("rep-7", new BigDecimal("60")),
                                new ActualRecorded.Credit("rep-8", new BigDecimal("40"))), true),
                new TerritoryChanged(id(), AT, 1, "EAST", "CN", "GEOGRAPHIC", "ACTIVE", "华东", "East",
                        new BigDecimal("88000000.00"), "M1", LocalDate.of(2027, 1, 1), null),
                new AccountAssignmentChanged(id(), AT, 1, "ACC-1", List.of(
                        new AccountAssignmentChanged.Span("EAST", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 4, 1)),
                        new AccountAssignmentChanged.Span("NORTH", LocalDate.of(2027, 4, 1), null))),
                new RepAssignmentChanged(id(), AT, 1, "rep-7", List.of(new RepAssignmentChanged.Span("EAST",
                        RepAssignmentChanged.Role.PRIMARY, LocalDate.of(2027, 1, 1), null))),
                new AttainmentChanged(id(), AT, 1, CELL, "FY2027-REV", 2, Metric.REVENUE, "CNY", FIG),
                new DriftDetected(id(), AT, 1, CELL, "FY2027-REV", 2, Metric.REVENUE, "CNY", DriftState.CRITICAL,
                        DriftState.WARNING, FIG),
                new DriftResolved(id(), AT, 1, CELL, "FY2027-REV", 2, Metric.REVENUE, "CNY", DriftState.CRITICAL, FIG),
                new NotificationDelivered(id(), AT, 1, "d-1", "s-1", id(), "WEBHOOK", "DELIVERED", 2));
    }

    @Test
    void everyEventTypeHasASample() {
        assertEquals(new HashSet<>(EventSchemas.TYPES),
                samples().stream().map(QuotaEvent::getClass).collect(Collectors.toSet()));
    }

    @Test
    void everyEventSerialisesToValidJsonAndBack() throws Exception {
        for (QuotaEvent event : samples()) {
            String json = EventJson.write(event);
            JsonNode tree = EventJson.MAPPER.readTree(json);
            assertEquals(Set.of(), EventSchemas.errors(event.getClass(), tree), event.getClass().getSimpleName());
            assertEquals(event, EventJson.read(json, event.getClass()));
            assertEquals(event.eventId(), EventSchemas.byCeType(event.ceType()).map(t -> event.eventId()).orElseThrow());
        }
    }

    @Test
    void moneyIsADecimalStringNeverAFloat() throws Exception {
        JsonNode tree = EventJson.MAPPER.readTree(EventJson.write(samples().get(2)));
        assertTrue(tree.get("amount").isTextual());
        assertEquals("5000000.00", tree.get("amount").asText());
    }

    @Test
    void schemaPropertiesMatchRecordComponents() throws Exception {
        for (Class<? extends QuotaEvent> type : EventSchemas.TYPES) {
            JsonNode schema = EventJson.MAPPER.readTree(resource(EventSchemas.resource(type)));
            Set<String> props = new HashSet<>();
            schema.get("properties").fieldNames().forEachRemaining(props::add);
            Set<String> components = Arrays.stream(type.getRecordComponents()).map(c -> c.getName())
                    .collect(Collectors.toSet());
            assertEquals(components, props, type.getSimpleName());
        }
    }

    @Test
    void aPlanPublishedOfAnOlderProducerStillReadsWithoutAFiscalYearStart() {
        PlanPublished sample = (PlanPublished) samples().get(0);
        PlanPublished older = new PlanPublished(sample.eventId(), sample.occurredAt(), 1, sample.planId(),
                sample.version(), sample.name(), sample.taskType(), sample.metric(), sample.unit(), LocalDate.of(2027, 7, 1),
                sample.periodEnd(), sample.timeZone(), sample.calendar(), sample.driftPolicy(), sample.cellCount(),
                sample.total(), sample.alertLevels());
        String json = EventJson.write(older).replace(",\"fiscalYearStartMonth\":null", "");
        assertFalse(json.contains("fiscalYearStartMonth"), json);
        PlanPublished read = EventJson.read(json, PlanPublished.class);
        assertEquals(null, read.fiscalYearStartMonth());
        assertEquals(7, read.effectiveFiscalYearStartMonth());
        assertEquals(4, sample.effectiveFiscalYearStartMonth());
        String thirteenth = EventJson.write(sample).replace("\"fiscalYearStartMonth\":4", "\"fiscalYearStartMonth\":13");
        assertTrue(assertThrows(InvalidEventException.class, () -> EventJson.read(thirteenth, PlanPublished.class))
                .getMessage().contains("fiscalYearStartMonth"));
    }

    @Test
    void brokenEventsAreRefusedWithAReason() {
        String noId = "{\"occurredAt\":\"2027-03-10T08:15:30Z\",\"schemaVersion\":1,\"metric\":\"REVENUE\","
                + "\"value\":\"1.00\",\"unit\":\"CNY\",\"businessDate\":\"2027-03-10\",\"territoryId\":\"EAST\"}";
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> EventJson.read(noId, ActualRecorded.class));
        assertTrue(e.getMessage().contains("eventId"), e.getMessage());
        String floatValue = noId.replace("\"value\":\"1.00\"", "\"value\":1.5")
                .replace("{", "{\"eventId\":\"" + id() + "\",");
        assertTrue(assertThrows(InvalidEventException.class, () -> EventJson.read(floatValue, ActualRecorded.class))
                .getMessage().contains("value"));
        String nowhere = noId.replace(",\"territoryId\":\"EAST\"", "").replace("{", "{\"eventId\":\"" + id() + "\",");
        assertThrows(InvalidEventException.class, () -> EventJson.read(nowhere, ActualRecorded.class));
        assertThrows(InvalidEventException.class, () -> EventJson.read("not json", ActualRecorded.class));
        assertThrows(InvalidEventException.class, () -> EventJson.read("[1,2]", ActualRecorded.class));
    }

    @Test
    void asyncApiDescribesEveryTopicAndEvent() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(resource("asyncapi.yaml"));
        Set<String> addresses = new HashSet<>();
        doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
        assertEquals(Topics.PARTITIONS.keySet(), addresses);
        for (Class<? extends QuotaEvent> type : EventSchemas.TYPES) {
            JsonNode msg = doc.get("components").get("messages").get(type.getSimpleName());
            assertNotNull(msg, type.getSimpleName());
            assertNotNull(resource(msg.get("payload").get("$ref").asText()));
        }
    }

    @Test
    void derivedIdsAreDeterministicAndVersion5() {
        UUID a = EventIds.derive("actual", "key-1", "0");
        assertEquals(a, EventIds.derive("actual", "key-1", "0"));
        assertTrue(!a.equals(EventIds.derive("actual", "key-1", "1")));
        assertEquals(5, a.version());
        // RFC 9562 appendix A.4 test vector: DNS namespace, "www.example.com"
        assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
                EventIds.v5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"));
    }

    private static InputStream resource(String path) {
        return EventContractTest.class.getClassLoader().getResourceAsStream(path.startsWith("schemas/")
                || path.equals("asyncapi.yaml") ? path : "schemas/" + path);
    }

    private static UUID id() {
        return UUID.randomUUID();
    }
}
