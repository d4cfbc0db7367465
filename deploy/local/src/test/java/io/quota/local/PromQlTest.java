package io.quota.local;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromQlTest {
    @Test
    void findsTheMetricsAndNothingElse() {
        assertEquals(Set.of("http_server_requests_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, job) (rate(http_server_requests_seconds_bucket{job=~\"$job\", uri!~\"/q/.*\"}[$__rate_interval])))"));
        assertEquals(Set.of("a_total", "b_count"), PromQl.metricNames(
                "sum without (instance) (rate(a_total{x=\"}{[\"}[5m] offset 1h)) / on (job) group_left (team) max(b_count) > bool 0.5e1"));
        assertEquals(Set.of("up:recorded"), PromQl.metricNames("topk(3, up:recorded) and on() vector(1) or count(inf)"));
        assertEquals(Set.of("quota_outbox_backlog"), PromQl.metricNames("sum by(job)(quota_outbox_backlog) * 60"));
    }

    @Test
    void histogramSeriesBelongToTheirFamily() {
        assertEquals("quota_delivery_latency_seconds", PromQl.family("quota_delivery_latency_seconds_bucket"));
        assertEquals("http_server_requests_seconds", PromQl.family("http_server_requests_seconds_count"));
        assertEquals("quota_dead_letters_total", PromQl.family("quota_dead_letters_total"));
    }
}
