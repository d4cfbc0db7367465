package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import io.quota.territory.application.Page;
import io.quota.territory.application.TerritoryService;
import io.quota.territory.application.TerritoryView;
import io.quota.territory.domain.TerritoryStatus;
import io.quota.territory.domain.TerritoryType;
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
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;

/**
 * The territory tree (销售区域). Reads carry an ETag (the version); a PUT must name it in If-Match. Planners shape
 * the tree; every reader sees the part its token's territory scope covers, and nothing else exists for it.
 */
@Path("/api/territories")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TerritoryResource {
    @Inject
    TerritoryService territories;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response create(@Valid @NotNull CreateTerritoryRequest body) {
        TerritoryView created = territories.create(body.id(), body.input());
        return Response.created(URI.create("/api/territories/" + created.id())).tag(etag(created)).entity(created)
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Page<TerritoryView> list(@QueryParam("parentId") String parentId, @QueryParam("type") String type,
                                    @QueryParam("status") String status, @QueryParam("page") String page,
                                    @QueryParam("size") String size) {
        return territories.list(QueryParams.id("parentId", parentId),
                QueryParams.enumeration("type", type, TerritoryType.class),
                QueryParams.enumeration("status", status, TerritoryStatus.class),
                QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Response get(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id) {
        TerritoryView territory = territories.get(id);
        return Response.ok(territory).tag(etag(territory)).build();
    }

    @GET
    @Path("/{id}/subtree")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Subtree subtree(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id) {
        var items = territories.subtree(id).stream().map(SubtreeItem::of).toList();
        return new Subtree(id, items, items.size());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response update(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull UpdateTerritoryRequest body) {
        long expected = expectedVersion(ifMatch);
        TerritoryView updated = territories.update(id, expected, body.input(), body.status());
        return Response.ok(updated).tag(etag(updated)).build();
    }

    static EntityTag etag(TerritoryView territory) {
        return new EntityTag(Long.toString(territory.version()));
    }

    /** If-Match is required on PUT: the version the client last read, as its ETag {@code "3"}. */
    static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "Precondition required",
                    "a PUT needs If-Match with the ETag of the territory it read, e.g. If-Match: \"3\"", "If-Match");
        }
        String tag = ifMatch.strip();
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (tag.matches("[0-9]{1,18}")) {
            return Long.parseLong(tag);
        }
        throw ProblemException.badRequest("If-Match", "If-Match must be one ETag of this territory, e.g. \"3\"");
    }

    @Inject
    io.quota.territory.application.PlanningFiles files;

    /** The territory tree from a CSV or XLSX file (Content-Type); a bad file is 422 listing every bad row and column, nothing imported. */
    @POST
    @Path("/import")
    @Consumes({Files.CSV, Files.TEXT, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response importFile(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return Files.imported(files.importTerritories(io.quota.territory.application.Tables.Format.ofMediaType(contentType), body));
    }

    /** The territory tree as CSV (default) or XLSX ({@code format=xlsx}), what the caller's scope shows. */
    @GET
    @Path("/export")
    @Produces({Files.CSV, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER})
    public Response exportFile(@QueryParam("format") String format) {
        io.quota.territory.application.Tables.Format f = Files.format(format);
        return Files.download(files.exportTerritories(f), f, "territories");
    }
}
