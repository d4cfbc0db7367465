package io.quota.notification.api;

import io.quota.notification.api.DeliveryViews.Delivery;
import io.quota.notification.api.DeliveryViews.DeliveryDetail;
import io.quota.notification.application.DeliveryService;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.domain.Reader;
import io.quota.notification.persistence.DeliveryEntity;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Inject
    DeliveryService deliveries;
    @Inject
    CallerScope caller;

    /** Newest first; status and subscriptionId narrow the list; only what the caller may see (see Reader). */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public PageView<Delivery> list(
            @QueryParam("status") @Pattern(regexp = "PENDING|IN_FLIGHT|DELIVERED|FAILED",
                    message = "must be PENDING, IN_FLIGHT, DELIVERED or FAILED") String status,
            @QueryParam("subscriptionId") @Pattern(regexp = UUID_PATTERN, message = "must be a subscription id (UUID)")
            String subscriptionId,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        DeliveryStatus s = status == null ? null : DeliveryStatus.valueOf(status);
        UUID subscription = subscriptionId == null ? null : UUID.fromString(subscriptionId);
        Reader reader = Callers.reader(caller);
        return new PageView<>(deliveries.page(reader, s, subscription, page, size).stream().map(Delivery::of)
                .toList(), page, size, deliveries.count(reader, s, subscription));
    }

    /** One the caller may not see is 404 exactly like a missing one. */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public Response get(@PathParam("id") String id, @Context Request request) {
        DeliveryEntity d = deliveries.get(parse(id), Callers.reader(caller));
        EntityTag tag = new EntityTag(d.id + "-" + d.version);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return notModified != null ? notModified.build()
                : Response.ok(DeliveryDetail.of(d, deliveries.attempts(d.id))).tag(tag).build();
    }

    /**
     * Sends a DELIVERED or FAILED delivery again (202: it is due now, the dispatcher sends it). A rep only those of
     * its own subscriptions; one the caller may not see is 404.
     */
    @POST
    @Path("/{id}/redeliver")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.REP})
    public Response redeliver(@PathParam("id") String id) {
        return Response.accepted(Delivery.of(deliveries.redeliver(parse(id), Callers.reader(caller)))).build();
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("delivery", id);
        }
    }
}
