package io.quota.deploy.kubernetes;

import io.quota.contracts.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service really uses, read from its own sources (not from the manifests): the HTTP port, the topics it
 * consumes and dead-letters to (application.properties, prod profile applied), its consumer groups and database, and
 * the topics it publishes.
 *
 * <p>Published topics are derived, not listed by hand: a service publishes only through its outbox, and constructs a
 * contracts event ({@code new PlanPublished(...)}) only to publish it (what it consumes, IncomingEvents parses). So
 * every {@code new X(} in its main sources where X is an event record of contracts maps to X's topic, which is what
 * X.topic() returns ({@code return Topics.NAME;} in the contracts source, resolved on the contracts' Topics class).
 * A new event a service starts publishing then fails the ACL check until its KafkaUser may write the topic, which a
 * hand-kept table would not notice.
 */
record ServiceConfig(String name, int httpPort, int healthPort, Set<String> consumed, Set<String> deadLetters,
        Set<String> produced, Set<String> groups, String database, Map<String, String> publishedEvents,
        Set<String> imageJavaOpts, Map<String, Integer> localUrls, String jwtKeyFile, boolean jsonLogsInProd) {

    private static final Pattern NEW = Pattern.compile("\\bnew\\s+([A-Z]\\w*)\\s*\\(");
    private static final Pattern TOPIC = Pattern.compile("String\\s+topic\\(\\)\\s*\\{\\s*return\\s+Topics\\.(\\w+)\\s*;");
    /** A service's own event record (e.g. a contract event with optional fields added): its topic follows it. */
    private static final Pattern LOCAL_EVENT = Pattern.compile("record\\s+([A-Z]\\w*)\\s*\\([^{]*implements[^{]*\\bQuotaEvent\\b");
    private static final Pattern EVENT = Pattern.compile("implements[^{]*\\bQuotaEvent\\b");
    private static final Pattern INCOMING = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector");
    private static final Pattern OUTGOING = Pattern.compile("mp\\.messaging\\.outgoing\\.([^.]+)\\.connector");

    /** Every topic the service writes to: what it publishes plus its dead-letter and outgoing topics. */
    Set<String> writes() {
        Set<String> w = new TreeSet<>(publishedEvents.values());
        w.addAll(deadLetters);
        w.addAll(produced);
        return w;
    }

    static ServiceConfig load(Path root, String service) {
        Path dir = root.resolve(service);
        // what the built image runs with: platform's shared defaults, overridden by the service's own, in the prod profile
        Path platform = root.resolve(PLATFORM_DEFAULTS);
        Map<String, String> p = new HashMap<>(Files.isRegularFile(platform) ? properties(platform) : Map.of());
        p.putAll(properties(dir.resolve("src/main/resources/application.properties")));
        String app = p.getOrDefault("quarkus.application.name", service);
        int http = Integer.parseInt(p.getOrDefault("quarkus.http.port", "8080"));
        // health and metrics move to the management interface when it is enabled (a build-time setting: the image is
        // built in the prod profile)
        int health = Boolean.parseBoolean(p.getOrDefault("quarkus.management.enabled", "false"))
                ? Integer.parseInt(p.getOrDefault("quarkus.management.port", "9000")) : http;
        Set<String> consumed = new TreeSet<>();
        Set<String> dlq = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        Set<String> produced = new TreeSet<>();
        for (String key : p.keySet()) {
            Matcher in = INCOMING.matcher(key);
            if (in.matches() && p.get(key).equals("smallrye-kafka")) {
                String prefix = "mp.messaging.incoming." + in.group(1) + ".";
                String topic = p.getOrDefault(prefix + "topic", in.group(1));
                consumed.add(topic);
                groups.add(groupPattern(p.getOrDefault(prefix + "group.id", app)));
                if ("dead-letter-queue".equals(p.get(prefix + "failure-strategy"))) {
                    // SmallRye's default dead-letter topic name when none is configured
                    dlq.add(p.getOrDefault(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + topic));
                }
            }
            Matcher out = OUTGOING.matcher(key);
            if (out.matches() && p.get(key).equals("smallrye-kafka")) {
                produced.add(p.getOrDefault("mp.messaging.outgoing." + out.group(1) + ".topic", out.group(1)));
            }
        }
        // Kafka clients of its own (a batch consumer, a dead-letter producer) beside the SmallRye channels
        Direct direct = direct(dir.resolve("src/main/java"));
        consumed.addAll(direct.consumed());
        produced.addAll(direct.produced());
        if (!direct.consumed().isEmpty()) {
            groups.add(app);
        }
        if (direct.deadLettersWhatItConsumes()) {
            direct.consumed().forEach(t -> dlq.add(Topics.dlq(t)));
        }
        consumed.addAll(direct.deadLettersRead());
        String url = p.getOrDefault("quarkus.datasource.jdbc.url", "");
        String database = url.isEmpty() ? "" : URI.create(url.substring("jdbc:".length())).getPath().substring(1);
        return new ServiceConfig(service, http, health, consumed, dlq, produced, groups, database,
                published(root, dir.resolve("src/main/java")), imageJavaOpts(dir.resolve("src/main/docker/Dockerfile.jvm")),
                localUrls(p), jwtKeyFile(root, p), Boolean.parseBoolean(p.getOrDefault("quarkus.log.console.json.enabled", "false")));
    }

    /**
     * Topics a service's own Kafka clients use, read from its main sources: {@code subscribe(...Topics.X...)} is
     * consumed (in the group named after the application, as a service's own consumer defaults to),
     * {@code new ProducerRecord<>(Topics.X, ...)} or {@code Topics.dlq(Topics.X)} is written, and
     * {@code Topics.dlq(record.topic())} dead-letters whatever it consumed, and
     * {@code List.of(Topics.X, ...)...map(Topics::dlq)} names .dlq topics it reads (to re-drive them).
     */
    record Direct(Set<String> consumed, Set<String> produced, boolean deadLettersWhatItConsumes,
                  Set<String> deadLettersRead) {
    }

    private static final Pattern SUBSCRIBE = Pattern.compile("\\.subscribe\\(([^;]*)\\)\\s*;");
    private static final Pattern RECORD_TO = Pattern.compile("new\\s+ProducerRecord\\s*<[^>]*>\\s*\\(\\s*Topics\\.(\\w+)\\s*,");
    private static final Pattern DLQ_OF = Pattern.compile("Topics\\.dlq\\(\\s*(Topics\\.(\\w+)|[^)]*)\\s*\\)");
    private static final Pattern DLQS_READ = Pattern.compile("List\\.of\\(([^;]*?)\\)[^;]*?\\.map\\(Topics::dlq\\)");
    private static final Pattern CONSTANT = Pattern.compile("Topics\\.([A-Z_]+)\\b");

    static Direct direct(Path sources) {
        Set<String> consumed = new TreeSet<>();
        Set<String> produced = new TreeSet<>();
        Set<String> dlqsRead = new TreeSet<>();
        boolean dynamicDlq = false;
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String src = Repo.read(f);
                Matcher s = SUBSCRIBE.matcher(src);
                while (s.find()) {
                    Matcher c = CONSTANT.matcher(s.group(1));
                    while (c.find()) {
                        consumed.add(constant(f, c.group(1)));
                    }
                }
                Matcher r = RECORD_TO.matcher(src);
                while (r.find()) {
                    produced.add(constant(f, r.group(1)));
                }
                Matcher read = DLQS_READ.matcher(src);
                while (read.find()) {
                    Matcher c = CONSTANT.matcher(read.group(1));
                    while (c.find()) {
                        dlqsRead.add(Topics.dlq(constant(f, c.group(1))));
                    }
                }
                Matcher d = DLQ_OF.matcher(src);
                while (d.find()) {
                    if (d.group(2) != null) {
                        produced.add(Topics.dlq(constant(f, d.group(2))));
                    } else {
                        dynamicDlq = true;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Direct(consumed, produced, dynamicDlq, dlqsRead);
    }

    private static String constant(Path source, String name) {
        try {
            return (String) Topics.class.getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(source + ": Topics." + name + " is not in the contracts jar (rebuild contracts)", e);
        }
    }

    /**
     * Properties that point at another process on this machine (quota.kpi.url=http://localhost:8083): right for a
     * local run, wrong in a pod, so the Deployment must override each (checked by ManifestRules). Key -> port.
     */
    static Map<String, Integer> localUrls(Map<String, String> properties) {
        Map<String, Integer> urls = new java.util.TreeMap<>();
        Pattern local = Pattern.compile("https?://(localhost|127\\.0\\.0\\.1):(\\d+)(/.*)?");
        properties.forEach((k, v) -> {
            Matcher m = local.matcher(v);
            if (m.matches() && !k.startsWith("quarkus.") && !k.startsWith("kafka.")) {
                urls.put(k, Integer.parseInt(m.group(2)));
            }
        });
        return urls;
    }

    /** Where the service reads the JWT verification key: its own setting, else platform's default (a file: URL). */
    static final String PLATFORM_DEFAULTS = "platform/src/main/resources/META-INF/microprofile-config.properties";

    static String jwtKeyFile(Path root, Map<String, String> service) {
        String key = "mp.jwt.verify.publickey.location";
        Path platform = root.resolve(PLATFORM_DEFAULTS);
        String location = service.getOrDefault(key, Files.isRegularFile(platform) ? properties(platform).getOrDefault(key, "") : "");
        return location.startsWith("file:") ? location.substring("file:".length()) : "";
    }

    /** The flags the image's Dockerfile puts in JAVA_OPTS_APPEND (an env var of the same name replaces them). */
    static Set<String> imageJavaOpts(Path dockerfile) {
        Set<String> flags = new TreeSet<>();
        if (Files.isRegularFile(dockerfile)) {
            Matcher m = Pattern.compile("ENV\\s+JAVA_OPTS_APPEND=\"([^\"]*)\"").matcher(Repo.read(dockerfile));
            while (m.find()) {
                flags.addAll(Set.of(m.group(1).trim().split("\\s+")));
            }
        }
        return flags;
    }

    /** application.properties with the prod profile applied (%prod.x overrides x; other profiles ignored). */
    static Map<String, String> properties(Path file) {
        java.util.Properties raw = new java.util.Properties();
        try {
            raw.load(new StringReader(Repo.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> p = new HashMap<>();
        raw.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> p.put(k, raw.getProperty(k).strip()));
        raw.stringPropertyNames().stream().filter(k -> k.startsWith("%prod.")).forEach(k -> p.put(k.substring(6), raw.getProperty(k).strip()));
        return p;
    }

    /** Event type -> topic, for each contracts event the service's main sources construct. */
    static Map<String, String> published(Path root, Path sources) {
        Map<String, String> events = new HashMap<>();
        Path contracts = root.resolve("contracts/src/main/java/io/quota/contracts/events");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                String src = Repo.read(f);
                Matcher local = LOCAL_EVENT.matcher(src);
                while (local.find()) {
                    Matcher t = TOPIC.matcher(src);
                    if (!t.find(local.end())) {
                        throw new AssertionError(f + ": " + local.group(1) + ".topic() is not `return Topics.NAME;`; teach ServiceConfig to read it");
                    }
                    events.put(local.group(1), topic(f, t.group(1)));
                }
                Matcher m = NEW.matcher(src);
                while (m.find()) {
                    Path event = contracts.resolve(m.group(1) + ".java");
                    if (Files.isRegularFile(event) && EVENT.matcher(Repo.read(event)).find()) {
                        events.put(m.group(1), topicOf(event));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static String topicOf(Path eventSource) {
        Matcher m = TOPIC.matcher(Repo.read(eventSource));
        if (!m.find()) {
            throw new AssertionError(eventSource + ": topic() is not `return Topics.NAME;`; teach ServiceConfig to read it");
        }
        return topic(eventSource, m.group(1));
    }

    private static String topic(Path source, String constant) {
        try {
            return (String) Topics.class.getField(constant).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(source + ": Topics." + constant + " is not in the contracts jar (rebuild contracts)", e);
        }
    }

    /** A group id with a placeholder (one group per instance, e.g. {@code x-${quarkus.uuid}}) is a prefix: {@code x-*}. */
    static String groupPattern(String groupId) {
        int placeholder = groupId.indexOf("${");
        return placeholder < 0 ? groupId : groupId.substring(0, placeholder) + "*";
    }
}
