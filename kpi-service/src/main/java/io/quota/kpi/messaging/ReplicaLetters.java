package io.quota.kpi.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quota.contracts.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies a re-driven letter of a replica topic through the consumer of that topic, in a transaction of its own,
 * exactly as if it had just been consumed: the inbox skips an event already applied, and replicas keep the newest
 * state, so an old letter never undoes a later change.
 */
@ApplicationScoped
class ReplicaLetters {
    @Inject
    PlanEventsConsumer plans;
    @Inject
    TargetEventsConsumer targets;
    @Inject
    TerritoryEventsConsumer territories;
    @Inject
    AssignmentEventsConsumer assignments;

    void apply(ConsumerRecord<String, String> record) {
        Map<String, Consumer<ConsumerRecord<String, String>>> byTopic = Map.of(
                Topics.PLANS, plans::onPlanEvent,
                Topics.TARGETS, targets::onTargetAllocated,
                Topics.TERRITORIES, territories::onTerritoryChanged,
                Topics.ASSIGNMENTS, assignments::onAccountAssignment,
                Topics.REP_ASSIGNMENTS, assignments::onRepAssignment);
        Consumer<ConsumerRecord<String, String>> consumer = byTopic.get(record.topic());
        if (consumer == null) {
            throw new IllegalArgumentException("no consumer of " + record.topic() + " in kpi-service");
        }
        QuarkusTransaction.requiringNew().run(() -> consumer.accept(record));
    }
}
