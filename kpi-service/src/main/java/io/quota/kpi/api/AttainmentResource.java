package io.quota.kpi.api;

import io.quota.kpi.application.AttainmentService;
import io.quota.kpi.domain.CalendarPeriod;
import io.quota.kpi.domain.DateRange;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.Map;

@Path("/api/attainment")
@Tag(name = "attainment")
@Produces(MediaType.APPLICATION_JSON)
public class AttainmentResource {
    @Inject
    AttainmentService attainment;
    @Inject
    CallerScope caller;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    @Operation(summary = "Attainment of a node of a plan's active version",
            description = "period: 2027, 2027-Q1, 2027-03, 2027-W10 or 2027-03-15, or from/to business dates "
                    + "(default: the plan's period). territory: a territory whose subtree is rolled up (default: the "
                    + "whole plan). Roll-ups sum the cells lying wholly inside the period. Without asOf the figures are "
                    + "live (expected as of yesterday, actuals up to today); with asOf, at the end of that business day. A "
                    + "token scoped to territories sees a territory outside its scope as unknown (404), and the whole "
                    + "plan as the sum of its cells inside its scope.")
    public Response get(@QueryParam("plan") String plan, @QueryParam("territory") String territory,
                        @QueryParam("period") String period, @QueryParam("from") String from,
                        @QueryParam("to") String to, @QueryParam("asOf") String asOf,
                        @QueryParam("industry") String industry, @QueryParam("customerType") String customerType,
                        @QueryParam("productLine") String productLine, @QueryParam("channel") String channel,
                        @QueryParam("groupBy") String groupBy, @Context Request request) {
        // filters this slice cannot answer yet are refused rather than silently ignored
        for (Map.Entry<String, String> unsupported : Map.of("industry", nz(industry), "customerType", nz(customerType),
                "productLine", nz(productLine), "channel", nz(channel), "groupBy", nz(groupBy)).entrySet()) {
            if (!unsupported.getValue().isEmpty()) {
                throw ProblemException.badRequest(unsupported.getKey(), unsupported.getKey() + " is not supported yet");
            }
        }
        var result = attainment.attainment(QueryParams.id(plan, "plan", true), QueryParams.id(territory, "territory", false),
                range(period, from, to), QueryParams.date(asOf, "asOf"), caller);
        AttainmentResponse body = AttainmentResponse.of(result);
        EntityTag tag = new EntityTag(Integer.toHexString(body.hashCode()), true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        return (unchanged != null ? unchanged : Response.ok(body)).tag(tag).build();
    }

    static DateRange range(String period, String from, String to) {
        boolean dates = nz(from).length() + nz(to).length() > 0;
        if (period != null && !period.isEmpty()) {
            if (dates) {
                throw ProblemException.badRequest("period", "give either period or from/to, not both");
            }
            try {
                DateRange range = CalendarPeriod.parse(period);
                if (range.from().isBefore(QueryParams.EARLIEST) || range.to().isAfter(QueryParams.LATEST)) {
                    throw ProblemException.badRequest("period", "period must lie between " + QueryParams.EARLIEST
                            + " and " + QueryParams.LATEST);
                }
                return range;
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("period", e.getMessage());
            }
        }
        if (!dates) {
            return null;
        }
        LocalDate start = QueryParams.date(from, "from");
        LocalDate end = QueryParams.date(to, "to");
        if (start == null) {
            throw ProblemException.badRequest("from", "from is required with to");
        }
        if (end == null) {
            throw ProblemException.badRequest("to", "to is required with from");
        }
        if (end.isBefore(start)) {
            throw ProblemException.badRequest("to", "to must not be before from");
        }
        return new DateRange(start, end);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
