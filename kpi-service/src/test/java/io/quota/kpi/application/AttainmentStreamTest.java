package io.quota.kpi.application;

import io.quota.contracts.Metric;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.contracts.events.Figures;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.subscription.BackPressureFailure;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class AttainmentStreamTest {
    private final AttainmentStream stream = new AttainmentStream();

    @Test
    void aBrowserThatAsksForOneEventAtATimeStillGetsAWholeBurst() {
        AssertSubscriber<AttainmentChanged> browser = stream.forScope(null).subscribe()
                .withSubscriber(AssertSubscriber.create(1));
        stream.publish(changed("P~territory=EAST~2027-03-01..2027-03-31"));
        stream.publish(changed("P~territory=WEST~2027-03-01..2027-03-31"));
        stream.publish(changed("P~territory=CN~2027-01-01..2027-03-31"));

        browser.assertNotTerminated().assertItems(changed("P~territory=EAST~2027-03-01..2027-03-31"));
        browser.request(2);
        assertEquals(3, browser.getItems().size());
        assertEquals("P~territory=CN~2027-01-01..2027-03-31", browser.getItems().get(2).nodeKey());
    }

    @Test
    void aScopedBrowserSeesOnlyItsTerritoriesAndOneTooFarBehindIsDisconnected() {
        AssertSubscriber<AttainmentChanged> west = stream.forScope(Set.of("WEST")).subscribe()
                .withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        AssertSubscriber<AttainmentChanged> stalled = stream.forScope(null).subscribe()
                .withSubscriber(AssertSubscriber.create(0));
        stream.publish(changed("P~territory=EAST~2027-03-01..2027-03-31"));
        stream.publish(changed("P~territory=WEST~2027-03-01..2027-03-31"));
        stream.publish(changed("P~2027-03-01..2027-03-31"));
        assertEquals(1, west.getItems().size());
        assertEquals("P~territory=WEST~2027-03-01..2027-03-31", west.getItems().get(0).nodeKey());

        for (int i = 0; i < AttainmentStream.BROWSER_BUFFER; i++) {
            stream.publish(changed("P~territory=WEST~2027-04-01..2027-04-30"));
        }
        assertInstanceOf(BackPressureFailure.class, stalled.getFailure());
        west.assertNotTerminated();
        assertEquals(1 + AttainmentStream.BROWSER_BUFFER, west.getItems().size());
    }

    private static AttainmentChanged changed(String nodeKey) {
        BigDecimal hundred = new BigDecimal("100.00");
        return new AttainmentChanged(UUID.nameUUIDFromBytes(nodeKey.getBytes()), Instant.EPOCH, 1, nodeKey, "P", 1,
                Metric.REVENUE, "CNY", new Figures(hundred, hundred, hundred, BigDecimal.ONE, BigDecimal.ONE, hundred,
                        LocalDate.of(2027, 3, 21)));
    }
}
