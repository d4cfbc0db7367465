package io.quota.kpi.messaging;

import io.quota.contracts.EventJson;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.Metric;
import io.quota.contracts.events.ActualRecorded;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The quick reader never decides otherwise than the full schema validation, and reads well-formed actuals itself. */
class ActualRecordReaderTest {

    @Property(tries = 300)
    void aWellFormedActualIsReadQuicklyAndEqualsTheFullReading(@ForAll("actuals") ActualRecorded actual) {
        String json = EventJson.write(actual);
        ActualRecorded quick = ActualRecordReader.quick(json);
        assertNotNull(quick, json);
        assertEquals(EventJson.read(json, ActualRecorded.class), quick);
    }

    @Property(tries = 500)
    void aDamagedActualIsNeverAcceptedWhereTheSchemaRefusesIt(@ForAll("actuals") ActualRecorded actual,
                                                               @ForAll("damage") Damage damage) {
        String json = damage.apply(EventJson.write(actual));
        ActualRecorded quick = ActualRecordReader.quick(json);
        Optional<ActualRecorded> full;
        try {
            full = Optional.of(EventJson.read(json, ActualRecorded.class));
        } catch (InvalidEventException e) {
            full = Optional.empty();
        }
        if (quick != null) {
            assertEquals(full.orElse(null), quick, json); // what the quick reader takes, the schema takes identically
        }
    }

    @Test
    void theUsualBreaksAreLeftToTheFullReader() {
        String good = EventJson.write(sample());
        assertNotNull(ActualRecordReader.quick(good));
        assertNull(ActualRecordReader.quick(good.replace("\"value\":\"12.50\"", "\"value\":12.50")));
        assertNull(ActualRecordReader.quick(good.replace("\"value\":\"12.50\"", "\"value\":\"1.1234567\"")));
        assertNull(ActualRecordReader.quick(good.replace("\"unit\":\"CNY\"", "\"unit\":\"cny\"")));
        assertNull(ActualRecordReader.quick(good.replace("\"territoryId\":\"EAST\"", "\"territoryId\":\"E A\"")));
        assertNull(ActualRecordReader.quick(good.replace("\"territoryId\":\"EAST\",", "")));
        assertNull(ActualRecordReader.quick(good.replace("\"businessDate\":\"2027-03-10\"",
                "\"businessDate\":\"2027-02-30\"")));
        assertNull(ActualRecordReader.quick(good.replace("{", "{\"value\":\"1\",")));
        assertNull(ActualRecordReader.quick(good.replace("\"metric\":\"REVENUE\"", "\"metric\":\"GOLD\"")));
        assertNull(ActualRecordReader.quick("not json"));
        assertNull(ActualRecordReader.quick("[]"));
    }

    private static ActualRecorded sample() {
        return new ActualRecorded(UUID.randomUUID(), Instant.parse("2027-03-10T08:00:00Z"), 1, Metric.REVENUE,
                new BigDecimal("12.50"), "CNY", LocalDate.parse("2027-03-10"), null, "EAST", null, null, null, null,
                null, "erp", null);
    }

    @Provide
    Arbitrary<ActualRecorded> actuals() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("AZaz09_.:-").ofMinLength(1).ofMaxLength(64);
        Arbitrary<String> optionalIds = ids.injectNull(0.4);
        Arbitrary<BigDecimal> values = Arbitraries.oneOf(
                Arbitraries.bigDecimals().between(new BigDecimal("-99999999.99"), new BigDecimal("99999999.99"))
                        .ofScale(2),
                Arbitraries.bigDecimals().between(new BigDecimal("-999999999999.999999"),
                        new BigDecimal("999999999999.999999")).ofScale(6));
        Arbitrary<List<ActualRecorded.Credit>> credits = Combinators.combine(ids,
                        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("100")).ofScale(4))
                .as(ActualRecorded.Credit::new).list().ofMinSize(1).ofMaxSize(3).injectNull(0.7);
        Arbitrary<Head> heads = Combinators.combine(Arbitraries.of(Metric.class), values,
                        Arbitraries.of("CNY", "USD", "COUNT", "RATIO"), Arbitraries.integers().between(0, 3000),
                        optionalIds, optionalIds, Arbitraries.of("B2B", "B2C").injectNull(0.5),
                        Arbitraries.of("DIRECT", "SOCIAL").injectNull(0.5))
                .as(Head::new);
        Arbitrary<String> sources = Arbitraries.strings().withCharRange('a', 'z').withChars("中文 \"\\").ofMaxLength(100)
                .injectNull(0.5);
        return Combinators.combine(heads, credits, Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.5), sources)
                .as((h, c, adjustment, source) -> new ActualRecorded(UUID.randomUUID(),
                        Instant.ofEpochSecond(1_700_000_000L + h.day() * 997L, h.day() * 1000L), 1, h.metric(),
                        h.value(), h.unit(), LocalDate.of(2020, 1, 1).plusDays(h.day()), h.account(),
                        h.territory() == null && h.account() == null ? "T" : h.territory(), null, null,
                        h.customerType(), null, h.channel(), source,
                        h.value().signum() < 0 ? UUID.randomUUID() : null, c, adjustment));
    }

    record Head(Metric metric, BigDecimal value, String unit, int day, String account, String territory,
                String customerType, String channel) {
    }

    /** A small change to a serialised actual that may or may not break its schema. */
    record Damage(String from, String to) {
        String apply(String json) {
            return json.replaceFirst(from, to);
        }
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Arbitraries.of(
                new Damage("\"value\":\"", "\"value\":\"1e"), new Damage("\"value\":\"", "\"value\":\"+"),
                new Damage("\"value\":\"[^\"]*\"", "\"value\":5"), new Damage("\"unit\":\"[^\"]*\"", "\"unit\":\"EURO\""),
                new Damage("\"schemaVersion\":1", "\"schemaVersion\":0"),
                new Damage("\"schemaVersion\":1", "\"schemaVersion\":1.0"),
                new Damage("\"occurredAt\":\"([^\"]*)Z\"", "\"occurredAt\":\"$1\""),
                new Damage("\"occurredAt\":\"[^\"]*\"", "\"occurredAt\":\"2027-03-10T08:00Z\""),
                new Damage("\"businessDate\":\"[^\"]*\"", "\"businessDate\":\"2027-3-1\""),
                new Damage("\"eventId\":\"[^\"]*\"", "\"eventId\":\"x\""),
                new Damage("\"eventId\":\"[^\"]*\",", ""), new Damage("\"metric\":\"[^\"]*\"", "\"metric\":null"),
                new Damage("\"territoryId\":\"[^\"]*\"", "\"territoryId\":null"),
                new Damage("\"territoryId\":\"[^\"]*\"", "\"territoryId\":\"\""),
                new Damage("\"customerType\":\"[^\"]*\"", "\"customerType\":\"B2G\""),
                new Damage("\"channel\":\"[^\"]*\"", "\"channel\":\"direct\""),
                new Damage("\"credits\":\\[", "\"credits\":[{\"repId\":\"R\",\"percent\":\"1\",\"x\":1},"),
                new Damage("\"credits\":\\[\\{[^]]*]", "\"credits\":[]"),
                new Damage("\"adjustment\":(true|false)", "\"adjustment\":\"yes\""),
                new Damage("\\{", "{\"extra\":{\"nested\":[1,2]},"), new Damage("}$", "} trailing"),
                new Damage("\\{", "{\"schemaVersion\":1,"), new Damage("x^", ""));
    }
}
