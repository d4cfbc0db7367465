package io.quota.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One running suite for every test class of this module: starting it costs about a minute on 2 cores. */
final class SharedSuite {
    private static LocalSuite suite;

    static synchronized LocalSuite get() {
        if (suite == null) {
            try {
                suite = LocalSuite.start(new LocalSuite.Options(Files.createTempDirectory("quota-e2e-"), 0, 0, false,
                        Map.of("quota.delivery.poll-interval", "0.2s")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "shared-suite-stop"));
        }
        return suite;
    }

    static String token(String subject, String role) {
        return get().tokens().mint(subject, List.of(role), List.of(), Duration.ofHours(1));
    }

    private SharedSuite() {
    }
}
