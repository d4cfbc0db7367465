package io.quota.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Carries a trace across Kafka in the W3C {@code traceparent} header. The outbox stores {@link #currentTraceparent()}
 * with each row and the relay sends it as the record's header; a consumer continues the trace with
 * {@link #continueFrom(ConsumerRecord)}, so whatever it publishes inside that scope belongs to the same trace.
 * SmallRye Kafka makes a receive span per record on its own but does not make it current while the
 * {@code @Incoming} method runs, hence this helper.
 */
@ApplicationScoped
public class Traces {
    public static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Headers> KAFKA_HEADERS = getter(
            headers -> {
                List<String> keys = new ArrayList<>();
                headers.forEach(h -> keys.add(h.key()));
                return keys;
            },
            (headers, key) -> {
                Header h = headers.lastHeader(key);
                return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
            });

    private static final TextMapGetter<Map<String, String>> MAP = getter(Map::keySet, Map::get);

    private final Tracer tracer;

    @Inject
    public Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.quota.platform");
    }

    /** The W3C traceparent of the current span, or null outside a (valid) span. */
    public static String currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /**
     * Starts a consumer span that continues the trace named by the record's traceparent header (a new trace when it
     * has none, e.g. an upstream system's actual) and makes it current until the returned scope is closed.
     */
    public TraceScope continueFrom(ConsumerRecord<?, ?> record) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(), KAFKA_HEADERS);
        Span span = tracer.spanBuilder(record.topic() + " process").setSpanKind(SpanKind.CONSUMER).setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .startSpan();
        return TraceScope.enter(span);
    }

    /**
     * Starts a span that continues a stored traceparent (e.g. one a delivery row kept from the event that caused it,
     * when the work happens later on another thread), and makes it current until the scope is closed. A null or
     * malformed traceparent starts a new trace.
     */
    public TraceScope resume(String traceparent, String spanName, SpanKind kind) {
        Map<String, String> carrier = traceparent == null ? Map.of() : Map.of(TRACEPARENT, traceparent);
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP);
        return TraceScope.enter(tracer.spanBuilder(spanName).setSpanKind(kind).setParent(parent).startSpan());
    }

    /** Starts a server span for an HTTP request, continuing the caller's trace when its headers name one. */
    public <C> TraceScope startServer(String method, String path, C carrier, TextMapGetter<C> headers) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, headers);
        Span span = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setParent(parent)
                .setAttribute("http.request.method", method)
                .setAttribute("url.path", path)
                .startSpan();
        return TraceScope.enter(span);
    }

    static <C> TextMapGetter<C> getter(Function<C, Iterable<String>> keys, java.util.function.BiFunction<C, String, String> get) {
        return new TextMapGetter<>() {
            @Override
            public Iterable<String> keys(C carrier) {
                return keys.apply(carrier);
            }

            @Override
            public String get(C carrier, String key) {
                return carrier == null ? null : get.apply(carrier, key);
            }
        };
    }

    /** A span made current (and its ids put in the log MDC, so JSON logs carry them) until closed. */
    public static final class TraceScope implements AutoCloseable {
        private final Span span;
        private final Scope scope;
        private final Object previousTraceId;
        private final Object previousSpanId;

        private TraceScope(Span span) {
            this.span = span;
            this.scope = span.makeCurrent();
            SpanContext ids = span.getSpanContext();
            this.previousTraceId = MDC.get("traceId");
            this.previousSpanId = MDC.get("spanId");
            MDC.put("traceId", ids.getTraceId());
            MDC.put("spanId", ids.getSpanId());
        }

        static TraceScope enter(Span span) {
            return new TraceScope(span);
        }

        public Span span() {
            return span;
        }

        public String traceId() {
            return span.getSpanContext().getTraceId();
        }

        @Override
        public void close() {
            restore("traceId", previousTraceId);
            restore("spanId", previousSpanId);
            scope.close();
            span.end();
        }

        private static void restore(String key, Object previous) {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        }
    }
}
