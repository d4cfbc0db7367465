package io.quota.target.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.events.TargetAllocated;
import io.quota.platform.outbox.OutboxExpander;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written TargetAllocated is exactly the event EventJson and EventIds make, for any plan, cell and amount. */
class TargetAllocatedWriterTest {

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings().withChars("ABCXYZabcxyz0189_.:-").ofMinLength(1).ofMaxLength(64);
    }

    @Provide
    Arbitrary<BigDecimal> amounts() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("99999999999999")).ofScale(4);
    }

    @Property(tries = 300)
    void sameEventAsTheRecordWrittenByEventJson(@ForAll("ids") String planId, @ForAll @IntRange(min = 1, max = 100_000) int version,
                                                @ForAll("ids") String territory, @ForAll("ids") String channel,
                                                @ForAll("amounts") BigDecimal amount,
                                                @ForAll @IntRange(min = 0, max = 4) int minorUnit,
                                                @ForAll @IntRange(min = 0, max = 2_000_000_000) int epochSecond,
                                                @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        String cellKey = planId + "~territory=" + territory + "~channel=" + channel + "~2027-01-01..2027-01-31";
        BigDecimal atMinorUnit = amount.setScale(minorUnit, java.math.RoundingMode.DOWN);
        Instant at = Instant.ofEpochSecond(epochSecond, nanos % 3 == 0 ? 0 : nanos);
        String unit = minorUnit == 0 ? "COUNT" : "CNY";

        OutboxExpander.Serialized fast = new TargetAllocatedWriter(planId, version, unit, at)
                .cell(cellKey, atMinorUnit.toPlainString());
        OutboxExpander.Serialized reflective = OutboxExpander.Serialized.of(new TargetAllocated(
                EventIds.derive("TargetAllocated", planId, Integer.toString(version), cellKey), at, 1, planId, version,
                cellKey, atMinorUnit, unit));
        assertEquals(reflective, fast);
    }
}
