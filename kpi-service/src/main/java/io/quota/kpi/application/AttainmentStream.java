package io.quota.kpi.application;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.kpi.persistence.TerritoryRepository;
import io.quota.platform.security.CallerScope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/**
 * AttainmentChanged for browsers (Server-Sent Events): every instance reads quota.attainment.v1 itself (its own
 * consumer group), so a browser sees the events of every instance, already coalesced to one per node per second.
 */
@ApplicationScoped
public class AttainmentStream {
    /**
     * Events a browser may fall behind by. The broadcast fails a subscriber with no outstanding demand, and an SSE
     * writer asks for one event at a time: without this buffer a burst (one batch touches many nodes) would end the
     * stream. A browser further behind than this is disconnected; EventSource reconnects.
     */
    static final int BROWSER_BUFFER = 1024;

    private final BroadcastProcessor<AttainmentChanged> events = BroadcastProcessor.create();

    @Inject
    TerritoryRepository territories;

    public void publish(AttainmentChanged event) {
        events.onNext(event);
    }

    /**
     * The stream a caller may see: a caller restricted to some subtrees sees only nodes whose territory lies in
     * them (its scope taken when it connects); a node without a territory is never in a restricted scope.
     */
    public Multi<AttainmentChanged> forCaller(CallerScope caller) {
        return forScope(caller.unrestricted() ? null : Set.copyOf(territories.subtrees(caller.roots())));
    }

    /** Events whose node's territory lies in scope (null: every event), buffered per browser. */
    Multi<AttainmentChanged> forScope(Set<String> scope) {
        Multi<AttainmentChanged> visible = scope == null ? events : events.filter(e -> {
            String territory = NodeKey.parse(e.nodeKey()).member(Dimension.TERRITORY);
            return territory != null && scope.contains(territory);
        });
        return visible.onOverflow().buffer(BROWSER_BUFFER);
    }
}
