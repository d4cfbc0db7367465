package io.quota.notification.domain;

/**
 * Who is reading subscriptions and deliveries: a rep sees only subscriptions it owns (and their deliveries), anyone
 * with a territory scope only deliveries about nodes inside it. Something a reader may not see is answered exactly
 * like something missing.
 */
public record Reader(String owner, TerritoryScope territories) {
    /** Sees every subscription and every delivery. */
    public static final Reader EVERYTHING = new Reader(null, TerritoryScope.EVERYWHERE);

    public Reader {
        territories = territories == null ? TerritoryScope.EVERYWHERE : territories;
    }

    /** A reader of its own subscriptions only. */
    public static Reader owner(String owner, TerritoryScope territories) {
        if (owner == null) {
            throw new IllegalArgumentException("an owner-only reader needs its owner");
        }
        return new Reader(owner, territories);
    }

    public boolean unrestricted() {
        return owner == null && territories.unrestricted();
    }

    /** Whether subscriptions of this owner (null: created before owners were recorded) are visible. */
    public boolean seesSubscriptionOf(String subscriptionOwner) {
        return owner == null || owner.equals(subscriptionOwner);
    }
}
