package io.quota.target.application;

import com.fasterxml.jackson.databind.JsonNode;
import io.quota.contracts.EventJson;
import io.quota.contracts.Metric;
import io.quota.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prior actuals from kpi-service (GET /api/actuals/totals), the one synchronous call of the suite (DESIGN.md
 * section 2): with a timeout and a service token. When kpi-service is down, slow or answers an error, the caller
 * gets a 503 problem and nothing is written.
 */
@ApplicationScoped
public class KpiActuals {
    @ConfigProperty(name = "quota.kpi.url", defaultValue = "http://localhost:8083")
    String url;
    @ConfigProperty(name = "quota.kpi.token")
    Optional<String> token;
    @ConfigProperty(name = "quota.kpi.timeout", defaultValue = "PT5S")
    Duration timeout;

    private volatile HttpClient http;

    /** One group of totals: its members by dimension query-parameter name, and its value. */
    public record Total(Map<String, String> members, BigDecimal value) {
    }

    /** Totals of a metric over from..to, grouped by the given dimension names (none: one grand total). */
    public List<Total> totals(Metric metric, LocalDate from, LocalDate to, List<String> by, Map<String, String> filters) {
        StringBuilder query = new StringBuilder("/api/actuals/totals?metric=").append(metric.name())
                .append("&from=").append(from).append("&to=").append(to);
        if (!by.isEmpty()) {
            query.append("&by=").append(String.join(",", by));
        }
        filters.forEach((k, v) -> query.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + query)).timeout(timeout).GET()
                .header("Accept", "application/json");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<String> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable("did not answer within " + timeout.toMillis() + " ms (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("the call was interrupted");
        }
        if (response.statusCode() != 200) {
            throw unavailable("answered " + response.statusCode());
        }
        try {
            JsonNode body = EventJson.MAPPER.readTree(response.body());
            List<Total> totals = new ArrayList<>();
            for (JsonNode t : body.path("totals")) {
                Map<String, String> members = new LinkedHashMap<>();
                t.path("members").fields().forEachRemaining(e -> members.put(e.getKey(), e.getValue().asText()));
                totals.add(new Total(members, new BigDecimal(t.path("value").asText())));
            }
            return totals;
        } catch (IOException | NumberFormatException e) {
            throw unavailable("answered something that is not a totals document");
        }
    }

    private static ProblemException unavailable(String why) {
        return ProblemException.unavailable("kpi-service (actuals for HISTORY, history x (1 + growth) and carry-forward) "
                + why + "; nothing was written, try again later / kpi-service 不可用, 未写入任何数据, 请稍后重试");
    }

    private HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(timeout).build();
        }
        return http;
    }
}
