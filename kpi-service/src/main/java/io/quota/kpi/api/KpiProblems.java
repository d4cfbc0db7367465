package io.quota.kpi.api;

import io.quota.kpi.application.ActualsService;
import io.quota.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** A batch error names every offending field (e.g. {@code [3].value}); {@code field} is the first of them. */
public class KpiProblems {
    @ServerExceptionMapper
    public Response invalidBatch(InvalidBatch e) {
        return fieldErrors(400, "Invalid input", e.errors());
    }

    /** Well-formed actuals the rules refuse (unit other than the plan's, closed period): 422, nothing appended. */
    @ServerExceptionMapper
    public Response refused(ActualsService.Refused e) {
        return fieldErrors(422, "Actuals refused", e.errors());
    }

    private static Response fieldErrors(int status, String title, List<Problem.FieldError> errors) {
        String detail = errors.stream().limit(20).map(f -> f.field() + ": " + f.message())
                .collect(Collectors.joining("; "));
        Problem problem = new Problem("about:blank", title, status, detail, null, errors.get(0).field(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
