package io.quota.platform.messaging;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Tells a failure worth retrying (the database restarting, a lost connection, a deadlock or serialization
 * conflict) from one that will fail again (a poison event, a broken rule). A consumer retries the first kind
 * with backoff until a deadline, so a database outage stalls the stream instead of dead-lettering good events.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /** True when some cause in the chain is a connection loss, a lock conflict or a resource shortage. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof OptimisticLockException
                    || t instanceof PessimisticLockException || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE classes 08 (connection), 40 (rollback: deadlock, serialization), 53 (resources), 57P (shutdown). */
    static boolean transientState(String state) {
        return state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P");
    }

    /** Sleeps between attempts; a seam so tests need no clock. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Runs {@code work}, again after each transient failure, with backoff doubling from {@code first} up to
     * {@code longest}, for at most {@code attempts} attempts; any other failure is thrown at once.
     */
    public static <T> T retry(Callable<T> work, int attempts, Duration first, Duration longest, Pause pause)
            throws Exception {
        Duration wait = first;
        for (int attempt = 1; ; attempt++) {
            try {
                return work.call();
            } catch (Exception e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
                pause.sleep(wait);
                wait = wait.multipliedBy(2).compareTo(longest) > 0 ? longest : wait.multipliedBy(2);
            }
        }
    }
}
