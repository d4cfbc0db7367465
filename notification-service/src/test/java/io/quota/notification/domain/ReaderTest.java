package io.quota.notification.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReaderTest {
    @Test
    void anUnrestrictedReaderSeesEveryonesSubscriptions() {
        assertTrue(Reader.EVERYTHING.unrestricted());
        assertTrue(Reader.EVERYTHING.seesSubscriptionOf("rita"));
        assertTrue(Reader.EVERYTHING.seesSubscriptionOf(null));
    }

    @Test
    void aRepSeesOnlyItsOwnNotThoseWithoutOwner() {
        Reader rita = Reader.owner("rita", new TerritoryScope(Set.of("EAST")));
        assertFalse(rita.unrestricted());
        assertTrue(rita.seesSubscriptionOf("rita"));
        assertFalse(rita.seesSubscriptionOf("rob"));
        assertFalse(rita.seesSubscriptionOf(null));
        assertThrows(IllegalArgumentException.class, () -> Reader.owner(null, TerritoryScope.EVERYWHERE));
    }

    @Test
    void aScopedReaderOfEveryoneIsStillRestricted() {
        Reader west = new Reader(null, new TerritoryScope(Set.of("WEST")));
        assertFalse(west.unrestricted(), "its deliveries are filtered by territory");
        assertTrue(west.seesSubscriptionOf("rita"));
        assertTrue(new Reader(null, null).unrestricted());
    }
}
