package io.quota.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;
import java.time.Instant;

/** Live while the outbox relay keeps completing passes; a relay stuck for long needs a restart. */
@Liveness
@ApplicationScoped
public class OutboxLiveness implements HealthCheck {
    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quota.outbox.stuck-after", defaultValue = "PT5M")
    Duration stuckAfter;

    @Override
    public HealthCheckResponse call() {
        Instant last = relay.lastSuccess();
        return HealthCheckResponse.named("outbox-relay")
                .status(last.isAfter(Instant.now().minus(stuckAfter)))
                .withData("lastSuccess", last.toString())
                .build();
    }
}
