package io.quota.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses each object strictly: Kubernetes kinds with the fabric8 model and Strimzi's kinds with the Strimzi API
 * classes (io.strimzi:api 0.51, which model kafka.strimzi.io/v1 and v1beta2 together and mark each property's
 * versions: a property that is not in v1, such as an ACL's old {@code operation}, is rejected), then fails on any
 * field the model does not know. FAIL_ON_UNKNOWN_PROPERTIES alone is not enough: both models keep unknown fields in an
 * {@code additionalProperties} map instead of failing, so every such map in the parsed graph must be empty. KEDA and
 * CloudNativePG kinds, which have no Java model here, are validated against compact JSON Schemas written from their CRDs
 * (src/test/resources/schemas). A kind with neither is itself a problem: nothing goes unchecked.
 */
final class StrictParser {
    static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    static final Map<String, String> SCHEMAS = Map.of(
            "keda.sh/v1alpha1/ScaledObject", "keda-scaledobject.json",
            "keda.sh/v1alpha1/TriggerAuthentication", "keda-triggerauthentication.json",
            "postgresql.cnpg.io/v1/Cluster", "cnpg-cluster.json",
            "postgresql.cnpg.io/v1/Database", "cnpg-database.json");

    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private StrictParser() {
    }

    /** Problems of one object, each naming it; empty when the object is valid. */
    static List<String> problems(JsonNode obj) {
        String type = obj.path("apiVersion").asText() + "/" + obj.path("kind").asText();
        String id = Yaml.id(obj);
        Class<? extends HasMetadata> model = MODELS.get(type);
        if (model != null) {
            return typed(obj, id, model);
        }
        String schema = SCHEMAS.get(type);
        if (schema != null) {
            return LOADED.computeIfAbsent(schema, StrictParser::load).validate(obj).stream()
                    .map(ValidationMessage::getMessage).map(m -> id + ": " + m).sorted().toList();
        }
        return List.of(id + ": no strict model or schema for " + type);
    }

    private static List<String> typed(JsonNode obj, String id, Class<? extends HasMetadata> model) {
        HasMetadata parsed;
        try {
            parsed = Yaml.STRICT.treeToValue(obj, model);
        } catch (Exception e) {
            return List.of(id + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> problems = new ArrayList<>();
        // a Kubernetes model class is the model of exactly one apiVersion; Strimzi's serve v1 (checked per property)
        String declared = HasMetadata.getApiVersion(model);
        if (!model.getPackageName().startsWith("io.strimzi") && !obj.path("apiVersion").asText().equals(declared)) {
            problems.add(id + ": apiVersion " + obj.path("apiVersion").asText() + " but the model is " + declared);
        }
        unknownFields(parsed, "", problems, id, new IdentityHashMap<>());
        return problems;
    }

    /** Walks the parsed graph; any non-empty additionalProperties is a field the model does not know. */
    private static void unknownFields(Object o, String path, List<String> problems, String id, Map<Object, Boolean> seen) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>
                || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                unknownFields(item, path + "[" + i++ + "]", problems, id, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> unknownFields(v, path + "." + k, problems, id, seen));
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        try {
            Method extra = o.getClass().getMethod("getAdditionalProperties");
            Object value = extra.invoke(o);
            if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                problems.add(id + ": unknown field(s) " + Set.copyOf(m.keySet()) + " at " + (path.isEmpty() ? "." : path));
            }
        } catch (NoSuchMethodException e) {
            // a model class without a catch-all: Jackson already failed on unknown fields
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        if (pkg.startsWith("io.strimzi")) {
            notInV1(o, path, problems, id);
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("additionalProperties")) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    unknownFields(f.get(o), path + "." + f.getName(), problems, id, seen);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // inaccessible JDK internals are not part of the model
                }
            }
        }
    }

    private static final List<String> VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");

    /** A property that is set although Strimzi marks it present only in versions before v1, or missing though v1 requires it. */
    private static void notInV1(Object o, String path, List<String> problems, String id) {
        for (Method m : o.getClass().getMethods()) {
            RequiredInVersions required = m.getAnnotation(RequiredInVersions.class);
            if (required != null && m.getParameterCount() == 0 && includesV1(required.value())) {
                try {
                    Object value = m.invoke(o);
                    if (value == null || value instanceof java.util.Collection<?> c && c.isEmpty()) {
                        problems.add(id + ": field " + property(m) + " at " + (path.isEmpty() ? "." : path)
                                + " is required in kafka.strimzi.io/v1");
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            PresentInVersions present = m.getAnnotation(PresentInVersions.class);
            if (present == null || m.getParameterCount() != 0 || includesV1(present.value())) {
                continue;
            }
            try {
                if (m.invoke(o) != null) {
                    problems.add(id + ": field " + property(m) + " at " + (path.isEmpty() ? "." : path)
                            + " is not in kafka.strimzi.io/v1 (only " + present.value() + ")");
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String property(Method getter) {
        String p = getter.getName().replaceFirst("^(get|is)", "");
        return Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }

    /** Strimzi's version ranges: "all", "v1+", "v1alpha1-v1beta2", "v1beta2". */
    static boolean includesV1(String range) {
        String r = range.strip();
        if (r.equals("all") || r.equals("v1") || r.endsWith("+") && VERSIONS.contains(r.substring(0, r.length() - 1))) {
            return true;
        }
        int dash = r.indexOf('-');
        return dash > 0 && VERSIONS.indexOf(r.substring(dash + 1)) >= VERSIONS.indexOf("v1");
    }

    private static JsonSchema load(String name) {
        try (InputStream in = StrictParser.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + name);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
