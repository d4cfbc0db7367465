package io.quota.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every metric a Grafana dashboard in deploy/grafana queries is one the running services really expose: the suite's
 * four services are scraped on their management interface, and a query naming a metric no service serves fails the
 * test with the dashboard, panel and name.
 */
class DashboardMetricsTest {
    /** What an operator must find on the dashboards (issue 8), as metric families. */
    static final Set<String> OPERATOR_METRICS = Set.of("kafka_consumer_fetch_manager_records_lag_max",
            "quota_outbox_backlog", "quota_outbox_oldest_age_seconds", "quota_dead_letters_total",
            "http_server_requests_seconds", "quota_actuals_ingested_total", "quota_drift_transitions_total",
            "quota_deliveries_total", "quota_delivery_latency_seconds");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([^,)]+)\\s*,");
    private static final Pattern QUERY_RESULT = Pattern.compile("query_result\\((.*)\\)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricADashboardQueriesIsExposedByARunningService() throws Exception {
        Map<String, Set<String>> queried = queriedMetrics(); // metric -> where the dashboards use it
        assertFalse(queried.isEmpty(), "no dashboard queries found under deploy/grafana/dashboards");
        Set<String> families = new TreeSet<>();
        queried.keySet().forEach(m -> families.add(PromQl.family(m)));
        assertTrue(families.containsAll(OPERATOR_METRICS), "the dashboards miss operator metrics: "
                + OPERATOR_METRICS.stream().filter(m -> !families.contains(m)).toList());

        LocalSuite suite = SharedSuite.get();
        for (Service s : Service.values()) {
            // one HTTP request each, so the request timers exist (a refused one counts like any other)
            http.send(HttpRequest.newBuilder(URI.create(suite.url(s) + "/api/metrics-probe")).build(), HttpResponse.BodyHandlers.discarding());
        }
        poisonARecord(suite);

        Map<Service, Set<String>> exposed = new EnumMap<>(Service.class);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
            for (Service s : Service.values()) {
                exposed.put(s, scrape(suite, s));
            }
            return missing(queried, exposed).isEmpty();
        });
        assertEquals(Map.of(), missing(queried, exposed), "metrics the dashboards query that no service exposes "
                + "(metric -> dashboard / panel)");
    }

    /** Metric -> where it is used, for each metric that no service's scrape has. */
    private static Map<String, Set<String>> missing(Map<String, Set<String>> queried, Map<Service, Set<String>> exposed) {
        Map<String, Set<String>> missing = new TreeMap<>(queried);
        exposed.values().forEach(names -> missing.keySet().removeAll(names));
        return missing;
    }

    /** The series names of a service's scrape, with each histogram or summary series also under its family. */
    private Set<String> scrape(LocalSuite suite, Service s) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(suite.managementUrl(s) + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), s.module() + " /q/metrics");
        Set<String> names = new TreeSet<>();
        r.body().lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            String name = l.split("[{ ]", 2)[0];
            names.add(name);
            names.add(PromQl.family(name));
        });
        return names;
    }

    /** A record that is not an event: every consumer of the topic dead-letters it, so the dead-letter counter exists. */
    private static void poisonARecord(LocalSuite suite) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", suite.kafkaBootstrapServers(),
                "key.serializer", StringSerializer.class.getName(), "value.serializer", StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(Topics.TERRITORIES, "METRICS-PROBE", "not an event")).get();
        }
    }

    /** Every metric each dashboard's queries (panels, nested rows, template variables) select. */
    static Map<String, Set<String>> queriedMetrics() throws IOException {
        Map<String, Set<String>> used = new TreeMap<>();
        Path dir = LocalSuite.projectRoot().resolve("deploy/grafana/dashboards");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = new ObjectMapper().readTree(f.toFile());
                String name = f.getFileName().toString();
                collectPanels(dashboard.path("panels"), name, used);
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    JsonNode q = variable.path("query");
                    String query = q.isObject() ? q.path("query").asText() : q.asText();
                    if (variable.path("type").asText().equals("query")) {
                        variableMetrics(query).forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>())
                                .add(name + " / variable " + variable.path("name").asText()));
                    }
                }
            }
        }
        return used;
    }

    private static void collectPanels(JsonNode panels, String dashboard, Map<String, Set<String>> used) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                PromQl.metricNames(expr).forEach(m -> used.computeIfAbsent(m, k -> new TreeSet<>())
                        .add(dashboard + " / " + panel.path("title").asText()));
            }
            collectPanels(panel.path("panels"), dashboard, used);
        }
    }

    /** Grafana's label_values(metric, label) and query_result(expr) name metrics too. */
    static Set<String> variableMetrics(String query) {
        Matcher lv = LABEL_VALUES.matcher(query);
        if (lv.find()) {
            return PromQl.metricNames(lv.group(1));
        }
        Matcher qr = QUERY_RESULT.matcher(query);
        return qr.find() ? PromQl.metricNames(qr.group(1)) : Set.of();
    }

    @Test
    void theDashboardsParseAndTheirVariablesNameMetrics() throws IOException {
        Map<String, Set<String>> used = queriedMetrics();
        assertTrue(used.containsKey("quota_outbox_backlog"), used.toString());
        assertTrue(used.get("quota_outbox_backlog").stream().anyMatch(w -> w.contains("variable job")), used.toString());
        assertEquals(Set.of("up"), variableMetrics("label_values(up, job)"));
        assertEquals(Set.of("x_total"), variableMetrics("query_result(topk(5, rate(x_total[5m])))"));
    }
}
