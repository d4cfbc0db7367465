package io.quota.kpi.domain;

import io.quota.contracts.Metric;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActualAdmissionTest {
    private static final PlanTerms CNY_REVENUE = new PlanTerms("FY27-REV", 1, Metric.REVENUE, "CNY",
            new DateRange(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 5, 31)));
    private static final LocalDate MAR_10 = LocalDate.of(2027, 3, 10);

    @Test
    void anActualInThePlansUnitIsAdmitted() {
        assertTrue(ActualAdmission.refusal(List.of(CNY_REVENUE), Metric.REVENUE, "CNY", MAR_10).isEmpty());
    }

    @Test
    void anotherUnitThanThePlansIsRefusedWithItsReason() {
        String reason = ActualAdmission.refusal(List.of(CNY_REVENUE), Metric.REVENUE, "USD", MAR_10).orElseThrow();
        assertTrue(reason.contains("USD") && reason.contains("CNY") && reason.contains("FY27-REV"), reason);
    }

    @Test
    void anActualNoPlanCoversIsAdmittedAsUnplanned() {
        assertTrue(ActualAdmission.refusal(List.of(CNY_REVENUE), Metric.REVENUE, "USD", LocalDate.of(2027, 6, 1)).isEmpty());
        assertTrue(ActualAdmission.refusal(List.of(CNY_REVENUE), Metric.ORDERS, "COUNT", MAR_10).isEmpty());
        assertTrue(ActualAdmission.refusal(List.of(), Metric.REVENUE, "USD", MAR_10).isEmpty());
    }

    @Test
    void derivedKpisAreNeverRecorded() {
        assertTrue(ActualAdmission.refusal(List.of(), Metric.CONVERSION_RATE, "RATIO", MAR_10).isPresent());
    }

    private static ActualAdmission.Candidate candidate(String value, boolean reversal, LocalDate date, boolean adjustment,
                                                       List<CreditSplit.Share> credits) {
        return new ActualAdmission.Candidate(Metric.REVENUE, new java.math.BigDecimal(value), "CNY", date, reversal,
                credits, adjustment);
    }

    @Test
    void aNegativeValueMustNameTheOriginalItReverses() {
        assertEquals("reversalOf", ActualAdmission.refusal(candidate("-1", false, MAR_10, false, List.of()), List.of(),
                List.of()).orElseThrow().field());
        assertTrue(ActualAdmission.refusal(candidate("-1", true, MAR_10, false, List.of()), List.of(), List.of()).isEmpty());
    }

    @Test
    void tooManyDecimalsOrDigitsAndInsaneDatesAreRefused() {
        assertEquals("value", ActualAdmission.shapeRefusal(candidate("1.1234567", false, MAR_10, false, List.of()))
                .orElseThrow().field());
        assertEquals("value", ActualAdmission.shapeRefusal(candidate("1234567890123456789", false, MAR_10, false,
                List.of())).orElseThrow().field());
        assertEquals("businessDate", ActualAdmission.shapeRefusal(candidate("1", false, LocalDate.of(1989, 12, 31),
                false, List.of())).orElseThrow().field());
    }

    @Test
    void aSplitNotSummingTo100IsRefused() {
        assertEquals("credits", ActualAdmission.shapeRefusal(candidate("1", false, MAR_10, false, List.of(
                new CreditSplit.Share("A", new java.math.BigDecimal("70")),
                new CreditSplit.Share("B", new java.math.BigDecimal("20"))))).orElseThrow().field());
    }

    @Test
    void aClosedPeriodTakesOnlyAdjustments() {
        ClosedPeriod march = new ClosedPeriod(7, null, new DateRange(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31)),
                "books closed");
        ActualAdmission.Refusal refusal = ActualAdmission.refusal(candidate("1", false, MAR_10, false, List.of()),
                List.of(CNY_REVENUE), List.of(march)).orElseThrow();
        assertEquals("businessDate", refusal.field());
        assertTrue(refusal.reason().contains("closed") && refusal.reason().contains("books closed"), refusal.reason());
        assertTrue(ActualAdmission.refusal(candidate("1", false, MAR_10, true, List.of()), List.of(CNY_REVENUE),
                List.of(march)).isEmpty());
        ClosedPeriod ordersOnly = new ClosedPeriod(8, Metric.ORDERS, march.period(), null);
        assertTrue(ActualAdmission.refusal(candidate("1", false, MAR_10, false, List.of()), List.of(CNY_REVENUE),
                List.of(ordersOnly)).isEmpty());
    }
}
