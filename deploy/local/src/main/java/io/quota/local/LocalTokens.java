package io.quota.local;

import io.quota.infra.Tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ready-made tokens for every role of the local run, written to a file a shell can source. */
final class LocalTokens {
    static final Duration LIFETIME = Duration.ofHours(12);

    /** Variable name → token: one per role, plus a rep scoped to territory EAST. */
    static Map<String, String> mint(Tokens tokens) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String role : List.of("admin", "planner", "approver", "viewer", "ingest", "service")) {
            out.put(role.toUpperCase(), tokens.mint("local-" + role, List.of(role), List.of(), LIFETIME));
        }
        out.put("REP_EAST", tokens.mint("local-rep-east", List.of("rep"), List.of("EAST"), LIFETIME));
        return out;
    }

    static Path write(Path dataDir, Map<String, String> tokens) {
        StringBuilder sb = new StringBuilder("# source this file: bearer tokens for the local run (valid ")
                .append(LIFETIME.toHours()).append(" h)\n");
        tokens.forEach((name, token) -> sb.append("export ").append(name).append('=').append(token).append('\n'));
        Path file = dataDir.resolve("tokens.env");
        try {
            Files.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private LocalTokens() {
    }
}
