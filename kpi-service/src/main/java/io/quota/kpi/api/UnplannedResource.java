package io.quota.kpi.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quota.contracts.Metric;
import io.quota.kpi.application.AttainmentService;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.List;

@Path("/api/unplanned")
@Tag(name = "attainment")
@Produces(MediaType.APPLICATION_JSON)
public class UnplannedResource {
    @Inject
    AttainmentService attainment;
    @Inject
    CallerScope caller;

    /** territory null: the actual's account was held by no territory on its date. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Bucket(String territory, BigDecimal value) {
    }

    public record UnplannedPage(String plan, int version, Metric metric, String unit, BigDecimal unplanned,
                                List<Bucket> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    @Operation(summary = "A plan's unplanned bucket",
            description = "Actuals of the plan's metric and unit within its period that no cell of the active version "
                    + "takes (e.g. credited to a territory the plan has no cell for), per credited territory. A token "
                    + "scoped to territories sees only those in its scope.")
    public UnplannedPage get(@QueryParam("plan") String plan, @QueryParam("page") String page,
                             @QueryParam("size") String size) {
        int p = QueryParams.integer(page, "page", 0, 0, 1_000_000);
        int s = QueryParams.integer(size, "size", 50, 1, 500);
        var result = attainment.unplanned(QueryParams.id(plan, "plan", true), caller);
        String unit = result.unit();
        List<Bucket> all = result.buckets().stream()
                .map(b -> new Bucket(b.territoryId(), TotalsResource.display(b.value(), unit))).toList();
        BigDecimal sum = result.buckets().stream().map(AttainmentService.Bucket::value)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Bucket> items = all.stream().skip((long) p * s).limit(s).toList();
        return new UnplannedPage(result.planId(), result.version(), result.metric(), unit,
                TotalsResource.display(sum, unit), items, p, s, all.size());
    }
}
