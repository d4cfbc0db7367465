package io.quota.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quota.contracts.Topics;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a service uses is read from its sources, also when it runs Kafka clients of its own. */
class ServiceConfigTest {

    @Test
    void ownConsumersAndProducersCountLikeChannels() throws URISyntaxException {
        Path root = Path.of(ServiceConfigTest.class.getResource("/fixtures").toURI());
        ServiceConfig s = ServiceConfig.load(root, "direct-service");
        assertEquals(Set.of(Topics.ACTUALS, Topics.dlq(Topics.ACTUALS)), s.consumed(),
                "List.of(Topics.X).stream().map(Topics::dlq) names a .dlq topic it reads back (re-drive)");
        assertEquals(Set.of("direct-service"), s.groups(), "its own consumer joins the group named after the application");
        assertEquals(Set.of(Topics.dlq(Topics.ACTUALS)), s.deadLetters(), "Topics.dlq(record.topic()) dead-letters what it consumes");
        assertEquals(Set.of(Topics.DRIFT, Topics.dlq(Topics.ACTUALS)), s.writes());
        assertEquals("quota_direct", s.database());
        assertEquals(8090, s.healthPort());
        assertEquals(java.util.Map.of("quota.kpi.url", 8083), s.localUrls());
        assertEquals("", s.jwtKeyFile(), "no platform in the fixture, no key file");
    }

    @Test
    void aGroupNamedPerInstanceIsAPrefix() {
        assertEquals("kpi-service-stream-*", ServiceConfig.groupPattern("kpi-service-stream-${quarkus.uuid}"));
        assertEquals("kpi-service", ServiceConfig.groupPattern("kpi-service"));
    }
}
