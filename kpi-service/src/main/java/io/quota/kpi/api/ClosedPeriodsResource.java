package io.quota.kpi.api;

import io.quota.contracts.Metric;
import io.quota.kpi.application.ClosedPeriods;
import io.quota.kpi.domain.CalendarPeriod;
import io.quota.kpi.domain.DateRange;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Closed periods: once a planner closes a period (the books are done), actuals dated in it are refused with the
 * reason (422 here, .dlq from Kafka) unless marked as an adjustment, which is accepted and audited.
 */
@Path("/api")
@Tag(name = "closed periods")
@Produces(MediaType.APPLICATION_JSON)
public class ClosedPeriodsResource {
    @Inject
    ClosedPeriods closed;
    @Inject
    CallerScope caller;

    /** period (2027-03, 2027-Q1, ...) or from/to; metric null closes it for every metric. */
    public record CloseRequest(@Pattern(regexp = "[0-9A-Z-]{4,10}", message = "must look like 2027, 2027-Q1, 2027-03, "
            + "2027-W10 or 2027-03-15") String period, LocalDate from, LocalDate to, Metric metric,
                               @Size(max = 500) String reason) {
    }

    public record ClosedPeriodItem(long id, Metric metric, LocalDate from, LocalDate to, String reason,
                                   String closedBy, Instant closedAt) {
        static ClosedPeriodItem of(ClosedPeriods.View v) {
            return new ClosedPeriodItem(v.id(), v.metric(), v.from(), v.to(), v.reason(), v.closedBy(), v.closedAt());
        }
    }

    public record ClosedPeriodPage(List<ClosedPeriodItem> items, int page, int size, long total) {
    }

    public record AdjustmentItem(UUID eventId, Metric metric, String unit, BigDecimal value, LocalDate businessDate,
                                 String territoryId, String accountId, long closedPeriodId, String source,
                                 Instant recordedAt) {
    }

    public record AdjustmentPage(List<AdjustmentItem> items, int page, int size, long total) {
    }

    @POST
    @Path("/closed-periods")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    @Operation(summary = "Close a period", description = "Actuals dated in it are refused from now on unless marked "
            + "as an adjustment (accepted and audited). 201 with Location.")
    public Response close(@Valid @NotNull CloseRequest request) {
        DateRange range = range(request);
        ClosedPeriods.View row = closed.close(request.metric(), range, request.reason(), caller.actor());
        return Response.created(URI.create("/api/closed-periods/" + row.id()))
                .entity(ClosedPeriodItem.of(row)).build();
    }

    @GET
    @Path("/closed-periods")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.INGEST})
    @Operation(summary = "Closed periods, oldest first")
    public ClosedPeriodPage list(@QueryParam("page") String page, @QueryParam("size") String size) {
        int p = QueryParams.integer(page, "page", 0, 0, 1_000_000);
        int s = QueryParams.integer(size, "size", 50, 1, 500);
        var rows = closed.page(p, s);
        return new ClosedPeriodPage(rows.items().stream().map(ClosedPeriodItem::of).toList(), p, s, rows.total());
    }

    @GET
    @Path("/closed-periods/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.INGEST})
    @Operation(summary = "One closed period")
    public ClosedPeriodItem get(@PathParam("id") String id) {
        return ClosedPeriodItem.of(closed.find(id(id)).orElseThrow(() -> ProblemException.notFound("closed period", id)));
    }

    @DELETE
    @Path("/closed-periods/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    @Operation(summary = "Reopen a closed period", description = "204; 404 when there is no such closed period.")
    public Response reopen(@PathParam("id") String id) {
        if (!closed.reopen(id(id), caller.actor())) {
            throw ProblemException.notFound("closed period", id);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/adjustments")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Audit trail of adjustments accepted into closed periods, newest first")
    public AdjustmentPage adjustments(@QueryParam("page") String page, @QueryParam("size") String size) {
        int p = QueryParams.integer(page, "page", 0, 0, 1_000_000);
        int s = QueryParams.integer(size, "size", 50, 1, 500);
        var rows = closed.adjustments(p, s);
        return new AdjustmentPage(rows.items().stream().map(a -> new AdjustmentItem(a.eventId(), a.metric(),
                a.unit(), a.value(), a.businessDate(), a.territoryId(), a.accountId(), a.closedPeriodId(), a.source(),
                a.recordedAt())).toList(), p, s, rows.total());
    }

    private static long id(String id) {
        try {
            long n = Long.parseLong(id);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below exactly like a missing one
        }
        throw ProblemException.notFound("closed period", id);
    }

    private static DateRange range(CloseRequest r) {
        boolean dates = r.from() != null || r.to() != null;
        DateRange range;
        if (r.period() != null) {
            if (dates) {
                throw ProblemException.badRequest("period", "give either period or from/to, not both");
            }
            try {
                range = CalendarPeriod.parse(r.period());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("period", e.getMessage());
            }
        } else {
            if (r.from() == null) {
                throw ProblemException.badRequest("from", "period, or from and to, are required");
            }
            if (r.to() == null) {
                throw ProblemException.badRequest("to", "to is required with from");
            }
            if (r.to().isBefore(r.from())) {
                throw ProblemException.badRequest("to", "to must not be before from");
            }
            range = new DateRange(r.from(), r.to());
        }
        if (range.from().isBefore(QueryParams.EARLIEST) || range.to().isAfter(QueryParams.LATEST)) {
            throw ProblemException.badRequest(r.period() != null ? "period" : "from", "the period must lie between "
                    + QueryParams.EARLIEST + " and " + QueryParams.LATEST);
        }
        return range;
    }
}
