package io.quota.kpi.messaging;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Tells a failure that retrying can cure (the database unreachable, restarting, overloaded, a deadlock or
 * serialization conflict, a pool or transaction timeout) from one that a record causes (bad data, a bug), which
 * is isolated and dead-lettered.
 */
final class Failures {
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08 connection, 40 rollback (deadlock, serialization), 53 resources, 57 operator (shutdown), 58 system
                return state == null || state.startsWith("08") || state.startsWith("40") || state.startsWith("53")
                        || state.startsWith("57") || state.startsWith("58");
            }
            if (t instanceof java.net.SocketException || t instanceof java.io.EOFException
                    || t instanceof jakarta.transaction.RollbackException
                    || t instanceof jakarta.transaction.SystemException
                    || t.getClass().getName().contains("Acquisition")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.length() > 500 ? m.substring(0, 500) : m;
    }

    private Failures() {
    }
}
