package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import io.quota.territory.application.Page;
import io.quota.territory.application.RepAssignmentView;
import io.quota.territory.application.RepService;
import io.quota.territory.application.RepView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
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

/** Reps (销售代表) and their PRIMARY / OVERLAY territory assignments, effective-dated, history kept. */
@Path("/api/reps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RepResource {
    @Inject
    RepService reps;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response create(@Valid @NotNull RepRequests.Rep body) {
        if (body.id() == null) {
            throw ProblemException.badRequest("id", "id is required");
        }
        RepView r = reps.create(body.id(), body.input());
        return Response.created(URI.create("/api/reps/" + r.id())).tag(ETags.of(r.version())).entity(r).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Page<RepView> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return reps.list(QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Response get(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id) {
        RepView r = reps.get(id);
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response update(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull RepRequests.Rep body) {
        RepView r = reps.update(id, ETags.expected(ifMatch, "rep"), body.input());
        return Response.ok(r).tag(ETags.of(r.version())).build();
    }

    @GET
    @Path("/{id}/assignments")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public RepAssignmentView assignments(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id) {
        return reps.assignments(id);
    }

    @POST
    @Path("/{id}/assignments")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response assign(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                           @Valid @NotNull RepRequests.Assignment body) {
        RepAssignmentView v = reps.assign(id, body.input());
        return Response.created(URI.create("/api/reps/" + id + "/assignments")).entity(v).build();
    }

    @POST
    @Path("/{id}/assignments/{assignmentId}/end")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public RepAssignmentView end(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                                 @PathParam("assignmentId") @Pattern(regexp = "[0-9]{1,18}", message = "must be a number") String assignmentId,
                                 @Valid @NotNull RepRequests.End body) {
        return reps.end(id, Long.parseLong(assignmentId), Dates.bounded("effectiveTo", body.effectiveTo()));
    }

    @Inject
    io.quota.territory.application.PlanningFiles files;

    /** Reps with their assignments (one row per assignment record) from a CSV or XLSX file (Content-Type); a bad file is 422 listing every bad row and column, nothing imported. */
    @POST
    @Path("/import")
    @Consumes({Files.CSV, Files.TEXT, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response importFile(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return Files.imported(files.importReps(io.quota.territory.application.Tables.Format.ofMediaType(contentType), body));
    }

    /** Reps with their assignments (one row per assignment record) as CSV (default) or XLSX ({@code format=xlsx}), what the caller's scope shows. */
    @GET
    @Path("/export")
    @Produces({Files.CSV, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER})
    public Response exportFile(@QueryParam("format") String format) {
        io.quota.territory.application.Tables.Format f = Files.format(format);
        return Files.download(files.exportReps(f), f, "reps");
    }
}
