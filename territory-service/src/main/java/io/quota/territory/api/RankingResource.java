package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import io.quota.territory.application.BalancingService;
import io.quota.territory.application.Page;
import io.quota.territory.application.StatsService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/** Leaf territories ranked by potential per rep or workload per rep, highest first. */
@Path("/api/territory-rankings")
@Produces(MediaType.APPLICATION_JSON)
public class RankingResource {
    @Inject
    StatsService stats;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Page<StatsService.TerritoryStats> ranking(@QueryParam("by") String by, @QueryParam("parentId") String parentId,
                                                     @QueryParam("modelId") String modelId,
                                                     @QueryParam("page") String page, @QueryParam("size") String size) {
        String measure = by == null || by.isBlank() ? "potentialPerRep" : by.strip();
        if (!measure.equals("potentialPerRep") && !measure.equals("workloadPerRep")) {
            throw ProblemException.badRequest("by", "by is potentialPerRep or workloadPerRep");
        }
        return stats.ranking(measure, QueryParams.id("parentId", parentId), QueryParams.id("modelId", modelId),
                QueryParams.page(page), QueryParams.size(size));
    }
}
