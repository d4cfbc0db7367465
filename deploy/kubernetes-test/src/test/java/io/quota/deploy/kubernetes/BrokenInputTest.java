package io.quota.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quota.contracts.Topics;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The checks fail, naming the culprit, on small broken fixtures (src/test/resources/broken). */
class BrokenInputTest {

    @Test
    void overlayThatReferencesAMissingResourceFailsNamingIt() {
        List<String> problems = new ArrayList<>();
        List<JsonNode> found = Kustomize.collect(broken("missing-resource"), problems);
        assertEquals(1, found.size(), "the resource that exists is still read");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("does-not-exist.yaml"), problems.get(0));
    }

    @Test
    void kubectlKustomizeOfAMissingResourceFailsNamingIt() {
        Path kubectl = ManifestsTest.kubectl();
        AssertionError e = assertThrows(AssertionError.class, () -> Kustomize.render(kubectl, broken("missing-resource")));
        assertTrue(e.getMessage().contains("does-not-exist.yaml"), e.getMessage());
    }

    @Test
    void topicInAServicesConfigWithoutKafkaTopicFailsNamingServiceAndTopic() {
        Path root = broken("ghost-topic");
        ServiceConfig ghost = ServiceConfig.load(root, "ghost-service");
        assertEquals(Set.of("quota.ghost.v1", Topics.PLANS), ghost.consumed());
        List<JsonNode> objects = Yaml.documents(Repo.read(root.resolve("topics.yaml")));
        List<String> problems = new ManifestRules(objects, Map.of("ghost-service", ghost), Set.of()).topics();
        assertTrue(problems.contains("ghost-service consumes quota.ghost.v1 (application.properties) but no KafkaTopic defines it"),
                problems.toString());
        assertTrue(problems.contains("ghost-service writes quota.ghost.v1.dlq but no KafkaTopic defines it"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("consumes " + Topics.PLANS)), problems.toString());
    }

    @Test
    void deploymentWithoutProbesFailsNamingItAndEachProbe() {
        List<JsonNode> objects = Yaml.documents(Repo.read(broken("deployment-without-probes.yaml")));
        List<String> problems = new ManifestRules(objects, Map.of(), Set.of()).workloads();
        assertEquals(List.of("Deployment no-probes container app: no livenessProbe (expected GET /q/health/live)",
                "Deployment no-probes container app: no readinessProbe (expected GET /q/health/ready)",
                "Deployment no-probes container app: no startupProbe (expected GET /q/health/started)"),
                problems.stream().sorted().toList());
    }

    @Test
    void serviceUrlLeftAtLocalhostAndNoJwtKeyFailNamingThem() {
        List<JsonNode> objects = Yaml.documents(Repo.read(broken("deployment-without-probes.yaml")));
        ServiceConfig cfg = new ServiceConfig("no-probes", 8080, 8080, Set.of(), Set.of(), Set.of(), Set.of(), "quota_x",
                Map.of(), Set.of(), Map.of("quota.kpi.url", 8083), "/etc/quota/jwt/public.pem", false);
        List<String> problems = new ManifestRules(objects, Map.of("no-probes", cfg), Set.of()).workloads();
        assertTrue(problems.contains("Deployment no-probes container app: quota.kpi.url is localhost:8083 in application.properties; "
                + "set QUOTA_KPI_URL to a Service's address in its ConfigMap (now unset)"), problems.toString());
        assertTrue(problems.contains("Deployment no-probes container app: no Secret volume puts public.pem at /etc/quota/jwt "
                + "(mp.jwt.verify.publickey.location=file:/etc/quota/jwt/public.pem)"), problems.toString());
    }

    @Test
    void misspeltFieldsFailTheStrictParseNamingTheField() {
        List<JsonNode> objects = Yaml.documents(Repo.read(broken("misspelt-fields.yaml")));
        Map<String, String> expected = Map.of(
                "Deployment misspelt-deployment", "replica",
                "KafkaTopic misspelt-topic", "partition",
                "KafkaUser misspelt-user", "field operation at .spec.authorization.acls[0] is not in kafka.strimzi.io/v1",
                "ScaledObject misspelt-scaledobject", "maxReplicas",
                "Cluster misspelt-cluster", "instance",
                "Database misspelt-database", "reclaimPolicy",
                "KafkaTopic old-api-topic", "no strict model or schema for kafka.strimzi.io/v1beta2");
        assertEquals(expected.size(), objects.size());
        for (JsonNode o : objects) {
            List<String> problems = StrictParser.problems(o);
            String field = expected.get(Yaml.id(o));
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(Yaml.id(o)) && p.contains(field)),
                    Yaml.id(o) + " should fail on " + field + ": " + problems);
        }
        // the misspelt probe too, though Deployment's first problem is enough to fail
        assertTrue(StrictParser.problems(objects.get(0)).toString().contains("livenesProbe"));
        // v1 requires an ACL's operations (the list that replaced the singular operation)
        assertTrue(StrictParser.problems(objects.get(2)).toString().contains("field operations at .spec.authorization.acls[0] is required in kafka.strimzi.io/v1"),
                StrictParser.problems(objects.get(2)).toString());
    }

    @Test
    void secretWithValuesFails() {
        List<JsonNode> objects = Yaml.documents(Repo.read(broken("secret-with-values.yaml")));
        assertEquals(List.of("Secret leaked: carries secret values; manifests may only reference Secrets"),
                new ManifestRules(objects, Map.of(), Set.of()).secrets());
    }

    @Test
    void kafkaUserAllowedMoreThanItsServiceUsesFails() {
        JsonNode greedy = Yaml.documents(Repo.read(broken("greedy-user.yaml"))).get(0);
        List<String> problems = ManifestRules.acls(greedy, Set.of(Topics.ACTUALS), Set.of(), Set.of());
        assertTrue(problems.stream().anyMatch(p -> p.contains("Write on topics") && p.contains("not used: [" + Topics.PLANS + "]")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("quota.") && p.contains("literal allow rule")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("Read on topics")), problems.toString());
    }

    private static Path broken(String name) {
        try {
            return Path.of(BrokenInputTest.class.getResource("/broken/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
