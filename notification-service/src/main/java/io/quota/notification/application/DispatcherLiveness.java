package io.quota.notification.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Instant;

/** Live while the delivery dispatcher keeps completing passes. */
@Liveness
@ApplicationScoped
public class DispatcherLiveness implements HealthCheck {
    @Inject
    DeliveryDispatcher dispatcher;

    @Inject
    DeliveryConfig config;

    @Override
    public HealthCheckResponse call() {
        Instant last = dispatcher.lastPass();
        return HealthCheckResponse.named("delivery-dispatcher")
                .status(last.isAfter(Instant.now().minus(config.stuckAfter())))
                .withData("lastPass", last.toString())
                .build();
    }
}
