package io.quota.contracts;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NodeKeyTest {
    @Test
    void encodesDimensionsInCanonicalOrderAndParsesBack() {
        NodeKey key = NodeKey.of("FY2027-REV", Map.of(Dimension.CHANNEL, "ONLINE_STORE", Dimension.TERRITORY, "EAST"),
                LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31));
        assertEquals("FY2027-REV~territory=EAST~channel=ONLINE_STORE~2027-03-01..2027-03-31", key.encode());
        assertEquals(key, NodeKey.parse(key.encode()));
        assertEquals("EAST", key.member(Dimension.TERRITORY));
    }

    @Test
    void refusesKeysThatCannotBeCanonical() {
        assertThrows(IllegalArgumentException.class, () -> NodeKey.parse("P~territory=EAST"));
        assertThrows(IllegalArgumentException.class, () -> NodeKey.parse("P~bogus=1~2027-01-01..2027-01-31"));
        assertThrows(IllegalArgumentException.class, () -> NodeKey.parse("P~2027-02-01..2027-01-31"));
        assertThrows(IllegalArgumentException.class, () -> NodeKey.of("P", Map.of(Dimension.TERRITORY, "a~b"),
                LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 1)));
    }
}
