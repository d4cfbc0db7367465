package io.quota.kpi.api;

import io.quota.contracts.events.AttainmentChanged;
import io.quota.kpi.application.AttainmentStream;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/stream")
@Tag(name = "attainment")
public class StreamResource {
    @Inject
    AttainmentStream stream;
    @Inject
    CallerScope caller;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    @Operation(summary = "AttainmentChanged as Server-Sent Events",
            description = "The AttainmentChanged events of quota.attainment.v1 (nodes at the plans' alert levels, at "
                    + "most one per node per second) from the moment of connecting. A token scoped to territories "
                    + "sees only nodes whose territory lies in its scope.")
    public Multi<AttainmentChanged> stream() {
        return stream.forCaller(caller);
    }
}
