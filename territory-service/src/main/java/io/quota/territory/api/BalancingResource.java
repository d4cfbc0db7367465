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

/** Balancing proposals for the leaf territories of a region, and applying them to a PLANNING model. */
@Path("/api/territories/{regionId}/balancing-proposals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BalancingResource {
    @Inject
    BalancingService balancing;

    /** Options of a balancing proposal; lockedUnits are unit keys ("city:杭州", "account:A1", "postal:EAST:310"). */
    public record ProposalRequest(@NotNull @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String modelId,
                                  BalancingService.UnitKind unit,
                                  @Min(1) @Max(10) Integer postalPrefixLength,
                                  @Size(max = 10_000) List<@NotNull @Size(max = 200) String> lockedUnits,
                                  @Min(0) @Max(1_000_000) Integer maxMovedAccounts,
                                  @DecimalMin("0") @DecimalMax("1") @jakarta.validation.constraints.Digits(integer = 1, fraction = 4) BigDecimal tolerance) {
    }

    /** Applying writes the moves into the proposal's PLANNING model; with activateOn it also activates it then. */
    public record ApplyRequest(LocalDate activateOn, Boolean force, @Size(max = 1000) String reason) {
    }

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response propose(@PathParam("regionId") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String regionId,
                            @Valid @NotNull ProposalRequest body) {
        BalancingService.ProposalView p = balancing.propose(regionId, new BalancingService.Request(body.modelId(),
                body.unit(), body.postalPrefixLength(), body.lockedUnits(), body.maxMovedAccounts(), body.tolerance()));
        return Response.created(URI.create("/api/territories/" + regionId + "/balancing-proposals/" + p.id()))
                .entity(p).build();
    }

    @GET
    @Path("/{proposalId}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER})
    public BalancingService.ProposalView proposal(
            @PathParam("regionId") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String regionId,
            @PathParam("proposalId") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String proposalId) {
        return balancing.get(regionId, proposalId);
    }

    @POST
    @Path("/{proposalId}/apply")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public BalancingService.ApplyResult apply(
            @PathParam("regionId") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String regionId,
            @PathParam("proposalId") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String proposalId,
            @Valid ApplyRequest body) {
        ApplyRequest a = body == null ? new ApplyRequest(null, null, null) : body;
        return balancing.apply(regionId, proposalId, Dates.bounded("activateOn", a.activateOn()), Boolean.TRUE.equals(a.force()), a.reason());
    }
}
