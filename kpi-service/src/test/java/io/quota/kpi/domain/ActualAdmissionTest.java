package io.quota.kpi.domain;

import io.quota.contracts.Metric;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

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
}
