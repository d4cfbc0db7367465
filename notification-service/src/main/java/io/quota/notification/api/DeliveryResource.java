package io.quota.notification.api;

import io.quota.notification.api.DeliveryViews.Delivery;
import io.quota.notification.api.DeliveryViews.DeliveryDetail;
import io.quota.notification.application.DeliveryService;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DeliveryStatus;
import io.quota.notification.domain.Reader;
import io.quota.notification.persistence.DeliveryEntity;
import io.quota.notification.persistence.DeliveryRepository.DeliveryQuery;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Path("/api/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {
    private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    private static final String UUID_PATTERN = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    @Inject
    DeliveryService deliveries;
    @Inject
    CallerScope caller;

    /**
     * Newest first; status, channel, subscriptionId, plan and a creation window from (inclusive) .. to (exclusive)
     * narrow the list; only what the caller may see (see Reader).
     */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public PageView<Delivery> list(
            @QueryParam("status") @Pattern(regexp = "PENDING|IN_FLIGHT|DELIVERED|FAILED|MERGED",
                    message = "must be PENDING, IN_FLIGHT, DELIVERED, FAILED or MERGED") String status,
            @QueryParam("channel") @Pattern(regexp = "WEBHOOK|SLACK|DINGTALK|WECOM|FEISHU|EMAIL",
                    message = "must be WEBHOOK, SLACK, DINGTALK, WECOM, FEISHU or EMAIL") String channel,
            @QueryParam("subscriptionId") @Pattern(regexp = UUID_PATTERN, message = "must be a subscription id (UUID)")
            String subscriptionId,
            @QueryParam("plan") @Pattern(regexp = "[A-Za-z0-9_.:\\-]{1,64}",
                    message = "must be a plan id ([A-Za-z0-9_.:-]{1,64})") String plan,
            @QueryParam("from") @Size(max = 40) String from,
            @QueryParam("to") @Size(max = 40) String to,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Instant since = instant(from, "from");
        Instant until = instant(to, "to");
        if (since != null && until != null && until.isBefore(since)) {
            throw ProblemException.badRequest("to", "to must not be before from");
        }
        DeliveryQuery query = new DeliveryQuery(status == null ? null : DeliveryStatus.valueOf(status),
                channel == null ? null : Channel.valueOf(channel),
                subscriptionId == null ? null : UUID.fromString(subscriptionId), plan, since, until);
        Reader reader = Callers.reader(caller);
        return new PageView<>(deliveries.page(reader, query, page, size).stream().map(Delivery::of).toList(), page,
                size, deliveries.count(reader, query));
    }

    /** An ISO-8601 instant (2027-03-22T00:00:00Z) between 1990 and 2100, or absent. */
    private static Instant instant(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            Instant at = Instant.parse(value);
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw ProblemException.badRequest(field, field + " must lie between 1990 and 2100");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, field + " must be an ISO-8601 instant, e.g. 2027-03-22T00:00:00Z");
        }
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
