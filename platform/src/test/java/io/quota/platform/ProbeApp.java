package io.quota.platform;

import io.quota.contracts.events.TerritoryChanged;
import io.quota.platform.inbox.Inbox;
import io.quota.platform.messaging.IncomingEvents;
import io.quota.platform.messaging.RetryTransient;
import io.quota.contracts.EventIds;
import io.quota.contracts.QuotaEvent;
import io.quota.platform.outbox.Outbox;
import io.quota.platform.outbox.OutboxExpander;
import io.quota.platform.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;
import io.quota.platform.security.Roles;
import io.quota.platform.tracing.Traces;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** A tiny application that uses the platform the way every service does. */
public class ProbeApp {
    public record NewTerritory(@NotBlank String id, @NotNull @Positive BigDecimal potential) {
    }

    @Path("/probe")
    public static class ProbeResource {
        @Inject
        Outbox outbox;

        @POST
        @Path("/territories")
        @RolesAllowed(Roles.PLANNER)
        @Transactional
        public String create(@Valid @NotNull NewTerritory body) {
            UUID id = UUID.randomUUID();
            outbox.publish(new TerritoryChanged(id, Instant.now(), 1, body.id(), null, "GEOGRAPHIC", "ACTIVE",
                    null, null, body.potential(), null, null, null));
            return id.toString();
        }

        /** One outbox row standing for {@code count} territories; recording it twice stores it once. */
        @POST
        @Path("/expansions/{prefix}/{count}")
        @RolesAllowed(Roles.PLANNER)
        @Transactional
        public void expand(@PathParam("prefix") String prefix, @PathParam("count") int count) {
            outbox.publishExpansion(ProbeExpander.NAME, prefix, prefix + "/" + count);
            outbox.publishExpansion(ProbeExpander.NAME, prefix, prefix + "/" + count);
        }

        @GET
        @Path("/territories/{id}")
        @RolesAllowed({Roles.PLANNER, Roles.VIEWER})
        public String get(@PathParam("id") String id) {
            throw ProblemException.notFound("territory", id);
        }
    }

    /** Expands "prefix/count" into count territories whose event ids derive from their ids. */
    @ApplicationScoped
    public static class ProbeExpander implements OutboxExpander {
        static final String NAME = "probe-territories";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public void expand(String payload, Consumer<QuotaEvent> publish) {
            String[] parts = payload.split("/");
            for (int i = 0; i < Integer.parseInt(parts[1]); i++) {
                String territory = parts[0] + "-" + i;
                publish.accept(new TerritoryChanged(EventIds.derive("probe", territory), Instant.now(), 1, territory,
                        null, "GEOGRAPHIC", "ACTIVE", null, null, BigDecimal.ONE, null, null, null));
            }
        }
    }

    @ApplicationScoped
    public static class ProbeConsumer {
        @Inject
        Inbox inbox;
        @Inject
        EntityManager em;
        @Inject
        Traces traces;

        @Incoming("territories")
        @Blocking
        @RetryTransient
        @Transactional
        public void onTerritory(ConsumerRecord<String, String> record) {
            try (Traces.TraceScope trace = traces.continueFrom(record)) {
                TerritoryChanged event = IncomingEvents.read(record, TerritoryChanged.class);
                if (inbox.firstDelivery("probe", event.eventId())) {
                    em.createNativeQuery("insert into probe_effect (event_id, territory_id, trace_id) values (?1, ?2, ?3)")
                            .setParameter(1, event.eventId()).setParameter(2, event.territoryId())
                            .setParameter(3, Span.current().getSpanContext().getTraceId()).executeUpdate();
                }
            }
        }
    }
}
