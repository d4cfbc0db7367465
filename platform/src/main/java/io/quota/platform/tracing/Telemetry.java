package io.quota.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK of a service, configured the standard way (OTEL_* environment variables or otel.* properties,
 * e.g. OTEL_TRACES_EXPORTER=otlp and OTEL_EXPORTER_OTLP_ENDPOINT). Spans are always made and propagated through
 * Kafka headers; they are exported only when an exporter is configured (default none, so nothing fails or logs when
 * no collector runs). SmallRye Kafka's own instrumentation uses this bean for its receive and publish spans.
 */
@ApplicationScoped
public class Telemetry {
    /** Settings an operator may give in application.properties as well as in the environment. */
    private static final List<String> PASSED_ON = List.of("otel.exporter.otlp.endpoint", "otel.exporter.otlp.protocol",
            "otel.exporter.otlp.headers", "otel.traces.sampler", "otel.traces.sampler.arg", "otel.resource.attributes",
            "otel.propagators");

    @Produces
    @Singleton
    @Unremovable
    OpenTelemetry openTelemetry() {
        Config config = ConfigProvider.getConfig();
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", config.getOptionalValue("quarkus.application.name", String.class).orElse("quota"));
        defaults.put("otel.traces.exporter", config.getOptionalValue("otel.traces.exporter", String.class).orElse("none"));
        // metrics go through Micrometer/Prometheus and logs through the console: OpenTelemetry carries traces only
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        for (String key : PASSED_ON) {
            config.getOptionalValue(key, String.class).ifPresent(v -> defaults.put(key, v));
        }
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** Flushes spans still buffered when the service stops. */
    void close(@Disposes OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
