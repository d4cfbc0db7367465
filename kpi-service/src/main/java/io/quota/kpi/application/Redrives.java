package io.quota.kpi.application;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quota.contracts.Topics;
import io.quota.kpi.application.DeadLetterBox.Letter;
import io.quota.kpi.application.DeadLetterBox.Origin;
import io.quota.kpi.persistence.RedriveRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-drive (issue 8): after a fix, publishes the letters of kpi-service's .dlq topics back to their topic, each
 * once. A letter is known by its first place in its .dlq (a letter re-driven, refused again and dead-lettered
 * again keeps it), recorded in the same transaction that publishes it; one re-drive runs at a time. Published
 * then recorded: a crash in between publishes a letter twice, which its event id makes a no-op downstream.
 */
@ApplicationScoped
public class Redrives {
    private static final Logger LOG = Logger.getLogger(Redrives.class);

    /** The .dlq topics of what kpi-service consumes. */
    public static final List<String> DLQ_TOPICS = List.of(Topics.ACTUALS, Topics.PLANS, Topics.TARGETS,
            Topics.TERRITORIES, Topics.ASSIGNMENTS, Topics.REP_ASSIGNMENTS).stream().map(Topics::dlq).toList();

    @Inject
    DeadLetterBox box;
    @Inject
    RedriveRepository redriven;

    /** Per .dlq topic: letters re-driven now, and letters left alone because they were re-driven before. */
    public record TopicResult(String dlqTopic, int redriven, int alreadyRedriven) {
    }

    public List<TopicResult> redrive(List<String> dlqTopics, String actor, String reason) {
        return QuarkusTransaction.requiringNew().timeout((int) Duration.ofMinutes(5).toSeconds()).call(() -> {
            redriven.lock();
            List<TopicResult> results = new ArrayList<>();
            for (String dlq : dlqTopics) {
                Set<String> done = redriven.redriven(dlq);
                Map<Origin, Letter> todo = new LinkedHashMap<>();
                int skipped = 0;
                for (Letter l : box.letters(dlq)) {
                    Origin o = l.origin();
                    if (!o.dlqTopic().equals(dlq) || done.contains(o.partition() + "/" + o.offset())
                            || todo.containsKey(o)) {
                        skipped++;
                    } else {
                        todo.put(o, l);
                    }
                }
                List<Letter> letters = new ArrayList<>(todo.values());
                box.redrive(letters);
                redriven.record(dlq, letters.stream().map(l -> l.origin().partition()).toList(),
                        letters.stream().map(l -> l.origin().offset()).toList(),
                        letters.stream().map(Letter::topic).toList(), actor, reason);
                if (!letters.isEmpty()) {
                    LOG.infof("re-drive by %s: %d letters of %s back to their topic (%d re-driven before)", actor,
                            letters.size(), dlq, skipped);
                }
                results.add(new TopicResult(dlq, letters.size(), skipped));
            }
            return results;
        });
    }
}
