package io.quota.platform.tracing;

import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.Set;

/**
 * A server span around every write request (POST, PUT, PATCH, DELETE: the requests that publish events), continuing
 * the caller's traceparent header, so the events the request publishes through the outbox carry its trace on
 * through Kafka. Reads are not traced. Only requests served on a worker thread are traced: the span is current
 * on that thread from the request filter to the response filter (an event-loop request, e.g. a stream, could end
 * on another thread and leave the span current where it does not belong).
 */
@Provider
public class HttpTracing implements ContainerRequestFilter, ContainerResponseFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String SCOPE = HttpTracing.class.getName();
    private static final TextMapGetter<ContainerRequestContext> HEADERS = Traces.getter(
            request -> request.getHeaders().keySet(), ContainerRequestContext::getHeaderString);

    @Inject
    Traces traces;

    @Override
    public void filter(ContainerRequestContext request) {
        if (WRITES.contains(request.getMethod()) && BlockingOperationControl.isBlockingAllowed()) {
            request.setProperty(SCOPE, traces.startServer(request.getMethod(), request.getUriInfo().getPath(), request, HEADERS));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SCOPE) instanceof Traces.TraceScope trace) {
            request.removeProperty(SCOPE);
            trace.span().setAttribute("http.response.status_code", response.getStatus());
            if (response.getStatus() >= 500) {
                trace.span().setStatus(StatusCode.ERROR);
            }
            trace.close();
        }
    }
}
