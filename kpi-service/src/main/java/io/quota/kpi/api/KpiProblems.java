package io.quota.kpi.api;

import io.quota.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** A batch error names every offending field (e.g. {@code [3].value}); {@code field} is the first of them. */
public class KpiProblems {
    @ServerExceptionMapper
    public Response invalidBatch(InvalidBatch e) {
        String detail = e.errors().stream().limit(20).map(f -> f.field() + ": " + f.message())
                .collect(Collectors.joining("; "));
        Problem problem = new Problem("about:blank", "Invalid input", 400, detail, null, e.errors().get(0).field(),
                e.errors());
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
