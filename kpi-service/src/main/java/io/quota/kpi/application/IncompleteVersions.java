package io.quota.kpi.application;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quota.kpi.persistence.PlanVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plan version that is still incomplete (header or some of its cellCount cells missing) a configurable time
 * after kpi-service first heard of it raises an alert: a WARN log once per version, and the gauge
 * {@code kpi_plan_versions_incomplete_overdue} (versions overdue right now) for alerting rules.
 */
@ApplicationScoped
public class IncompleteVersions {
    private static final Logger LOG = Logger.getLogger(IncompleteVersions.class);

    @Inject
    PlanVersionRepository plans;

    @ConfigProperty(name = "quota.plans.incomplete-alert-after", defaultValue = "PT15M")
    Duration alertAfter;

    private final AtomicLong overdue = new AtomicLong();

    @Inject
    void register(MeterRegistry registry) {
        registry.gauge("kpi.plan_versions.incomplete_overdue", overdue);
    }

    @Scheduled(identity = "incomplete-versions", every = "${quota.plans.incomplete-check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            LOG.warnf(e, "incomplete plan version check failed; the next one retries");
        }
    }

    /** Counts overdue versions and alerts once for each newly overdue one; returns those newly alerted. */
    public List<PlanVersionRepository.Overdue> checkNow() {
        return QuarkusTransaction.requiringNew().call(() -> {
            overdue.set(plans.countOverdueIncomplete(alertAfter));
            List<PlanVersionRepository.Overdue> fresh = plans.markOverdueIncomplete(alertAfter);
            for (PlanVersionRepository.Overdue o : fresh) {
                LOG.warnf("ALERT plan %s v%d still incomplete after %s: %s, %d of %s cells arrived", o.planId(),
                        o.version(), alertAfter, o.published() ? "header arrived" : "header missing", o.arrived(),
                        o.cellCount() == null ? "?" : o.cellCount().toString());
            }
            return fresh;
        });
    }

    public long overdue() {
        return overdue.get();
    }
}
