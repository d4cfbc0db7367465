package io.quota.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a notice goes out to one subscription, the one place throttling, quiet hours and escalation are decided.
 * <ul>
 * <li>Critical news (a node turning CRITICAL, e.g. a WARNING escalating) goes at once, always: through quiet hours
 * and past the throttle window.</li>
 * <li>Throttling: a message sent on its own opens the subscription's window; whatever else arrives inside it is
 * merged into one digest sent when the window ends.</li>
 * <li>Quiet hours hold the rest until they end, in the subscription's time zone; held with a window set, they merge
 * into one digest too.</li>
 * </ul>
 * The clock is a parameter, so every rule is tested at any instant.
 */
public final class DeliveryTiming {
    /** Longest throttle window a subscription may ask for. */
    public static final Duration MAX_WINDOW = Duration.ofHours(24);

    /** What to do with one notice for one subscription. */
    public sealed interface Decision {
    }

    /** Due now, on its own; {@code opensWindow}: from now the subscription's throttle window runs. */
    public record SendNow(boolean opensWindow) implements Decision {
    }

    /** On its own, but not before {@code until} (quiet hours, no throttle window). */
    public record Hold(Instant until) implements Decision {
    }

    /** Into the subscription's open digest, or a new one due at {@code dueAt}. */
    public record Digest(Instant dueAt) implements Decision {
    }

    /**
     * @param quiet          the subscription's quiet hours, or null
     * @param window         its throttle window (zero: no throttling)
     * @param windowOpenedAt when its window last opened, or null
     */
    public static Decision decide(boolean critical, Instant now, QuietHours quiet, Duration window,
                                  Instant windowOpenedAt) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(window, "window");
        boolean throttled = !window.isZero() && !window.isNegative();
        boolean windowOpen = throttled && windowOpenedAt != null && now.isBefore(windowOpenedAt.plus(window));
        if (critical) {
            return new SendNow(throttled && !windowOpen);
        }
        if (windowOpen) {
            return new Digest(release(quiet, windowOpenedAt.plus(window)));
        }
        Instant release = release(quiet, now);
        if (release.isAfter(now)) {
            return throttled ? new Digest(release) : new Hold(release);
        }
        return new SendNow(throttled);
    }

    private static Instant release(QuietHours quiet, Instant at) {
        return quiet == null ? at : quiet.releaseAt(at);
    }

    /** Whether a throttle window is one a subscription may ask for: 0 (none) up to {@link #MAX_WINDOW}. */
    public static boolean validWindow(Duration window) {
        return window != null && !window.isNegative() && window.compareTo(MAX_WINDOW) <= 0;
    }

    private DeliveryTiming() {
    }
}
