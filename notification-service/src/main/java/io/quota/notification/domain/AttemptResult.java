package io.quota.notification.domain;

import java.time.Duration;
import java.util.Objects;

/** What one delivery attempt found out. */
public record AttemptResult(AttemptOutcome outcome, Integer statusCode, String error, Duration duration) {
    private static final int MAX_ERROR = 500;

    public AttemptResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(duration, "duration");
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR);
        }
    }

    /** The receiver answered: 2xx is delivered, anything else (including 3xx: redirects are not followed) failed. */
    public static AttemptResult answered(int statusCode, Duration duration) {
        boolean ok = statusCode >= 200 && statusCode < 300;
        return new AttemptResult(ok ? AttemptOutcome.DELIVERED : AttemptOutcome.HTTP_ERROR, statusCode,
                ok ? null : "HTTP " + statusCode, duration);
    }

    /** The receiver answered 2xx but its body says it refused the message (chat robots answer errors that way). */
    public static AttemptResult rejected(int statusCode, String error, Duration duration) {
        return new AttemptResult(AttemptOutcome.REJECTED, statusCode, error, duration);
    }

    public static AttemptResult notAnswered(AttemptOutcome outcome, String error, Duration duration) {
        if (outcome == AttemptOutcome.DELIVERED || outcome == AttemptOutcome.HTTP_ERROR
                || outcome == AttemptOutcome.REJECTED) {
            throw new IllegalArgumentException(outcome + " needs a status code");
        }
        return new AttemptResult(outcome, null, error, duration);
    }

    public boolean delivered() {
        return outcome == AttemptOutcome.DELIVERED;
    }
}
