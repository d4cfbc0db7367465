package io.quota.kpi.application;

import io.quota.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Which business day is running. The system clock in a plan's time zone, unless a date was set: in the test and
 * local profiles ({@code quota.clock.settable=true}) tests and demos move time this way; never in production.
 * The set date is kept by this instance only.
 */
@ApplicationScoped
public class BusinessClock {
    private final AtomicReference<LocalDate> fixed = new AtomicReference<>();
    private final Clock system = Clock.systemUTC();

    @ConfigProperty(name = "quota.clock.settable", defaultValue = "false")
    boolean settable;

    @ConfigProperty(name = "quota.clock.zone", defaultValue = "Asia/Shanghai")
    ZoneId defaultZone;

    /** Today in the service's default zone. */
    public LocalDate today() {
        return today(defaultZone);
    }

    /** Today where a plan lives: its time zone decides when the business day ends. */
    public LocalDate today(ZoneId zone) {
        LocalDate set = fixed.get();
        return set != null ? set : LocalDate.now(system.withZone(zone));
    }

    public boolean isSet() {
        return fixed.get() != null;
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    public boolean settable() {
        return settable;
    }

    /** Sets today (null: back to the system clock); a 404 where the clock is not settable. */
    public void set(LocalDate today) {
        requireSettable();
        fixed.set(today);
    }

    public void requireSettable() {
        if (!settable) {
            throw new ProblemException(404, "Not found", "the business clock cannot be set in this environment", null);
        }
    }
}
