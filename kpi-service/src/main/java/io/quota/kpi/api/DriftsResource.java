package io.quota.kpi.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quota.contracts.DriftState;
import io.quota.kpi.application.AttainmentService;
import io.quota.kpi.application.DriftView;
import io.quota.platform.problem.ProblemException;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@Path("/api/drifts")
@Tag(name = "drifts")
@Produces(MediaType.APPLICATION_JSON)
public class DriftsResource {
    @Inject
    AttainmentService attainment;
    @Inject
    CallerScope caller;

    /** since: when the node entered its state; asOf: the business date its last figures were taken at. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DriftItem(String nodeKey, String plan, int version, DriftState state, BigDecimal pace, Instant since,
                            LocalDate asOf) {
        static DriftItem of(DriftView v) {
            return new DriftItem(v.nodeKey(), v.planId(), v.version(), v.state(), v.pace(), v.since(), v.asOf());
        }
    }

    public record DriftPage(List<DriftItem> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    @Operation(summary = "Current drift states of nodes, by node key",
            description = "A token scoped to territories sees only the nodes whose territory lies in its scope.")
    public DriftPage list(@QueryParam("plan") String plan, @QueryParam("state") String state,
                          @QueryParam("page") String page, @QueryParam("size") String size) {
        var result = attainment.drifts(QueryParams.id(plan, "plan", false), state(state),
                QueryParams.integer(page, "page", 0, 0, 1_000_000), QueryParams.integer(size, "size", 50, 1, 500), caller);
        return new DriftPage(result.items().stream().map(DriftItem::of).toList(), result.page(), result.size(),
                result.total());
    }

    private static DriftState state(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return DriftState.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("state", "state must be ON_TRACK, WARNING, CRITICAL or AHEAD");
        }
    }
}
