package io.quota.kpi.api;

import io.quota.kpi.application.AttainmentService;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/nodes")
@Tag(name = "attainment")
@Produces(MediaType.APPLICATION_JSON)
public class NodesResource {
    @Inject
    AttainmentService attainment;
    @Inject
    CallerScope caller;

    @GET
    @Path("/{key}/history")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    @Operation(summary = "A node's daily series",
            description = "key: a node key (plan~territory=EAST~2027-03-01..2027-03-31). One point per day of the "
                    + "node's period up to today (or from/to inside it), each the figures at the end of that day. "
                    + "A territory outside the caller's scope is answered like an unknown one (404).")
    public Response history(@PathParam("key") String key, @QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("page") String page, @QueryParam("size") String size,
                            @Context Request request) {
        if (key == null || key.length() > 500) {
            throw ProblemException.badRequest("key", "a node key is at most 500 characters");
        }
        var h = attainment.history(key, QueryParams.date(from, "from"), QueryParams.date(to, "to"),
                QueryParams.integer(page, "page", 0, 0, 1_000_000), QueryParams.integer(size, "size", 50, 1, 500),
                caller);
        var body = new HistoryPage(h.planId(), h.version(), h.nodeKey(), h.items().stream().map(p -> new Point(
                p.date(), p.figures().target(), p.figures().actual(), p.figures().expectedToDate(),
                p.figures().attainment(), p.figures().pace(), p.figures().forecast())).toList(), h.page(), h.size(),
                h.total());
        EntityTag tag = new EntityTag(Integer.toHexString(body.hashCode()), true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        return (unchanged != null ? unchanged : Response.ok(body)).tag(tag).build();
    }

    /** The figures at the end of one day: actual counts actuals dated up to it, expected is owed up to it. */
    public record Point(java.time.LocalDate date, java.math.BigDecimal target, java.math.BigDecimal actual,
                        java.math.BigDecimal expectedToDate, java.math.BigDecimal attainment,
                        java.math.BigDecimal pace, java.math.BigDecimal forecast) {
    }

    public record HistoryPage(String plan, int version, String nodeKey, java.util.List<Point> items, int page, int size,
                              long total) {
    }
}
