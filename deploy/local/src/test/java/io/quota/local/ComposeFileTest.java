package io.quota.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No Docker engine here, so docker-compose.yml is checked by reading it: every service is buildable and watched. */
class ComposeFileTest {
    @Test
    void everyServiceHasADockerfileAHealthCheckAndItsInfrastructure() throws Exception {
        Path root = LocalSuite.projectRoot();
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.get("services");
        Set<String> names = new HashSet<>();
        services.fieldNames().forEachRemaining(names::add);
        assertTrue(names.containsAll(Set.of("postgres", "kafka")), "infrastructure: " + names);
        for (Service s : Service.values()) {
            JsonNode svc = services.get(s.module());
            assertNotNull(svc, s.module() + " is in docker-compose.yml");
            Path context = root.resolve(svc.get("build").get("context").asText()).normalize();
            assertTrue(Files.isRegularFile(context.resolve(svc.get("build").get("dockerfile").asText())),
                    s.module() + " has its Dockerfile");
            assertTrue(svc.get("healthcheck").get("test").toString().contains("localhost:9000/q/health/ready"), s.module());
            assertTrue(svc.get("ports").get(0).asText().startsWith(s.defaultPort() + ":"), s.module() + " port");
            assertEquals("service_healthy", svc.get("depends_on").get("kafka").get("condition").asText());
            assertEquals("service_healthy", svc.get("depends_on").get("postgres").get("condition").asText());
        }
        for (String infra : Set.of("postgres", "kafka")) {
            assertNotNull(services.get(infra).get("healthcheck"), infra + " has a health check");
        }
        for (JsonNode volume : services.get("postgres").get("volumes")) {
            String hostPath = volume.asText().split(":")[0];
            if (hostPath.startsWith("./")) {
                assertTrue(Files.exists(root.resolve(hostPath)), hostPath + " exists");
            }
        }
    }
}
