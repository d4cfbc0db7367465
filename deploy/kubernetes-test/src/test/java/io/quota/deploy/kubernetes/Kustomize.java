package io.quota.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders a kustomization with {@code kubectl kustomize} (Kustomize v5 built in), and, without kubectl, collects a
 * kustomization's plain resources itself (enough for the base, which has no patches) so a missing file still fails.
 */
final class Kustomize {
    static final String NO_KUBECTL = "kubectl with Kustomize v5 built in is not on the PATH: the overlays were NOT rendered "
            + "(only the base files were checked). Install kubectl >= 1.27, or set KUBECTL to its path.";

    private Kustomize() {
    }

    /** kubectl from $KUBECTL or the PATH, if it has Kustomize v5 or later. */
    static Optional<Path> kubectl() {
        String configured = System.getenv("KUBECTL");
        Stream<Path> candidates = configured != null && !configured.isBlank() ? Stream.of(Path.of(configured))
                : Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(s -> !s.isBlank()).map(dir -> Path.of(dir, "kubectl"));
        return candidates.filter(Files::isExecutable).findFirst().filter(Kustomize::hasKustomizeV5);
    }

    /** On CI a missing kubectl is an error; on a laptop the overlay tests are skipped with {@link #NO_KUBECTL}. */
    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    private static boolean hasKustomizeV5(Path kubectl) {
        Matcher m = Pattern.compile("\"kustomizeVersion\"\\s*:\\s*\"v(\\d+)").matcher(run(kubectl, "version", "--client", "-o", "json").out);
        return m.find() && Integer.parseInt(m.group(1)) >= 5;
    }

    /** The rendered objects; an error (a missing resource, a bad patch) fails with kubectl's message. */
    static List<JsonNode> render(Path kubectl, Path dir) {
        Result r = run(kubectl, "kustomize", dir.toString());
        if (r.exit != 0) {
            throw new AssertionError("kubectl kustomize " + dir + " failed: " + r.err.strip());
        }
        return Yaml.documents(r.out);
    }

    /**
     * Without kubectl: the objects of a kustomization that only lists resources (files or directories with their own
     * kustomization), recursively. Any other transformation is not applied; a missing resource is an error.
     */
    static List<JsonNode> collect(Path dir, List<String> problems) {
        List<JsonNode> objects = new ArrayList<>();
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(dir + ": no kustomization.yaml");
            return objects;
        }
        JsonNode k = Yaml.documents(Repo.read(file)).get(0);
        for (JsonNode resource : k.path("resources")) {
            Path p = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(collect(p, problems));
            } else if (Files.isRegularFile(p)) {
                try {
                    objects.addAll(Yaml.documents(Repo.read(p)));
                } catch (UncheckedIOException e) {
                    problems.add(p + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            } else {
                problems.add(file + ": resource " + resource.asText() + " does not exist");
            }
        }
        return objects;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Path kubectl, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(kubectl.toString());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("kubectl", ".out");
            Path err = Files.createTempFile("kubectl", ".err");
            try {
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(String.join(" ", cmd) + " did not finish in 120 s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
