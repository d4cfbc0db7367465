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

/** A territory's figures: accounts, potential, workload, reps and capacity. */
@Path("/api/territories/{id}/stats")
@Produces(MediaType.APPLICATION_JSON)
public class TerritoryStatsResource {
    @Inject
    StatsService stats;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public StatsService.TerritoryStats stats(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                                             @QueryParam("modelId") String modelId) {
        return stats.stats(id, QueryParams.id("modelId", modelId));
    }
}
