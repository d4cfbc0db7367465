package io.quota.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import io.quota.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * The rules of issue 8 over a set of rendered objects, checked against what the services really use
 * ({@link ServiceConfig}). Each method returns problems that name the object (and the service) at fault, so a
 * broken input says what to fix; an empty list means the rule holds.
 */
final class ManifestRules {
    /** Quarkus SmallRye Health's paths. */
    static final Map<String, String> PROBES = Map.of(
            "startupProbe", "/q/health/started", "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");
    /** The services that scale on consumer lag (issue 8); the others scale on CPU only. */
    static final Set<String> LAG_SCALED = Set.of("kpi-service", "notification-service");
    /** The longest in-flight batch: a plan version's approval and its outbox expansion (600 s transactions). */
    static final Duration LONGEST_BATCH = Duration.ofSeconds(600);

    private final List<JsonNode> objects;
    private final Map<String, ServiceConfig> services;
    private final Set<String> documentedSecrets;

    ManifestRules(List<JsonNode> objects, Map<String, ServiceConfig> services, Set<String> documentedSecrets) {
        this.objects = objects;
        this.services = services;
        this.documentedSecrets = documentedSecrets;
    }

    /** Every rule that holds for every overlay. */
    List<String> all() {
        List<String> p = new ArrayList<>();
        p.addAll(workloads());
        p.addAll(secrets());
        p.addAll(topics());
        p.addAll(kafkaUsers());
        p.addAll(databases());
        p.addAll(autoscaling());
        p.addAll(disruptionBudgets());
        p.addAll(servicesAndMonitors());
        p.addAll(networkPolicies());
        return p;
    }

    List<String> workloads() {
        List<String> p = new ArrayList<>();
        for (String s : services.keySet()) {
            if (find("Deployment", s).isEmpty()) {
                p.add(s + ": no Deployment named " + s);
            }
        }
        for (JsonNode d : kind("Deployment")) {
            workload(d, services.get(name(d)), p);
        }
        return p;
    }

    private void workload(JsonNode d, ServiceConfig cfg, List<String> p) {
        String id = Yaml.id(d);
        JsonNode pod = d.path("spec").path("template").path("spec");
        if (!pod.path("securityContext").path("runAsNonRoot").asBoolean(false)) {
            p.add(id + ": pod securityContext.runAsNonRoot is not true");
        }
        if (pod.path("securityContext").path("runAsUser").asInt(-1) != 185) {
            p.add(id + ": pod securityContext.runAsUser is not 185 (the UBI OpenJDK image's user)");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            p.add(id + ": automountServiceAccountToken is not false");
        }
        long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
        Duration shutdown = config("QUARKUS_SHUTDOWN_TIMEOUT").map(ManifestRules::duration).orElse(Duration.ZERO);
        if (grace <= LONGEST_BATCH.toSeconds() || grace <= shutdown.toSeconds()) {
            p.add(id + ": terminationGracePeriodSeconds " + grace + " is not longer than the longest batch ("
                    + LONGEST_BATCH.toSeconds() + " s) and QUARKUS_SHUTDOWN_TIMEOUT (" + shutdown.toSeconds() + " s)");
        }
        Map<String, JsonNode> volumes = new HashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        if (!pod.path("containers").isArray() || pod.path("containers").isEmpty()) {
            p.add(id + ": no containers");
        }
        for (JsonNode c : pod.path("containers")) {
            String cid = id + " container " + c.path("name").asText();
            Map<String, Integer> ports = new HashMap<>();
            c.path("ports").forEach(port -> ports.put(port.path("name").asText(), port.path("containerPort").asInt()));
            PROBES.forEach((probe, path) -> {
                JsonNode get = c.path(probe).path("httpGet");
                if (c.path(probe).isMissingNode()) {
                    p.add(cid + ": no " + probe + " (expected GET " + path + ")");
                    return;
                }
                if (!path.equals(get.path("path").asText())) {
                    p.add(cid + ": " + probe + " path " + get.path("path").asText("(none)") + ", expected " + path);
                }
                JsonNode port = get.path("port");
                Integer number = port.isInt() ? Integer.valueOf(port.asInt()) : ports.get(port.asText());
                if (number == null) {
                    p.add(cid + ": " + probe + " port " + port.asText() + " is not a container port");
                } else if (cfg != null && number != cfg.healthPort()) {
                    p.add(cid + ": " + probe + " on port " + number + " but " + cfg.name()
                            + "'s application.properties serves health on " + cfg.healthPort());
                }
            });
            for (String r : List.of("requests", "limits")) {
                for (String res : List.of("cpu", "memory")) {
                    if (c.path("resources").path(r).path(res).asText("").isEmpty()) {
                        p.add(cid + ": resources." + r + "." + res + " not set");
                    }
                }
            }
            JsonNode sc = c.path("securityContext");
            if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
                p.add(cid + ": allowPrivilegeEscalation is not false");
            }
            if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
                p.add(cid + ": readOnlyRootFilesystem is not true");
            }
            if (!texts(sc.path("capabilities").path("drop")).contains("ALL")) {
                p.add(cid + ": capabilities do not drop ALL");
            }
            Map<String, JsonNode> mounts = new HashMap<>();
            c.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m));
            JsonNode tmp = mounts.get("/tmp");
            if (tmp == null || !volumes.getOrDefault(tmp.path("name").asText(), missing()).has("emptyDir")) {
                p.add(cid + ": /tmp is not an emptyDir (the root filesystem is read-only)");
            }
            for (JsonNode e : c.path("env")) {
                if (e.has("value") && e.path("name").asText().matches("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE).*")) {
                    p.add(cid + ": env " + e.path("name").asText() + " has a literal value; use a secretKeyRef");
                }
            }
            if (cfg != null) {
                serviceEnv(c, cid, cfg, p);
                jwtKey(cid, cfg.jwtKeyFile(), mounts, volumes, p);
            }
        }
    }

    /** The key file that mp.jwt.verify.publickey.location names comes from a mounted Secret. */
    private static void jwtKey(String cid, String file, Map<String, JsonNode> mounts, Map<String, JsonNode> volumes, List<String> p) {
        if (file.isEmpty()) {
            return; // a JWKS URL, not a file
        }
        int slash = file.lastIndexOf('/');
        String dir = file.substring(0, slash);
        String name = file.substring(slash + 1);
        JsonNode mount = mounts.get(dir);
        JsonNode secret = mount == null ? missing() : volumes.getOrDefault(mount.path("name").asText(), missing()).path("secret");
        boolean projected = secret.has("items") ? stream(secret.path("items")).anyMatch(i -> i.path("path").asText().equals(name))
                : !secret.isMissingNode();
        if (!projected) {
            p.add(cid + ": no Secret volume puts " + name + " at " + dir + " (mp.jwt.verify.publickey.location=file:" + file + ")");
        }
    }

    /** The settings each service needs, from Secret references and ConfigMaps only. */
    private void serviceEnv(JsonNode c, String cid, ServiceConfig cfg, List<String> p) {
        for (String secret : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_USERNAME", "KAFKA_PASSWORD")) {
            if (secretRef(c, secret).isEmpty()) {
                p.add(cid + ": env " + secret + " does not come from a secretKeyRef");
            }
        }
        for (String plain : List.of("QUARKUS_DATASOURCE_JDBC_URL", "KAFKA_BOOTSTRAP_SERVERS")) {
            if (fromConfigMaps(c, plain).isEmpty()) {
                p.add(cid + ": " + plain + " is in none of the ConfigMaps it loads (envFrom configMapRef)");
            }
        }
        cfg.localUrls().forEach((key, port) -> {
            String env = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
            Optional<String> url = fromConfigMaps(c, env);
            boolean reachesService = url.map(u -> u.matches("https?://[a-z0-9-]+(\\.[a-z0-9.-]+)?:\\d+(/.*)?")
                    && kind("Service").stream().anyMatch(s -> u.matches("https?://" + name(s) + "([.:/].*)"))).orElse(false);
            if (!reachesService) {
                p.add(cid + ": " + key + " is localhost:" + port + " in application.properties; set " + env
                        + " to a Service's address in its ConfigMap (now " + url.orElse("unset") + ")");
            }
        });
        fromConfigMaps(c, "JAVA_OPTS_APPEND").ifPresent(opts -> {
            Set<String> lost = new TreeSet<>(cfg.imageJavaOpts());
            lost.removeAll(Set.of(opts.trim().split("\\s+")));
            if (!lost.isEmpty()) {
                p.add(cid + ": JAVA_OPTS_APPEND replaces the image's and drops " + lost + " (" + cfg.name() + "/src/main/docker/Dockerfile.jvm)");
            }
        });
        fromConfigMaps(c, "QUARKUS_DATASOURCE_JDBC_URL").ifPresent(url -> {
            String db = url.replaceFirst("^jdbc:postgresql://[^/]+/", "").replaceFirst("\\?.*$", "");
            if (!db.equals(cfg.database())) {
                p.add(cid + ": QUARKUS_DATASOURCE_JDBC_URL names database " + db + " but " + cfg.name() + " uses " + cfg.database());
            }
        });
    }

    /** No Secret values anywhere; every Secret referenced is one the README tells operators to create (or an operator makes). */
    List<String> secrets() {
        List<String> p = new ArrayList<>();
        for (JsonNode s : kind("Secret")) {
            if (s.path("data").size() > 0 || s.path("stringData").size() > 0) {
                p.add(Yaml.id(s) + ": carries secret values; manifests may only reference Secrets");
            }
        }
        for (JsonNode cm : kind("ConfigMap")) {
            cm.path("data").fieldNames().forEachRemaining(key -> {
                if (key.matches("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE).*")) {
                    p.add(Yaml.id(cm) + ": key " + key + " looks secret; put it in a Secret and reference it");
                }
            });
        }
        for (JsonNode o : objects) {
            for (String ref : secretReferences(o)) {
                if (!documentedSecrets.contains(ref)) {
                    p.add(Yaml.id(o) + ": references Secret " + ref + ", which deploy/kubernetes/README.md does not name");
                }
            }
        }
        return p;
    }

    List<String> topics() {
        List<String> p = new ArrayList<>();
        Map<String, JsonNode> defined = kafkaTopics();
        Topics.PARTITIONS.forEach((topic, partitions) -> {
            JsonNode t = defined.get(topic);
            if (t == null) {
                p.add("topic " + topic + " (contracts Topics, DESIGN.md section 3) has no KafkaTopic");
                return;
            }
            if (t.path("spec").path("partitions").asInt() != partitions) {
                p.add(Yaml.id(t) + ": " + t.path("spec").path("partitions").asInt() + " partitions, DESIGN.md says " + partitions);
            }
            JsonNode config = t.path("spec").path("config");
            boolean compact = config.path("cleanup.policy").asText("delete").contains("compact");
            if (compact != Topics.COMPACTED.contains(topic)) {
                p.add(Yaml.id(t) + ": cleanup.policy " + config.path("cleanup.policy").asText("delete") + " but DESIGN.md says "
                        + (compact ? "not compacted" : "compacted"));
            }
            if (Topics.RETAINED_FOREVER.contains(topic) && config.path("retention.ms").asLong(0) != -1) {
                p.add(Yaml.id(t) + ": retention.ms must be -1 (kept forever: replay rebuilds from it)");
            }
            if (!defined.containsKey(Topics.dlq(topic))) {
                p.add("topic " + topic + " has no dead-letter KafkaTopic " + Topics.dlq(topic));
            }
        });
        for (ServiceConfig s : services.values()) {
            s.consumed().stream().filter(t -> !defined.containsKey(t))
                    .forEach(t -> p.add(s.name() + " consumes " + t + " (application.properties) but no KafkaTopic defines it"));
            s.writes().stream().filter(t -> !defined.containsKey(t))
                    .forEach(t -> p.add(s.name() + " writes " + t + " but no KafkaTopic defines it"));
        }
        for (JsonNode u : kind("KafkaUser")) {
            for (JsonNode acl : u.path("spec").path("authorization").path("acls")) {
                JsonNode r = acl.path("resource");
                if (r.path("type").asText().equals("topic") && !defined.containsKey(r.path("name").asText())) {
                    p.add(Yaml.id(u) + ": ACL on topic " + r.path("name").asText() + ", which no KafkaTopic defines");
                }
            }
        }
        return p;
    }

    /** Each service's KafkaUser (the one whose password its Deployment reads) may do exactly what the service does. */
    List<String> kafkaUsers() {
        List<String> p = new ArrayList<>();
        Set<String> serviceUsers = new TreeSet<>();
        for (ServiceConfig s : services.values()) {
            Optional<JsonNode> secret = find("Deployment", s.name()).flatMap(d -> containers(d).stream()
                    .map(c -> secretRef(c, "KAFKA_PASSWORD")).flatMap(Optional::stream).findFirst());
            if (secret.isEmpty()) {
                continue; // workloads() reports the missing reference
            }
            String secretName = secret.get().path("name").asText();
            Optional<JsonNode> user = kind("KafkaUser").stream().filter(u -> secretName.equals(
                    u.path("spec").path("authentication").path("password").path("valueFrom").path("secretKeyRef").path("name").asText()))
                    .findFirst();
            if (user.isEmpty()) {
                p.add(s.name() + ": no KafkaUser takes its password from Secret " + secretName + " (the one the Deployment reads)");
                continue;
            }
            serviceUsers.add(name(user.get()));
            p.addAll(acls(user.get(), s.writes(), s.consumed(), s.groups()));
        }
        for (JsonNode u : kind("KafkaUser")) {
            if (!serviceUsers.contains(name(u))) {
                // anything else (KEDA's scaler) may only look
                for (JsonNode acl : u.path("spec").path("authorization").path("acls")) {
                    if (!texts(acl.path("operations")).equals(Set.of("Describe"))) {
                        p.add(Yaml.id(u) + ": not a service's user, yet allowed " + texts(acl.path("operations")) + " on "
                                + acl.path("resource").path("name").asText());
                    }
                }
            }
        }
        return p;
    }

    /** A KafkaUser's ACLs against what its owner writes, reads and which consumer groups it joins; nothing else. */
    static List<String> acls(JsonNode user, Set<String> writes, Set<String> reads, Set<String> groups) {
        List<String> p = new ArrayList<>();
        String id = Yaml.id(user);
        if (!"scram-sha-512".equals(user.path("spec").path("authentication").path("type").asText())) {
            p.add(id + ": authentication is not scram-sha-512");
        }
        Set<String> w = new TreeSet<>();
        Set<String> r = new TreeSet<>();
        Set<String> g = new TreeSet<>();
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode res = acl.path("resource");
            String type = res.path("type").asText();
            String target = res.path("name").asText();
            Set<String> ops = texts(acl.path("operations"));
            String pattern = res.path("patternType").asText("literal");
            // a prefix is allowed only for groups named per instance; topics are always literal
            boolean groupPrefix = type.equals("group") && pattern.equals("prefix");
            if (!(pattern.equals("literal") || groupPrefix) || !acl.path("type").asText("allow").equals("allow")) {
                p.add(id + ": ACL on " + type + " " + target + " must be a literal allow rule");
            }
            if (!Set.of("Read", "Write", "Describe").containsAll(ops)) {
                p.add(id + ": ACL on " + type + " " + target + " allows " + ops + "; only Read, Write, Describe are needed");
            }
            switch (type) {
                case "topic" -> {
                    if (ops.contains("Write")) {
                        w.add(target);
                    }
                    if (ops.contains("Read")) {
                        r.add(target);
                    }
                }
                case "group" -> {
                    if (ops.contains("Read")) {
                        g.add(groupPrefix ? target + "*" : target);
                    }
                }
                default -> p.add(id + ": ACL on a " + type + " resource; only topics and groups are needed");
            }
        }
        compare(p, id, "Write on topics", w, writes);
        compare(p, id, "Read on topics", r, reads);
        compare(p, id, "Read on groups", g, groups);
        return p;
    }

    private static void compare(List<String> p, String id, String what, Set<String> granted, Set<String> used) {
        if (!granted.equals(used)) {
            Set<String> extra = new TreeSet<>(granted);
            extra.removeAll(used);
            Set<String> lacking = new TreeSet<>(used);
            lacking.removeAll(granted);
            p.add(id + ": " + what + " " + granted + " but the service uses " + used
                    + (extra.isEmpty() ? "" : "; not used: " + extra) + (lacking.isEmpty() ? "" : "; missing: " + lacking));
        }
    }

    /** Deployment's database Secret -> the managed role with that password -> the Database it owns = the service's. */
    List<String> databases() {
        List<String> p = new ArrayList<>();
        if (kind("Cluster").isEmpty()) {
            return services.isEmpty() ? p : List.of("no CloudNativePG Cluster");
        }
        for (ServiceConfig s : services.values()) {
            Optional<String> secret = find("Deployment", s.name()).flatMap(d -> containers(d).stream()
                    .map(c -> secretRef(c, "QUARKUS_DATASOURCE_PASSWORD")).flatMap(Optional::stream).findFirst())
                    .map(ref -> ref.path("name").asText());
            if (secret.isEmpty()) {
                continue;
            }
            Optional<JsonNode> role = kind("Cluster").stream().flatMap(cl -> stream(cl.path("spec").path("managed").path("roles")))
                    .filter(r -> secret.get().equals(r.path("passwordSecret").path("name").asText())).findFirst();
            if (role.isEmpty()) {
                p.add(s.name() + ": no managed role of the Cluster takes its password from Secret " + secret.get());
                continue;
            }
            String roleName = role.get().path("name").asText();
            boolean owns = kind("Database").stream().anyMatch(db -> db.path("spec").path("owner").asText().equals(roleName)
                    && db.path("spec").path("name").asText().equals(s.database()));
            if (!owns) {
                p.add(s.name() + ": no Database " + s.database() + " owned by its role " + roleName);
            }
        }
        return p;
    }

    List<String> autoscaling() {
        List<String> p = new ArrayList<>();
        Map<String, Integer> partitions = new HashMap<>();
        kafkaTopics().forEach((t, node) -> partitions.put(t, node.path("spec").path("partitions").asInt()));
        for (JsonNode d : kind("Deployment")) {
            String n = name(d);
            List<JsonNode> hpas = kind("HorizontalPodAutoscaler").stream().filter(h -> targets(h, n)).toList();
            List<JsonNode> scaled = kind("ScaledObject").stream().filter(h -> targets(h, n)).toList();
            if (hpas.size() + scaled.size() != 1) {
                p.add(Yaml.id(d) + ": " + hpas.size() + " HorizontalPodAutoscalers and " + scaled.size()
                        + " ScaledObjects; exactly one autoscaler (KEDA's ScaledObject owns its own HPA)");
            }
            for (JsonNode h : hpas) {
                boolean cpu = stream(h.path("spec").path("metrics")).anyMatch(m -> m.path("resource").path("name").asText().equals("cpu"));
                if (!cpu) {
                    p.add(Yaml.id(h) + ": no CPU metric");
                }
            }
            if (LAG_SCALED.contains(n) && scaled.stream().noneMatch(so -> stream(so.path("spec").path("triggers"))
                    .anyMatch(t -> t.path("type").asText().equals("kafka")))) {
                p.add(Yaml.id(d) + ": no KEDA ScaledObject with a kafka (consumer lag) trigger");
            }
            ServiceConfig cfg = services.get(n);
            for (JsonNode so : scaled) {
                int max = so.path("spec").path("maxReplicaCount").asInt(100);
                for (JsonNode t : so.path("spec").path("triggers")) {
                    if (!t.path("type").asText().equals("kafka")) {
                        continue;
                    }
                    String topic = t.path("metadata").path("topic").asText();
                    String group = t.path("metadata").path("consumerGroup").asText();
                    if (cfg != null && !cfg.consumed().contains(topic)) {
                        p.add(Yaml.id(so) + ": lag trigger on " + topic + ", which " + n + " does not consume");
                    }
                    if (cfg != null && !cfg.groups().contains(group)) {
                        p.add(Yaml.id(so) + ": lag trigger on group " + group + ", not " + n + "'s " + cfg.groups());
                    }
                    Integer parts = partitions.get(topic);
                    if (parts == null || max > parts) {
                        p.add(Yaml.id(so) + ": maxReplicaCount " + max + " exceeds the " + parts + " partitions of " + topic
                                + " (partitions bound the consumers)");
                    }
                    String auth = t.path("authenticationRef").path("name").asText();
                    if (!auth.isEmpty() && find("TriggerAuthentication", auth).isEmpty()) {
                        p.add(Yaml.id(so) + ": TriggerAuthentication " + auth + " does not exist");
                    }
                }
            }
        }
        return p;
    }

    List<String> disruptionBudgets() {
        List<String> p = new ArrayList<>();
        for (JsonNode d : kind("Deployment")) {
            JsonNode labels = d.path("spec").path("template").path("metadata").path("labels");
            if (kind("PodDisruptionBudget").stream().noneMatch(b -> selects(b.path("spec").path("selector").path("matchLabels"), labels))) {
                p.add(Yaml.id(d) + ": no PodDisruptionBudget selects its pods");
            }
        }
        return p;
    }

    List<String> servicesAndMonitors() {
        List<String> p = new ArrayList<>();
        for (ServiceConfig cfg : services.values()) {
            Optional<JsonNode> svc = find("Service", cfg.name());
            if (svc.isEmpty()) {
                p.add(cfg.name() + ": no Service");
                continue;
            }
            boolean port = stream(svc.get().path("spec").path("ports")).anyMatch(x -> x.path("port").asInt() == cfg.httpPort());
            if (!port) {
                p.add(Yaml.id(svc.get()) + ": does not expose " + cfg.httpPort() + " (quarkus.http.port)");
            }
            JsonNode labels = svc.get().path("metadata").path("labels");
            // metrics are served where health is: the management port when the management interface is on
            Set<String> metricsPorts = new TreeSet<>();
            svc.get().path("spec").path("ports").forEach(x -> {
                if (x.path("port").asInt() == cfg.healthPort()) {
                    metricsPorts.add(x.path("name").asText());
                }
            });
            if (metricsPorts.isEmpty()) {
                p.add(Yaml.id(svc.get()) + ": does not expose " + cfg.healthPort() + ", where " + cfg.name() + " serves metrics");
            }
            boolean monitored = kind("ServiceMonitor").stream()
                    .filter(m -> selects(m.path("spec").path("selector").path("matchLabels"), labels))
                    .flatMap(m -> stream(m.path("spec").path("endpoints")))
                    .anyMatch(e -> e.path("path").asText().equals("/q/metrics") && metricsPorts.contains(e.path("port").asText()));
            if (!monitored) {
                p.add(Yaml.id(svc.get()) + ": no ServiceMonitor scrapes /q/metrics on port " + cfg.healthPort() + " " + metricsPorts);
            }
        }
        return p;
    }

    List<String> networkPolicies() {
        List<String> p = new ArrayList<>();
        List<JsonNode> policies = kind("NetworkPolicy");
        boolean denyAll = policies.stream().anyMatch(np -> np.path("spec").path("podSelector").size() == 0
                && texts(np.path("spec").path("policyTypes")).equals(Set.of("Ingress", "Egress"))
                && np.path("spec").path("ingress").size() == 0 && np.path("spec").path("egress").size() == 0);
        if (!denyAll) {
            p.add("no default-deny NetworkPolicy (empty podSelector, Ingress and Egress, no rules)");
        }
        for (ServiceConfig cfg : services.values()) {
            Optional<JsonNode> d = find("Deployment", cfg.name());
            if (d.isEmpty()) {
                continue;
            }
            JsonNode labels = d.get().path("spec").path("template").path("metadata").path("labels");
            List<JsonNode> mine = policies.stream().filter(np -> np.path("spec").path("podSelector").size() > 0
                    && selects(np.path("spec").path("podSelector").path("matchLabels"), labels)).toList();
            for (JsonNode np : mine) {
                // a rule without peers admits everyone on its ports: not "only what it needs"
                np.path("spec").path("ingress").forEach(rule -> {
                    if (rule.path("from").isEmpty()) {
                        p.add(Yaml.id(np) + ": an ingress rule without 'from' lets any pod in");
                    }
                });
                np.path("spec").path("egress").forEach(rule -> {
                    if (rule.path("to").isEmpty()) {
                        p.add(Yaml.id(np) + ": an egress rule without 'to' lets " + cfg.name() + " reach anything");
                    }
                });
            }
            Set<Integer> in = ports(mine, "ingress");
            Set<Integer> out = ports(mine, "egress");
            if (!in.contains(cfg.httpPort())) {
                p.add(cfg.name() + ": no NetworkPolicy lets traffic in on " + cfg.httpPort());
            }
            if (!peerRule(mine, "ingress", "from", "prometheus", cfg.healthPort())) {
                p.add(cfg.name() + ": no NetworkPolicy lets Prometheus in on " + cfg.healthPort() + " (/q/metrics)");
            }
            if (cfg.healthPort() != cfg.httpPort()) {
                // the management interface answers without a token: only Prometheus may reach it (kubelet probes
                // are not subject to NetworkPolicies)
                mine.forEach(np -> np.path("spec").path("ingress").forEach(rule -> {
                    boolean management = stream(rule.path("ports")).anyMatch(x -> x.path("port").asInt() == cfg.healthPort());
                    boolean prometheus = stream(rule.path("from")).allMatch(peer -> "prometheus".equals(
                            peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText()));
                    if (management && !prometheus) {
                        p.add(Yaml.id(np) + ": lets pods other than Prometheus in on the management port " + cfg.healthPort());
                    }
                }));
            }
            Map<Integer, String> needed = new HashMap<>(Map.of(53, "DNS", 5432, "PostgreSQL", 9093, "Kafka"));
            if (cfg.name().equals("notification-service")) {
                needed.put(443, "webhooks");
                needed.put(587, "SMTP");
            }
            if (cfg.name().equals("target-service") && services.containsKey("kpi-service")) {
                // HISTORY allocation reads kpi-service's actuals: that pod, that port, both ways
                int kpi = services.get("kpi-service").httpPort();
                if (!peerRule(mine, "egress", "to", "kpi-service", kpi)) {
                    p.add("target-service: no NetworkPolicy lets it reach kpi-service on " + kpi);
                }
                Optional<JsonNode> kpiPod = find("Deployment", "kpi-service").map(k -> k.path("spec").path("template").path("metadata").path("labels"));
                List<JsonNode> kpiPolicies = kpiPod.map(l -> policies.stream().filter(np -> np.path("spec").path("podSelector").size() > 0
                        && selects(np.path("spec").path("podSelector").path("matchLabels"), l)).toList()).orElse(List.of());
                if (!peerRule(kpiPolicies, "ingress", "from", "target-service", kpi)) {
                    p.add("kpi-service: no NetworkPolicy lets target-service in on " + kpi);
                }
            }
            needed.forEach((port, why) -> {
                if (!out.contains(port)) {
                    p.add(cfg.name() + ": no NetworkPolicy lets it reach " + why + " on " + port);
                }
            });
        }
        return p;
    }

    /** prod: highly available, pinned images, JSON logs. */
    List<String> production() {
        List<String> p = new ArrayList<>();
        for (JsonNode d : kind("Deployment")) {
            if (d.path("spec").path("replicas").asInt(1) < 2) {
                p.add(Yaml.id(d) + ": fewer than 2 replicas in prod");
            }
            for (JsonNode c : containers(d)) {
                String image = c.path("image").asText();
                if (!image.matches(".+:[^/:]+") || image.endsWith(":latest") || image.contains("SNAPSHOT")) {
                    p.add(Yaml.id(d) + ": image " + image + " is not a pinned release tag");
                }
            }
        }
        for (JsonNode b : kind("PodDisruptionBudget")) {
            if (b.path("spec").path("minAvailable").asInt(0) != 1 || b.path("spec").has("maxUnavailable")) {
                p.add(Yaml.id(b) + ": prod needs minAvailable 1");
            }
        }
        kind("HorizontalPodAutoscaler").stream().filter(h -> h.path("spec").path("minReplicas").asInt(1) < 2)
                .forEach(h -> p.add(Yaml.id(h) + ": minReplicas below 2 in prod"));
        kind("ScaledObject").stream().filter(h -> h.path("spec").path("minReplicaCount").asInt(0) < 2)
                .forEach(h -> p.add(Yaml.id(h) + ": minReplicaCount below 2 in prod"));
        String jsonOverride = config("QUARKUS_LOG_CONSOLE_JSON_ENABLED").orElse(null);
        for (ServiceConfig cfg : services.values()) {
            boolean json = jsonOverride == null ? cfg.jsonLogsInProd() : jsonOverride.equals("true");
            if (!json) {
                p.add("prod: " + cfg.name() + " logs plain text (quarkus.log.console.json.enabled in its prod profile, "
                        + "or QUARKUS_LOG_CONSOLE_JSON_ENABLED in the shared ConfigMap)");
            }
        }
        return p;
    }

    // ---- helpers

    List<JsonNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return kind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    Map<String, JsonNode> kafkaTopics() {
        Map<String, JsonNode> m = new HashMap<>();
        kind("KafkaTopic").forEach(t -> m.put(t.path("spec").path("topicName").asText(name(t)), t));
        return m;
    }

    private static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    private static List<JsonNode> containers(JsonNode d) {
        return stream(d.path("spec").path("template").path("spec").path("containers")).toList();
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    static Set<String> texts(JsonNode array) {
        Set<String> s = new TreeSet<>();
        array.forEach(x -> s.add(x.asText()));
        return s;
    }

    private static JsonNode missing() {
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static boolean targets(JsonNode autoscaler, String deployment) {
        JsonNode ref = autoscaler.path("spec").path("scaleTargetRef");
        return ref.path("name").asText().equals(deployment) && ref.path("kind").asText("Deployment").equals("Deployment");
    }

    /** matchLabels is a non-empty subset of labels. */
    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.size() == 0) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!labels.path(e.getKey()).asText("\u0000").equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    /** A rule in direction whose peers select the pods of app on port. */
    private static boolean peerRule(List<JsonNode> policies, String direction, String peers, String app, int port) {
        return policies.stream().flatMap(np -> stream(np.path("spec").path(direction)))
                .filter(rule -> stream(rule.path("ports")).anyMatch(x -> x.path("port").asInt() == port))
                .anyMatch(rule -> stream(rule.path(peers)).anyMatch(peer ->
                        app.equals(peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText())));
    }

    private static Set<Integer> ports(List<JsonNode> policies, String direction) {
        Set<Integer> s = new TreeSet<>();
        policies.forEach(np -> np.path("spec").path(direction).forEach(rule -> rule.path("ports").forEach(x -> s.add(x.path("port").asInt()))));
        return s;
    }

    private static Optional<JsonNode> secretRef(JsonNode container, String env) {
        return stream(container.path("env")).filter(e -> e.path("name").asText().equals(env))
                .map(e -> e.path("valueFrom").path("secretKeyRef")).filter(r -> !r.isMissingNode()).findFirst();
    }

    /** A key of the ConfigMaps a container loads with envFrom. */
    private Optional<String> fromConfigMaps(JsonNode container, String key) {
        return stream(container.path("envFrom")).map(e -> e.path("configMapRef").path("name").asText())
                .map(n -> find("ConfigMap", n)).flatMap(Optional::stream)
                .map(cm -> cm.path("data").path(key)).filter(v -> !v.isMissingNode()).map(JsonNode::asText).findFirst();
    }

    /** A key of any ConfigMap (the shared one holds QUARKUS_SHUTDOWN_TIMEOUT and the log format). */
    private Optional<String> config(String key) {
        return kind("ConfigMap").stream().map(cm -> cm.path("data").path(key)).filter(v -> !v.isMissingNode())
                .map(JsonNode::asText).findFirst();
    }

    private static Duration duration(String s) {
        String v = s.strip().toLowerCase();
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase());
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.replaceAll("[smh]$", ""));
        return v.endsWith("m") ? Duration.ofMinutes(n) : v.endsWith("h") ? Duration.ofHours(n) : Duration.ofSeconds(n);
    }

    /** Names of the Secrets an object refers to, wherever Kubernetes, Strimzi, CloudNativePG or KEDA put them. */
    static Set<String> secretReferences(JsonNode node) {
        Set<String> refs = new TreeSet<>();
        collectSecrets(node, refs);
        return refs;
    }

    private static void collectSecrets(JsonNode node, Set<String> refs) {
        if (node.isArray()) {
            node.forEach(n -> collectSecrets(n, refs));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            switch (e.getKey()) {
                case "secretKeyRef", "secretRef", "passwordSecret" -> addName(e.getValue().path("name"), refs);
                case "secret" -> addName(e.getValue().path("secretName"), refs);
                case "secretTargetRef" -> e.getValue().forEach(r -> addName(r.path("name"), refs));
                default -> { }
            }
            collectSecrets(e.getValue(), refs);
        }
    }

    private static void addName(JsonNode name, Set<String> refs) {
        if (name.isTextual()) {
            refs.add(name.asText());
        }
    }

}
