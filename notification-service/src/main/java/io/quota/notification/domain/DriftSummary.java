package io.quota.notification.domain;

import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.contracts.NodeKey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The one human line of a drift notification, in the subscription's language, e.g.
 * {@code EAST 2027-03 销售额 进度比 0.61，状态 严重偏离 (CRITICAL)} or {@code EAST 2027-03 REVENUE pace 0.61: CRITICAL}.
 * The node reads as its members (or the plan when it has none) and its period in the shortest calendar form.
 */
public final class DriftSummary {
    private static final Map<Metric, String> METRIC_ZH = new EnumMap<>(Map.ofEntries(
            Map.entry(Metric.REVENUE, "销售额"), Map.entry(Metric.COLLECTIONS, "回款"),
            Map.entry(Metric.ORDERS, "订单量"), Map.entry(Metric.NEW_CUSTOMERS, "新增客户"),
            Map.entry(Metric.LEADS, "潜在客户"), Map.entry(Metric.CONVERSIONS, "成交"),
            Map.entry(Metric.VISITS, "拜访"), Map.entry(Metric.CSAT, "客户满意度"),
            Map.entry(Metric.CONVERSION_RATE, "转化率"), Map.entry(Metric.AVG_ORDER_VALUE, "客单价"),
            Map.entry(Metric.AVG_CSAT, "平均客户满意度")));
    private static final Map<DriftState, String> STATE_ZH = new EnumMap<>(Map.of(
            DriftState.ON_TRACK, "正常", DriftState.WARNING, "预警",
            DriftState.CRITICAL, "严重偏离", DriftState.AHEAD, "超前"));

    /** What a drift event says about its node; {@code state} is ON_TRACK for a resolution. */
    public record Drift(NodeKey node, Metric metric, DriftState state, DriftState previousState, BigDecimal pace) {
        public Drift {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(state, "state");
        }

        public boolean resolved() {
            return state == DriftState.ON_TRACK;
        }
    }

    public static String of(Drift drift, SummaryLocale locale) {
        String subject = node(drift.node()) + " " + period(drift.node().from(), drift.node().to());
        return switch (locale) {
            case ZH_CN -> zh(subject, drift);
            case EN -> en(subject, drift);
        };
    }

    private static String zh(String subject, Drift d) {
        String pace = d.pace() == null ? "暂无" : pace(d.pace());
        String line = subject + " " + METRIC_ZH.get(d.metric()) + " 进度比 " + pace + "，状态 "
                + STATE_ZH.get(d.state()) + " (" + d.state() + ")";
        if (d.resolved() && d.previousState() != null) {
            line += "，此前 " + STATE_ZH.get(d.previousState()) + " (" + d.previousState() + ")";
        }
        return line;
    }

    private static String en(String subject, Drift d) {
        String pace = d.pace() == null ? "n/a" : pace(d.pace());
        String line = subject + " " + d.metric() + " pace " + pace + ": ";
        if (d.resolved()) {
            return line + "back " + d.state() + (d.previousState() == null ? "" : " (was " + d.previousState() + ")");
        }
        return line + d.state();
    }

    /** The metric as users read it: 销售额 in Chinese, the metric's name in English. */
    public static String metricLabel(Metric metric, SummaryLocale locale) {
        return locale == SummaryLocale.ZH_CN ? METRIC_ZH.get(metric) : metric.name();
    }

    /** The drift state as users read it: 严重偏离 (CRITICAL) in Chinese, CRITICAL in English. */
    public static String stateLabel(DriftState state, SummaryLocale locale) {
        return locale == SummaryLocale.ZH_CN ? STATE_ZH.get(state) + " (" + state + ")" : state.name();
    }

    /** The node as its members (or its plan when it has none). */
    public static String node(NodeKey node) {
        if (node.members().isEmpty()) {
            return node.planId();
        }
        return node.members().values().stream().collect(Collectors.joining(" "));
    }

    /** 2027 for a year, 2027-Q1 for a quarter, 2027-03 for a month, a day as itself, else from..to. */
    public static String period(LocalDate from, LocalDate to) {
        if (from.equals(to)) {
            return from.toString();
        }
        if (from.getDayOfMonth() == 1 && to.equals(YearMonth.from(to).atEndOfMonth()) && from.getYear() == to.getYear()) {
            int months = to.getMonthValue() - from.getMonthValue() + 1;
            if (months == 1) {
                return YearMonth.from(from).toString();
            }
            if (months == 3 && (from.getMonthValue() - 1) % 3 == 0) {
                return from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1);
            }
            if (months == 12) {
                return Integer.toString(from.getYear());
            }
        }
        return from + ".." + to;
    }

    private static String pace(BigDecimal pace) {
        return pace.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private DriftSummary() {
    }
}
