package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import io.quota.territory.application.AccountService;
import io.quota.territory.application.AccountView;
import io.quota.territory.application.Page;
import io.quota.territory.domain.assignments.AccountHistory;
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
import java.util.List;

/** Accounts (客户); their territory is derived by the boundary rules, never typed. */
@Path("/api/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {
    @Inject
    AccountService accounts;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response create(@Valid @NotNull AccountRequest body) {
        if (body.id() == null) {
            throw ProblemException.badRequest("id", "id is required");
        }
        AccountView a = accounts.create(body.facts(body.id()));
        return Response.created(URI.create("/api/accounts/" + a.id())).tag(ETags.of(a.version())).entity(a).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Page<AccountView> list(@QueryParam("territoryId") String territoryId, @QueryParam("city") String city,
                                  @QueryParam("page") String page, @QueryParam("size") String size) {
        if (city != null && city.length() > 64) {
            throw ProblemException.badRequest("city", "city is at most 64 characters");
        }
        return accounts.list(QueryParams.id("territoryId", territoryId), city == null || city.isBlank() ? null : city.strip(),
                QueryParams.page(page), QueryParams.size(size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Response get(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id) {
        AccountView a = accounts.get(id);
        return Response.ok(a).tag(ETags.of(a.version())).build();
    }

    @GET
    @Path("/{id}/history")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public List<AccountHistory.Span> history(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id) {
        return accounts.history(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response update(@PathParam("id") @Pattern(regexp = ApiIds.ID, message = ApiIds.ID_MESSAGE) String id,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @Valid @NotNull AccountRequest body) {
        long expected = ETags.expected(ifMatch, "account");
        AccountView a = accounts.update(id, expected, body.facts(id));
        return Response.ok(a).tag(ETags.of(a.version())).build();
    }

    @Inject
    io.quota.territory.application.PlanningFiles files;

    /** Accounts (new ids created, known ones updated) from a CSV or XLSX file (Content-Type); a bad file is 422 listing every bad row and column, nothing imported. */
    @POST
    @Path("/import")
    @Consumes({Files.CSV, Files.TEXT, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response importFile(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return Files.imported(files.importAccounts(io.quota.territory.application.Tables.Format.ofMediaType(contentType), body));
    }

    /** Accounts (new ids created, known ones updated) as CSV (default) or XLSX ({@code format=xlsx}), what the caller's scope shows. */
    @GET
    @Path("/export")
    @Produces({Files.CSV, Files.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER})
    public Response exportFile(@QueryParam("format") String format) {
        io.quota.territory.application.Tables.Format f = Files.format(format);
        return Files.download(files.exportAccounts(f), f, "accounts");
    }
}
