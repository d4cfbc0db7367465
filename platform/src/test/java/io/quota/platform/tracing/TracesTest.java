package io.quota.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace hand-over without Quarkus: header in, same trace out; none in, a new one. */
class TracesTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    final Traces traces = new Traces(OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder().build()).build());

    @Test
    void aConsumerContinuesTheTraceOfTheRecordsHeaderAndPublishesItOn() {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("quota.drift.v1", 3, 42L, "node", "{}");
        record.headers().add(Traces.TRACEPARENT, PARENT.getBytes(StandardCharsets.UTF_8));
        assertNull(Traces.currentTraceparent(), "outside a span there is nothing to carry on");
        try (Traces.TraceScope scope = traces.continueFrom(record)) {
            assertEquals(TRACE, scope.traceId());
            assertEquals(TRACE, Span.current().getSpanContext().getTraceId());
            String onward = Traces.currentTraceparent();
            assertTrue(onward.startsWith("00-" + TRACE + "-"), onward);
            assertNotEquals(PARENT, onward, "the consumer's own span is the parent of what it publishes");
            assertEquals(TRACE, MDC.get("traceId"), "JSON logs carry the trace id");
        }
        assertFalse(Span.current().getSpanContext().isValid(), "closing the scope leaves no span current");
        assertNull(MDC.get("traceId"));
    }

    @Test
    void aRecordWithoutHeaderStartsANewTrace() {
        try (Traces.TraceScope scope = traces.continueFrom(new ConsumerRecord<>("quota.actuals.v1", 0, 0L, "a", "{}"))) {
            assertTrue(scope.traceId().matches("[0-9a-f]{32}") && !scope.traceId().equals("0".repeat(32)), scope.traceId());
        }
    }

    @Test
    void aStoredTraceparentIsResumedLater() {
        try (Traces.TraceScope scope = traces.resume(PARENT, "deliver", SpanKind.CLIENT)) {
            assertEquals(TRACE, scope.traceId());
        }
        try (Traces.TraceScope scope = traces.resume("garbage", "deliver", SpanKind.CLIENT)) {
            assertNotEquals(TRACE, scope.traceId());
            assertTrue(Span.current().getSpanContext().isValid());
        }
    }
}
