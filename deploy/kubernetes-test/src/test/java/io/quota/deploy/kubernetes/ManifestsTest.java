package io.quota.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.quota.contracts.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes: every overlay rendered by kubectl's Kustomize, every object parsed strictly, every rule of
 * issue 8 checked against what the services really use. Without kubectl the base files are still checked (and CI
 * fails instead of skipping).
 */
class ManifestsTest {
    static Map<String, ServiceConfig> services;
    static Set<String> secrets;

    @BeforeAll
    static void facts() {
        services = Quota.services();
        secrets = Quota.documentedSecrets();
    }

    @Test
    void theServicesTheChecksReadAreTheFourWithWhatTheyPublish() {
        assertEquals(List.of("kpi-service", "notification-service", "target-service", "territory-service"), List.copyOf(services.keySet()));
        // the derivation from sources must see every service's outbox events, or the ACL check would prove nothing
        services.values().forEach(s -> assertFalse(s.publishedEvents().isEmpty(), s.name() + " publishes nothing?"));
        assertEquals(Topics.PLANS, services.get("target-service").publishedEvents().get("PlanPublished"));
        assertEquals(Topics.ACTUALS, services.get("kpi-service").publishedEvents().get("ActualRecorded"));
        services.values().forEach(s -> assertEquals("/etc/quota/jwt/public.pem", s.jwtKeyFile(), s.name()));
    }

    @Test
    void healthAndMetricsAreOnTheManagementPortAndLogsAreJsonInProd() {
        services.values().forEach(s -> {
            assertEquals(9000, s.healthPort(), s.name() + ": management interface (quarkus.management.enabled) in the built image");
            assertTrue(s.jsonLogsInProd(), s.name() + ": JSON logs in the prod profile");
        });
        // a ServiceMonitor left on the HTTP port, and a gateway let in on the management port, are reported by name
        List<JsonNode> objects = Kustomize.collect(Repo.kubernetes().resolve("base"), new ArrayList<>());
        objects.stream().filter(o -> o.path("kind").asText().equals("ServiceMonitor") && o.path("metadata").path("name").asText().equals("kpi-service"))
                .forEach(m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m.path("spec").path("endpoints").get(0)).put("port", "http"));
        objects.stream().filter(o -> o.path("kind").asText().equals("NetworkPolicy") && o.path("metadata").path("name").asText().equals("target-service"))
                .forEach(np -> ((com.fasterxml.jackson.databind.node.ObjectNode) np.path("spec").path("ingress").get(0).path("ports").get(0)).put("port", 9000));
        List<String> problems = new ManifestRules(objects, services, secrets).all();
        assertTrue(problems.contains("Service kpi-service: no ServiceMonitor scrapes /q/metrics on port 9000 [management]"), problems.toString());
        assertTrue(problems.contains("NetworkPolicy target-service: lets pods other than Prometheus in on the management port 9000"), problems.toString());
    }

    @Test
    void baseFilesParseStrictlyAndFollowTheRules() {
        List<String> problems = new ArrayList<>();
        List<JsonNode> objects = Kustomize.collect(Repo.kubernetes().resolve("base"), problems);
        check("base (files)", objects, problems, false);
    }

    @Test
    void baseRendered() {
        check("base", Kustomize.render(kubectl(), Repo.kubernetes().resolve("base")), new ArrayList<>(), false);
    }

    @Test
    void devOverlay() {
        check("overlays/dev", Kustomize.render(kubectl(), Repo.kubernetes().resolve("overlays/dev")), new ArrayList<>(), false);
    }

    @Test
    void prodOverlay() {
        check("overlays/prod", Kustomize.render(kubectl(), Repo.kubernetes().resolve("overlays/prod")), new ArrayList<>(), true);
    }

    @Test
    void upstreamTemplateMayOnlyAppendActuals() {
        Path template = Repo.kubernetes().resolve("templates/upstream-actuals-kafkauser.yaml");
        List<JsonNode> docs = Yaml.documents(Repo.read(template));
        assertEquals(1, docs.size());
        assertEquals(List.of(), StrictParser.problems(docs.get(0)));
        assertEquals(List.of(), ManifestRules.acls(docs.get(0), Set.of(Topics.ACTUALS), Set.of(), Set.of()));
        assertTrue(Repo.read(Repo.kubernetes().resolve("README.md")).contains("quota-kafka-UPSTREAM-NAME"), "README names the upstream Secret");
    }

    private static void check(String what, List<JsonNode> objects, List<String> problems, boolean prod) {
        assertFalse(objects.isEmpty(), what + " rendered nothing");
        objects.forEach(o -> problems.addAll(StrictParser.problems(o)));
        ManifestRules rules = new ManifestRules(objects, services, secrets);
        problems.addAll(rules.all());
        if (prod) {
            problems.addAll(rules.production());
        }
        if (!problems.isEmpty()) {
            fail(what + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
    }

    /** kubectl with Kustomize v5; a laptop without one skips the rendering (said plainly), CI fails. */
    static Path kubectl() {
        var kubectl = Kustomize.kubectl();
        if (kubectl.isEmpty()) {
            if (Kustomize.onCi()) {
                fail("CI=true: " + Kustomize.NO_KUBECTL);
            }
            System.err.println("WARNING " + Kustomize.NO_KUBECTL);
            Assumptions.abort(Kustomize.NO_KUBECTL);
        }
        return kubectl.get();
    }
}
