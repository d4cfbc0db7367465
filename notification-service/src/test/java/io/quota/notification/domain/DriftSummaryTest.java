package io.quota.notification.domain;

import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DriftSummaryTest {
    static final NodeKey EAST_MARCH = NodeKey.parse("FY27-REV~territory=EAST~2027-03-01..2027-03-31");

    @Test
    void criticalInChineseAndEnglish() {
        DriftSummary.Drift drift = new DriftSummary.Drift(EAST_MARCH, Metric.REVENUE, DriftState.CRITICAL,
                DriftState.WARNING, new BigDecimal("0.6134"));
        assertEquals("EAST 2027-03 销售额 进度比 0.61，状态 严重偏离 (CRITICAL)", DriftSummary.of(drift, SummaryLocale.ZH_CN));
        assertEquals("EAST 2027-03 REVENUE pace 0.61: CRITICAL", DriftSummary.of(drift, SummaryLocale.EN));
    }

    @Test
    void resolutionSaysWhereItCameFrom() {
        DriftSummary.Drift drift = new DriftSummary.Drift(EAST_MARCH, Metric.COLLECTIONS, DriftState.ON_TRACK,
                DriftState.WARNING, new BigDecimal("0.925"));
        assertEquals("EAST 2027-03 回款 进度比 0.93，状态 正常 (ON_TRACK)，此前 预警 (WARNING)",
                DriftSummary.of(drift, SummaryLocale.ZH_CN));
        assertEquals("EAST 2027-03 COLLECTIONS pace 0.93: back ON_TRACK (was WARNING)",
                DriftSummary.of(drift, SummaryLocale.EN));
    }

    @Test
    void aPlanLevelNodeReadsAsItsPlanAndAMissingPaceIsSaid() {
        NodeKey plan = NodeKey.parse("FY27-REV~2027-01-01..2027-12-31");
        DriftSummary.Drift drift = new DriftSummary.Drift(plan, Metric.ORDERS, DriftState.AHEAD, DriftState.ON_TRACK,
                null);
        assertEquals("FY27-REV 2027 订单量 进度比 暂无，状态 超前 (AHEAD)", DriftSummary.of(drift, SummaryLocale.ZH_CN));
        assertEquals("FY27-REV 2027 ORDERS pace n/a: AHEAD", DriftSummary.of(drift, SummaryLocale.EN));
    }

    @Test
    void severalMembersReadInDimensionOrder() {
        NodeKey node = NodeKey.parse("P1~territory=EAST~productLine=BESTSELLER~channel=ONLINE_STORE~2027-04-01..2027-06-30");
        DriftSummary.Drift drift = new DriftSummary.Drift(node, Metric.VISITS, DriftState.WARNING, DriftState.ON_TRACK,
                new BigDecimal("0.85"));
        assertEquals(node.members().values().stream().reduce((a, b) -> a + " " + b).orElseThrow()
                + " 2027-Q2 VISITS pace 0.85: WARNING", DriftSummary.of(drift, SummaryLocale.EN));
    }

    @Test
    void periodsReadInTheirShortestCalendarForm() {
        assertEquals("2027", DriftSummary.period(d("2027-01-01"), d("2027-12-31")));
        assertEquals("2027-Q1", DriftSummary.period(d("2027-01-01"), d("2027-03-31")));
        assertEquals("2027-Q4", DriftSummary.period(d("2027-10-01"), d("2027-12-31")));
        assertEquals("2027-02", DriftSummary.period(d("2027-02-01"), d("2027-02-28")));
        assertEquals("2027-03-08", DriftSummary.period(d("2027-03-08"), d("2027-03-08")));
        assertEquals("2027-02-01..2027-04-30", DriftSummary.period(d("2027-02-01"), d("2027-04-30")));
        assertEquals("2027-03-08..2027-03-14", DriftSummary.period(d("2027-03-08"), d("2027-03-14")));
        assertEquals("2026-04-01..2027-03-31", DriftSummary.period(d("2026-04-01"), d("2027-03-31")));
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }
}
