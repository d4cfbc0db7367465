package io.quota.target.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Whole decompositions: the cells always add up to the total, and each territory to its own split of it. */
class DecompositionPropertiesTest {

    record Case(BigDecimal total, Unit unit, SortedMap<String, BigDecimal> weights, Period period, boolean timeFirst) {
    }

    @Provide
    Arbitrary<Case> plans() {
        Arbitrary<Unit> units = Arbitraries.of(Unit.of("CNY"), Unit.of("JPY"), Unit.of("KWD"), Unit.COUNT, Unit.RATIO);
        Arbitrary<Long> minorUnits = Arbitraries.longs().between(0, 9_999_999_999_999L);
        Arbitrary<SortedMap<String, BigDecimal>> weights = Arbitraries.maps(
                        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(6),
                        Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("1000")).ofScale(2))
                .ofMinSize(1).ofMaxSize(12)
                .filter(m -> m.values().stream().anyMatch(w -> w.signum() > 0))
                .map(TreeMap::new);
        Arbitrary<Period> periods = Combinators.combine(
                        Arbitraries.integers().between(0, 3000), Arbitraries.integers().between(0, 5 * 365 - 2))
                .as((offset, days) -> {
                    LocalDate start = LocalDate.of(2025, 1, 1).plusDays(offset);
                    return new Period(start, start.plusDays(days));
                });
        return Combinators.combine(units, minorUnits, weights, periods, Arbitraries.of(true, false))
                .as((unit, units2, ws, period, timeFirst) ->
                        new Case(BigDecimal.valueOf(units2, unit.minorUnit()), unit, ws, period, timeFirst));
    }

    @Property(tries = 200)
    void cellsAddUpToTheTotalAndEachTerritoryToItsShare(@ForAll("plans") Case c) {
        Level territories = new TerritoryLevel(AllocationMethod.WEIGHTS, null, c.weights());
        Level months = new TimeLevel(Granularity.MONTH, AllocationMethod.EQUAL, null);
        List<Level> levels = c.timeFirst() ? List.of(months, territories) : List.of(territories, months);
        List<Cell> cells = Decomposition.cells("P", c.period(), c.total(), c.unit(), levels);

        assertEquals(c.weights().size() * c.period().months().size(), cells.size());
        assertEquals(0, cells.stream().map(Cell::amount).reduce(BigDecimal.ZERO, BigDecimal::add).compareTo(c.total()));
        cells.forEach(cell -> assertEquals(c.unit().minorUnit(), cell.amount().scale()));
        if (!c.timeFirst()) {
            Map<String, BigDecimal> expected = LargestRemainder.split(c.total(),
                    c.weights().entrySet().stream().map(e -> new Share(e.getKey(), e.getValue())).toList(),
                    c.unit().minorUnit());
            Map<String, BigDecimal> byTerritory = cells.stream().collect(Collectors.groupingBy(Cell::territory,
                    Collectors.reducing(BigDecimal.ZERO.setScale(c.unit().minorUnit()), Cell::amount, BigDecimal::add)));
            assertEquals(expected, byTerritory);
        }
        assertEquals(cells, Decomposition.cells("P", c.period(), c.total(), c.unit(), levels), "deterministic");
    }
}
