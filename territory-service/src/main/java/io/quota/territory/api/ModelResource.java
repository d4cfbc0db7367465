package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import io.quota.territory.application.AssignmentService;
import io.quota.territory.application.ModelService;
import io.quota.territory.application.ModelView;
import io.quota.territory.application.Page;
import io.quota.territory.application.RuleService;
import io.quota.territory.application.RuleView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * Territory models (区域方案) and their boundary rules. Models span every territory: only an unscoped admin or
 * planner changes them; readers see every model and the rules of the territories in their scope.
 */
@Path("/api/territory-models")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ModelResource {
    @Inject
    ModelService models;
    @Inject
    RuleService rules;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response create(@Valid @NotNull ModelRequests.CreateModel body) {
        ModelView m = models.create(body.id(), body.name().strip(), body.basedOn());
        return Response.created(URI.create("/api/territory-models/" + m.id())).tag(ETags.of(m.version())).entity(m).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Page<ModelView> list(@QueryParam("status") String status, @QueryParam("page") String page,
                                @QueryParam("size") String size) {
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (s != null && !s.matches("PLANNING|ACTIVE|ARCHIVED")) {
            throw ProblemException.badRequest("status", "status is PLANNING, ACTIVE or ARCHIVED");
        }
        return models.list(s, QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Response get(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id) {
        ModelView m = models.get(id);
        return Response.ok(m).tag(ETags.of(m.version())).build();
    }

    @POST
    @Path("/{id}/activate")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public ModelView activate(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                              @Valid ModelRequests.Activate body) {
        ModelRequests.Activate a = body == null ? new ModelRequests.Activate(null, null, null) : body;
        return models.activate(id, Dates.bounded("effectiveFrom", a.effectiveFrom()), Boolean.TRUE.equals(a.force()), a.reason());
    }

    @GET
    @Path("/{id}/comparison")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER})
    public ModelService.Comparison compare(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                                           @QueryParam("with") String with, @QueryParam("maxMoves") String maxMoves) {
        return models.compare(id, QueryParams.id("with", with), QueryParams.integer("maxMoves", maxMoves, 100, 0, 500));
    }

    @GET
    @Path("/{id}/rules")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Page<RuleView> rules(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                                @QueryParam("territoryId") String territoryId, @QueryParam("page") String page,
                                @QueryParam("size") String size) {
        return rules.list(id, QueryParams.id("territoryId", territoryId), QueryParams.page(page), QueryParams.size(size));
    }

    @POST
    @Path("/{id}/rules")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response createRule(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                               @Valid @NotNull ModelRequests.Rule body) {
        if (body.id() == null) {
            throw ProblemException.badRequest("id", "id is required");
        }
        RuleService.RuleChange c = rules.create(id, body.id(), body.territoryId(), body.priority(), body.condition());
        return Response.created(URI.create("/api/territory-models/" + id + "/rules/" + body.id())).entity(c).build();
    }

    /** If-Match names the model's ETag: rules change the model, and a stale picture of it must not. */
    @PUT
    @Path("/{id}/rules/{ruleId}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public RuleService.RuleChange updateRule(
            @PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
            @PathParam("ruleId") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String ruleId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull ModelRequests.Rule body) {
        requireVersion(id, ifMatch);
        return rules.update(id, ruleId, body.territoryId(), body.priority(), body.condition());
    }

    @DELETE
    @Path("/{id}/rules/{ruleId}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public AssignmentService.Outcome deleteRule(
            @PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
            @PathParam("ruleId") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String ruleId,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        requireVersion(id, ifMatch);
        return rules.delete(id, ruleId);
    }

    private void requireVersion(String modelId, String ifMatch) {
        long expected = ETags.expected(ifMatch, "territory model");
        long actual = models.get(modelId).version();
        if (actual != expected) {
            throw new ProblemException(412, "Precondition failed", "territory model " + modelId + " is at version "
                    + actual + ", not " + expected + ": read it again and retry", "If-Match");
        }
    }

    @Inject
    io.quota.territory.application.PlanningFiles files;

    /** A PLANNING model's boundary rules (condition as JSON) from a CSV or XLSX file (Content-Type); a bad file is 422 listing every bad row and column, nothing imported. */
    @POST
    @Path("/{id}/rules/import")
    @Consumes({Files.CSV, Files.TEXT, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response importFile(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return Files.imported(files.importRules(id, io.quota.territory.application.Tables.Format.ofMediaType(contentType), body));
    }

    /** A PLANNING model's boundary rules (condition as JSON) as CSV (default) or XLSX ({@code format=xlsx}), what the caller's scope shows. */
    @GET
    @Path("/{id}/rules/export")
    @Produces({Files.CSV, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER})
    public Response exportFile(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id, @QueryParam("format") String format) {
        io.quota.territory.application.Tables.Format f = Files.format(format);
        return Files.download(files.exportRules(id, f), f, "rules");
    }
}
