package io.quota.notification.api;

import io.quota.notification.api.SubscriptionViews.CreatedSubscription;
import io.quota.notification.api.SubscriptionViews.Subscription;
import io.quota.notification.api.SubscriptionViews.SubscriptionBody;
import io.quota.notification.application.SubscriptionService;
import io.quota.notification.domain.Reader;
import io.quota.notification.persistence.SubscriptionEntity;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
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
import jakarta.ws.rs.core.UriInfo;

import java.util.UUID;

@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriptionResource {
    @Inject
    SubscriptionService subscriptions;
    @Inject
    CallerScope caller;

    /**
     * The caller owns what it creates; the subscription hears only about nodes inside the caller's territory scope,
     * and a territory its filter names must lie inside that scope too.
     */
    @POST
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.REP})
    public Response create(@Valid @NotNull SubscriptionBody body, @Context UriInfo uri) {
        SubscriptionEntity s = subscriptions.subscribe(body.request(), caller.actor(), Callers.territories(caller));
        return Response.created(uri.getAbsolutePathBuilder().path(s.id.toString()).build())
                .tag(etag(s)).entity(CreatedSubscription.of(s)).build();
    }

    /**
     * Replaces what the subscription asks for; If-Match must carry the ETag last read (428 without, 412 when it
     * changed since). A rep changes only its own (someone else's is 404). The answer never shows the secret.
     */
    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.REP})
    public Response update(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull SubscriptionBody body) {
        UUID subscription = parse(id);
        if (ifMatch == null || ifMatch.isBlank()) {
            // 404 before 428: the caller learns nothing about a subscription it may not see
            subscriptions.get(subscription, Callers.reader(caller));
            throw new ProblemException(428, "Precondition required",
                    "a PUT needs If-Match with the ETag of the subscription it read", "If-Match");
        }
        SubscriptionEntity s = subscriptions.update(subscription, tag(ifMatch), body.request(), Callers.reader(caller),
                Callers.territories(caller));
        return Response.ok(Subscription.of(s)).tag(etag(s)).build();
    }

    /** Everyone's; a rep's own only. */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public PageView<Subscription> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                       @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Reader reader = Callers.reader(caller);
        return new PageView<>(subscriptions.page(reader, page, size).stream().map(Subscription::of).toList(), page,
                size, subscriptions.count(reader));
    }

    /** Someone else's, for a rep, is 404 exactly like a missing one. */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public Response get(@PathParam("id") String id, @Context Request request) {
        SubscriptionEntity s = subscriptions.get(parse(id), Callers.reader(caller));
        EntityTag tag = etag(s);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return notModified != null ? notModified.build() : Response.ok(Subscription.of(s)).tag(tag).build();
    }

    /** A rep ends only its own (someone else's is 404). */
    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.REP})
    public Response delete(@PathParam("id") String id) {
        subscriptions.unsubscribe(parse(id), Callers.reader(caller));
        return Response.noContent().build();
    }

    private static EntityTag etag(SubscriptionEntity s) {
        return new EntityTag(SubscriptionService.etag(s));
    }

    /** The tag inside an If-Match value: "..." or W/"..." (a weak tag matches as well: the body is the same). */
    private static String tag(String ifMatch) {
        String t = ifMatch.strip();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }

    /** Ids are UUIDs; anything else names no subscription. */
    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("subscription", id);
        }
    }
}
