package io.quota.kpi.api;

import io.quota.kpi.application.AttainmentService;
import io.quota.kpi.domain.CalendarPeriod;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.NodeLevel;
import io.quota.contracts.Dimension;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

@Path("/api/attainment")
@Tag(name = "attainment")
@Produces(MediaType.APPLICATION_JSON)
public class AttainmentResource {
    @Inject
    AttainmentService attainment;
    @Inject
    CallerScope caller;
    @Inject
    io.quota.kpi.application.AttainmentCache cache;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    @Operation(summary = "Attainment of a node of a plan's active version",
            description = "period: 2027, 2027-Q1, 2027-03, 2027-W10, 2027-03-15, FY2027 or FY2027-Q1 (the plan's "
                    + "fiscal year starts in the month its period starts), or from/to business dates (default: the "
                    + "plan's period). industry, customerType, productLine, channel: members the node is limited to. "
                    + "groupBy: e.g. territory,month or region,quarter,productLine: a page of nodes instead of one. territory: a territory whose subtree is rolled up (default: the "
                    + "whole plan). Roll-ups sum the cells lying wholly inside the period. Without asOf the figures are "
                    + "live (expected as of yesterday, actuals up to today); with asOf, at the end of that business day. A "
                    + "token scoped to territories sees a territory outside its scope as unknown (404), and the whole "
                    + "plan as the sum of its cells inside its scope.")
    public Response get(@QueryParam("plan") String plan, @QueryParam("territory") String territory,
                        @QueryParam("period") String period, @QueryParam("from") String from,
                        @QueryParam("to") String to, @QueryParam("asOf") String asOf,
                        @QueryParam("industry") String industry, @QueryParam("customerType") String customerType,
                        @QueryParam("productLine") String productLine, @QueryParam("channel") String channel,
                        @QueryParam("groupBy") String groupBy, @QueryParam("page") String page,
                        @QueryParam("size") String size, @Context Request request) {
        String planId = QueryParams.id(plan, "plan", true);
        Map<Dimension, String> members = new EnumMap<>(Dimension.class);
        Map<Dimension, String> given = new EnumMap<>(Dimension.class);
        given.put(Dimension.TERRITORY, territory);
        given.put(Dimension.INDUSTRY, industry);
        given.put(Dimension.CUSTOMER_TYPE, customerType);
        given.put(Dimension.PRODUCT_LINE, productLine);
        given.put(Dimension.CHANNEL, channel);
        given.forEach((d, v) -> {
            String id = QueryParams.id(v, d.param(), false);
            if (id != null) {
                members.put(d, id);
            }
        });
        AttainmentService.PeriodQuery periodQuery = periodQuery(period, from, to);
        LocalDate asOfDate = QueryParams.date(asOf, "asOf");
        NodeLevel level = groupBy == null || groupBy.isEmpty() ? null : level(groupBy);
        int pageNumber = QueryParams.integer(page, "page", 0, 0, 1_000_000);
        int pageSize = QueryParams.integer(size, "size", 50, 1, 500);
        String key = String.join("|", planId, members.toString(), String.valueOf(periodQuery), String.valueOf(asOfDate),
                String.valueOf(groupBy), pageNumber + "/" + pageSize,
                caller.unrestricted() ? "*" : new java.util.TreeSet<>(caller.roots()).toString());
        Object body = cache.get(key, () -> {
            if (level == null) {
                return AttainmentResponse.of(attainment.attainment(planId, members, periodQuery, asOfDate, caller));
            }
            var result = attainment.grouped(planId, members, periodQuery, level, asOfDate, pageNumber, pageSize, caller);
            return new Grouped(planId, List.of(groupBy.split(",")),
                    result.items().stream().map(AttainmentResponse::of).toList(), result.page(), result.size(),
                    result.total());
        });
        // a weak tag of the figures: a dashboard polling with If-None-Match gets 304 while nothing changed
        EntityTag tag = new EntityTag(Integer.toHexString(body.hashCode()), true);
        Response.ResponseBuilder unchanged = request.evaluatePreconditions(tag);
        return (unchanged != null ? unchanged : Response.ok(body)).tag(tag).build();
    }

    /** One page of a node's groups, each with its own figures. */
    public record Grouped(String plan, List<String> groupBy, List<AttainmentResponse> items, int page, int size,
                          long total) {
    }

    static NodeLevel level(String groupBy) {
        if (groupBy.length() > 200) {
            throw ProblemException.badRequest("groupBy", "groupBy is at most 200 characters");
        }
        try {
            NodeLevel level = NodeLevel.parse(groupBy);
            if (level.cell()) {
                throw new IllegalArgumentException("groupBy names dimensions and at most one grain, not cell");
            }
            return level;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("groupBy", e.getMessage());
        }
    }

    /** A calendar period or from/to resolved here; a fiscal form (FY2027, FY2027-Q1) needs the plan's fiscal start. */
    static AttainmentService.PeriodQuery periodQuery(String period, String from, String to) {
        if (period != null && period.startsWith("FY")) {
            if (nz(from).length() + nz(to).length() > 0) {
                throw ProblemException.badRequest("period", "give either period or from/to, not both");
            }
            try {
                DateRange any = CalendarPeriod.parse(period, 1); // the shape; the plan's start decides the dates
                if (any.from().isBefore(QueryParams.EARLIEST) || any.to().getYear() > QueryParams.LATEST.getYear()) {
                    throw ProblemException.badRequest("period", "period must lie between " + QueryParams.EARLIEST
                            + " and " + QueryParams.LATEST);
                }
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("period", e.getMessage());
            }
            return new AttainmentService.PeriodQuery(null, period);
        }
        return new AttainmentService.PeriodQuery(range(period, from, to), null);
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
