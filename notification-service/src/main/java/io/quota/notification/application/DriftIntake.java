package io.quota.notification.application;

import io.quota.contracts.EventIds;
import io.quota.contracts.QuotaEvent;
import io.quota.notification.domain.TerritoryScope;
import io.quota.notification.persistence.DeliveryRepository;
import io.quota.notification.persistence.SubscriptionEntity;
import io.quota.notification.persistence.SubscriptionRepository;
import io.quota.notification.persistence.TerritoryRepository;
import io.quota.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns a drift event into one due delivery per matching subscription: its plan filter matches and, when it has a
 * territory scope, the node lies inside it (a node naming no territory is a roll-up, outside every scope). Twice
 * safe: the inbox recognises the event id, and (event, subscription) is unique, both in the transaction that stores
 * the deliveries.
 */
@ApplicationScoped
public class DriftIntake {
    static final String CONSUMER = "notification-service.drift";
    private static final Logger LOG = Logger.getLogger(DriftIntake.class);

    @Inject
    Inbox inbox;
    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    DeliveryRepository deliveries;
    @Inject
    TerritoryRepository territories;

    /** Returns how many deliveries it added. */
    @Transactional
    public int accept(QuotaEvent event, String rawJson) {
        DriftNotification notification = DriftNotification.of(event, rawJson);
        if (!inbox.firstDelivery(CONSUMER, event.eventId())) {
            LOG.debugf("event %s seen before", event.eventId());
            return 0;
        }
        Instant now = Instant.now();
        String territory = notification.territoryId();
        // walked once, and only when a subscription with a territory scope wants this plan
        List<String> ancestorsAndSelf = null;
        int added = 0;
        for (SubscriptionEntity s : subscriptions.all()) {
            if (!s.channel.available() || !s.filter().matches(notification.planId())) {
                continue;
            }
            TerritoryScope scope = s.scope();
            if (!scope.unrestricted()) {
                if (ancestorsAndSelf == null) {
                    ancestorsAndSelf = territory == null ? List.of() : territories.ancestorsAndSelf(territory);
                }
                // a subscription never tells more than its owner may read
                if (!scope.covers(ancestorsAndSelf)) {
                    continue;
                }
            }
            UUID deliveryId = EventIds.derive("delivery", event.eventId().toString(), s.id.toString());
            if (deliveries.addIfAbsent(deliveryId, s.id, event.eventId(), event.ceType(), territory,
                    notification.render(s.summaryLocale()), now)) {
                added++;
            }
        }
        LOG.infof("%s %s: %d deliveries due", event.ceType(), event.eventId(), added);
        return added;
    }
}
