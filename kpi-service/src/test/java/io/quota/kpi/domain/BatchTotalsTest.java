package io.quota.kpi.domain;

import io.quota.contracts.Metric;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchTotalsTest {
    private static final LocalDate DAY = LocalDate.of(2027, 3, 10);
    private static final BatchTotals.Members NONE = BatchTotals.Members.of(null, null, null, null);

    @Test
    void actualsWithTheSameKeyBecomeOneUpsertAndRepsAreCreditedApart() {
        BatchTotals totals = new BatchTotals();
        totals.add(new BatchTotals.Credited(Metric.REVENUE, "CNY", new BigDecimal("10.00"), DAY, "EAST", NONE, null, Map.of(), null));
        totals.add(new BatchTotals.Credited(Metric.REVENUE, "CNY", new BigDecimal("5.50"), DAY, "EAST", NONE, null, Map.of(), null));
        totals.add(new BatchTotals.Credited(Metric.REVENUE, "CNY", new BigDecimal("-2.00"), DAY, "EAST", NONE, null, Map.of(), null));
        // an explicit split: the territory gets the whole value once, each rep its share
        totals.add(new BatchTotals.Credited(Metric.REVENUE, "CNY", new BigDecimal("100.00"), DAY, "EAST", NONE, null,
                Map.of("R1", new BigDecimal("60.00"), "R2", new BigDecimal("40.00")), null));
        assertEquals(4, totals.count());
        assertEquals(2, totals.territories().size());
        assertEquals(new BigDecimal("13.50"), totals.territories().get(new BatchTotals.TerritoryDay(Metric.REVENUE, "CNY",
                "EAST", DAY, NONE, false)));
        assertEquals(new BigDecimal("100.00"), totals.territories().get(new BatchTotals.TerritoryDay(Metric.REVENUE,
                "CNY", "EAST", DAY, NONE, true)));
        assertEquals(new BigDecimal("60.00"), totals.reps().get(new BatchTotals.RepDay(Metric.REVENUE, "CNY", "R1", DAY)));
        assertEquals(1, totals.touched().size());
    }

    @Test
    void anActualCreditedThroughItsAccountIsKeptWithTheAccountAndAnUncreditedOneTouchesNoNode() {
        BatchTotals totals = new BatchTotals();
        totals.add(new BatchTotals.Credited(Metric.ORDERS, "COUNT", BigDecimal.ONE, DAY, null, NONE, "ACC-1", Map.of(), null));
        totals.add(new BatchTotals.Credited(Metric.ORDERS, "COUNT", BigDecimal.ONE, DAY, "WEST", NONE, "ACC-2", Map.of(), null));
        assertEquals(2, totals.accounts().size());
        assertTrue(totals.accounts().containsKey(new BatchTotals.AccountDay("ACC-1", Metric.ORDERS, "COUNT", DAY, NONE,
                false, "")));
        assertTrue(totals.territories().containsKey(new BatchTotals.TerritoryDay(Metric.ORDERS, "COUNT", "", DAY, NONE,
                false)));
        assertEquals(1, totals.touched().size());
    }

    @Test
    void aDaysMarkCarriesTheTraceOfTheLastActualThatHadOne() {
        BatchTotals totals = new BatchTotals();
        String first = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String last = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        totals.add(credited("EAST", first));
        totals.add(credited("EAST", last));
        totals.add(credited("EAST", null)); // an actual without a trace does not erase the one before it
        totals.add(credited("WEST", null));
        assertEquals(List.of(new BatchTotals.Touched(Metric.REVENUE, "EAST", DAY, last),
                new BatchTotals.Touched(Metric.REVENUE, "WEST", DAY, null)), List.copyOf(totals.touched()));
    }

    private static BatchTotals.Credited credited(String territory, String traceparent) {
        return new BatchTotals.Credited(Metric.REVENUE, "CNY", BigDecimal.ONE, DAY, territory, NONE, null, Map.of(),
                traceparent);
    }
}
