package io.quota.notification.it;

import io.quarkus.arc.Arc;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Plans the service knows: published on quota.plans.v1 and awaited in its replica, as filters may name only those. */
final class Plans {

    /** A plan no other test uses, known to the service. */
    static String known() {
        String id = "P-" + UUID.randomUUID().toString().substring(0, 8);
        return known(id, "Plan " + id);
    }

    static String known(String id, String name) {
        new QuotaKafka(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))
                .publish(QuotaKafka.planPublished(id, name));
        await().atMost(Duration.ofSeconds(30)).until(() -> exists(id));
        return id;
    }

    private static boolean exists(String id) throws Exception {
        DataSource ds = Arc.container().instance(DataSource.class).get();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from plan where plan_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Plans() {
    }
}
