package io.quota.notification.api;

import io.quota.notification.domain.Reader;
import io.quota.notification.domain.TerritoryScope;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;

/** What the caller's token lets it see here (DESIGN section 6). */
final class Callers {

    /**
     * A rep (with no broader role) reads only the subscriptions it owns and their deliveries; anyone whose token
     * names territories reads only deliveries about nodes inside them.
     */
    static Reader reader(CallerScope caller) {
        TerritoryScope territories = territories(caller);
        return onlyRep(caller) ? Reader.owner(caller.actor(), territories) : new Reader(null, territories);
    }

    /** The territory subtrees in the caller's scope; a rep without a territories claim gets none. */
    static TerritoryScope territories(CallerScope caller) {
        return caller.unrestricted() ? TerritoryScope.EVERYWHERE : new TerritoryScope(caller.roots());
    }

    private static boolean onlyRep(CallerScope caller) {
        return caller.hasRole(Roles.REP) && !caller.hasRole(Roles.ADMIN) && !caller.hasRole(Roles.PLANNER)
                && !caller.hasRole(Roles.APPROVER) && !caller.hasRole(Roles.VIEWER);
    }

    private Callers() {
    }
}
