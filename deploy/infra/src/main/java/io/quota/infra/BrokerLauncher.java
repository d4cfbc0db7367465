package io.quota.infra;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Internal: the main class of the broker JVM that {@link LocalKafka} starts. It exits the broker
 * when the JVM that started it dies, even by SIGKILL (when no shutdown hook runs), so no orphan
 * broker keeps ports and memory after a killed test run.
 * <p>
 * Runs on the broker's classpath, where nothing of ours exists: JDK classes only.
 * Arguments: parent pid, the real main class, its arguments.
 */
public final class BrokerLauncher {

    private BrokerLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        long parentPid = Long.parseLong(args[0]);
        ProcessHandle.of(parentPid).ifPresentOrElse(
                // System.exit runs the broker's own shutdown hook: a clean stop, not a crash
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
