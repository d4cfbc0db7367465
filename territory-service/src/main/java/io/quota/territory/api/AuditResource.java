package io.quota.territory.api;

import io.quota.platform.security.Roles;
import io.quota.territory.application.AuditEntryView;
import io.quota.territory.application.AuditTrail;
import io.quota.territory.application.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The audit trail: who changed what and when, newest first. Admins only. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
    @Inject
    AuditTrail audit;

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Page<AuditEntryView> list(@QueryParam("entityId") String entityId, @QueryParam("page") String page,
                                     @QueryParam("size") String size) {
        return audit.list(QueryParams.id("entityId", entityId), QueryParams.page(page), QueryParams.size(size));
    }
}
