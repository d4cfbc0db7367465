package io.quota.target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.contracts.EventJson;
import io.quota.contracts.Topics;
import io.quota.contracts.events.TargetAllocated;
import io.quota.contracts.events.TerritoryChanged;
import io.quota.infra.QuotaInfraResource;
import io.quota.target.domain.LargestRemainder;
import io.quota.target.domain.Share;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.quota.target.Callers.asApprover;
import static io.quota.target.Callers.asPlanner;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A plan of 150 territories over five years (9000 cells): stored in chunks, rolled up exactly, published whole. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class LargePlanTest {
    static final int TERRITORIES = 150;
    static final int MONTHS = 60;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    @Test
    void nineThousandCellsAddUpToTheTotalEverywhere() {
        Instant now = Instant.now();
        List<TerritoryChanged> territories = new ArrayList<>();
        Map<String, String> weights = new LinkedHashMap<>();
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < TERRITORIES; i++) {
            String id = String.format("BIG-%03d", i);
            territories.add(Infra.territory(id, null, "GEOGRAPHIC", "ACTIVE", now));
            String weight = (i % 7 + 1) + ".5";
            weights.put(id, weight);
            shares.add(Share.of(id, weight));
        }
        Infra.replicate(bootstrap, ds, territories.toArray(TerritoryChanged[]::new));

        String total = "123456789.01";
        String body = """
                {"id":"BIG-PLAN","name":"Five years of collections","taskType":"COLLECTION","metric":"COLLECTIONS",
                 "unit":"CNY","periodStart":"2027-01-01","periodEnd":"2031-12-31","timeZone":"Asia/Shanghai",
                 "total":"%s","levels":[{"dimension":"TERRITORY","method":"WEIGHTS","weights":%s},
                                        {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}"""
                .formatted(total, EventJson.write(weights));
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(201)
                .body("versions[0].cellCount", equalTo(TERRITORIES * MONTHS));
        asPlanner().get("/api/plans/BIG-PLAN/versions/1/cells").then().statusCode(200)
                .body("total", equalTo(TERRITORIES * MONTHS));

        // each territory's cells add up to its largest-remainder share of the total
        Map<String, BigDecimal> expected = LargestRemainder.split(new BigDecimal(total), shares, 2);
        List<Map<String, Object>> byTerritory = asPlanner().queryParam("by", "territory")
                .get("/api/plans/BIG-PLAN/versions/1/rollup").then().statusCode(200)
                .body("total", equalTo(total)).body("items", hasSize(TERRITORIES)).extract().path("items");
        for (Map<String, Object> item : byTerritory) {
            @SuppressWarnings("unchecked")
            String territory = ((Map<String, String>) item.get("members")).get("territory");
            assertEquals(expected.get(territory), new BigDecimal((String) item.get("amount")), territory);
        }
        asPlanner().queryParam("by", "month").get("/api/plans/BIG-PLAN/versions/1/rollup").then().statusCode(200)
                .body("total", equalTo(total)).body("items", hasSize(MONTHS));

        asPlanner().post("/api/plans/BIG-PLAN/versions/1/submit").then().statusCode(200);
        asApprover().post("/api/plans/BIG-PLAN/versions/1/approve").then().statusCode(200)
                .body("versions[0].status", equalTo("APPROVED"));

        List<ConsumerRecord<String, String>> targets = Infra.read(bootstrap, Topics.TARGETS, TERRITORIES * MONTHS,
                r -> r.key() != null && r.key().startsWith("BIG-PLAN~"));
        assertEquals(TERRITORIES * MONTHS, targets.size());
        Set<String> cells = new HashSet<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (ConsumerRecord<String, String> r : targets) {
            TargetAllocated cell = EventJson.read(r.value(), TargetAllocated.class);
            cells.add(cell.cellKey());
            sum = sum.add(cell.amount());
        }
        assertEquals(TERRITORIES * MONTHS, cells.size());
        assertEquals(new BigDecimal(total), sum);
    }
}
