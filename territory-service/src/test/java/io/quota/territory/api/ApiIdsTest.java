package io.quota.territory.api;

import io.quota.contracts.NodeKey;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiIdsTest {
    @Test
    void theValidationPatternIsTheNodeKeyAlphabet() {
        assertEquals(NodeKey.ID.pattern(), ApiIds.ID);
    }
}
