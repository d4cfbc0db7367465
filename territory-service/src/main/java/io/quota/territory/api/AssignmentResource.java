package io.quota.territory.api;

import io.quota.platform.security.Roles;
import io.quota.territory.application.AccountService;
import io.quota.territory.application.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Accounts the rules give no territory (ORPHAN) or several at one priority (OVERLAP): reported, never resolved. */
@Path("/api/assignments")
@Produces(MediaType.APPLICATION_JSON)
public class AssignmentResource {
    @Inject
    AccountService accounts;

    @GET
    @Path("/conflicts")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Page<AccountService.ConflictView> conflicts(@QueryParam("modelId") String modelId,
                                                       @QueryParam("type") String type,
                                                       @QueryParam("page") String page, @QueryParam("size") String size) {
        String t = type == null || type.isBlank() ? null : type.strip().toUpperCase(java.util.Locale.ROOT);
        if (t != null && !t.equals("ORPHAN") && !t.equals("OVERLAP")) {
            throw io.quota.platform.problem.ProblemException.badRequest("type", "type is ORPHAN or OVERLAP");
        }
        return accounts.conflicts(QueryParams.id("modelId", modelId), t, QueryParams.page(page), QueryParams.size(size));
    }
}
