package io.quota.notification.application;

import io.quota.contracts.InvalidEventException;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.notification.persistence.PlanRepository;
import io.quota.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Keeps the plans that exist (so a filter naming an unknown plan is refused) and their names (so messages read as
 * the plan's name). A withdrawn version leaves the plan in place: an earlier version is active again.
 */
@ApplicationScoped
public class PlanReplica {
    static final String CONSUMER = "notification-service.plans";

    @Inject
    Inbox inbox;
    @Inject
    PlanRepository plans;

    @Transactional
    public void apply(QuotaEvent event) {
        if (!(event instanceof PlanPublished) && !(event instanceof PlanWithdrawn)) {
            throw new InvalidEventException(event.ceType() + " does not belong on the plans topic");
        }
        if (inbox.firstDelivery(CONSUMER, event.eventId()) && event instanceof PlanPublished p) {
            plans.upsert(p.planId(), p.version(), p.name(), p.metric() == null ? null : p.metric().name(),
                    p.occurredAt());
        }
    }
}
