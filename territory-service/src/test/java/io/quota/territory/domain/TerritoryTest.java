package io.quota.territory.domain;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.quota.territory.domain.TerritoryStatus.ACTIVE;
import static io.quota.territory.domain.TerritoryStatus.ARCHIVED;
import static io.quota.territory.domain.TerritoryType.GEOGRAPHIC;
import static io.quota.territory.domain.TerritoryType.INDUSTRY;
import static io.quota.territory.domain.TerritoryType.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TerritoryTest {
    private InMemoryTree tree;

    @BeforeEach
    void aChinaRegionWithEastUnderIt() {
        tree = new InMemoryTree();
        tree.plant("CN", null, REGION);
        tree.plant("EAST", "CN", REGION);
        tree.plant("SHANGHAI", "EAST", GEOGRAPHIC);
    }

    @Test
    void aNewTerritoryIsActiveAndKeepsWhatItWasGiven() {
        Territory t = Territory.plant(TerritoryId.of("HANGZHOU"), TerritoryId.of("EAST"), GEOGRAPHIC,
                TerritoryNames.of(" 杭州 ", "Hangzhou"), Potential.ofNullable(new BigDecimal("5")), tree);
        assertEquals(ACTIVE, t.status());
        assertEquals(TerritoryId.of("EAST"), t.parentId());
        assertEquals("杭州", t.names().zh());
        assertEquals(new BigDecimal("5.00"), t.potential().amount());
        assertTrue(tree.get("CN").isRoot());
    }

    @Test
    void theParentMustExist() {
        assertViolation("parentId", () -> tree.plant("X", "NOWHERE", GEOGRAPHIC));
    }

    @Test
    void onlyARegionHasChildren() {
        TerritoryRuleViolation v = assertViolation("parentId", () -> tree.plant("PUDONG", "SHANGHAI", GEOGRAPHIC));
        assertTrue(v.getMessage().contains("only a REGION"), v.getMessage());
    }

    @Test
    void noActiveTerritoryUnderAnArchivedRegion() {
        Territory west = tree.plant("WEST", "CN", REGION);
        assertTrue(west.revise(details(west, "CN", REGION, ARCHIVED), tree));
        assertViolation("parentId", () -> tree.plant("CHENGDU", "WEST", GEOGRAPHIC));
        // nor may an active territory move there, nor an archived child come back to life there
        Territory shanghai = tree.get("SHANGHAI");
        assertViolation("parentId", () -> shanghai.revise(details(shanghai, "WEST", GEOGRAPHIC, ACTIVE), tree));
        assertTrue(shanghai.revise(details(shanghai, "WEST", GEOGRAPHIC, ARCHIVED), tree));
        assertViolation("parentId", () -> shanghai.revise(details(shanghai, "WEST", GEOGRAPHIC, ACTIVE), tree));
    }

    @Test
    void aTerritoryCannotMoveUnderItselfOrItsDescendants() {
        Territory cn = tree.get("CN");
        assertViolation("parentId", () -> cn.revise(details(cn, "CN", REGION, ACTIVE), tree));
        assertViolation("parentId", () -> cn.revise(details(cn, "EAST", REGION, ACTIVE), tree));
        tree.plant("JIANGNAN", "EAST", REGION);
        TerritoryRuleViolation v = assertViolation("parentId",
                () -> cn.revise(details(cn, "JIANGNAN", REGION, ACTIVE), tree));
        assertTrue(v.getMessage().contains("cycle"), v.getMessage());
        assertNull(cn.parentId(), "a refused change leaves the territory as it was");
    }

    @Test
    void moveToAnotherRegionAndBackToARoot() {
        tree.plant("WEST", "CN", REGION);
        Territory shanghai = tree.get("SHANGHAI");
        assertTrue(shanghai.revise(details(shanghai, "WEST", GEOGRAPHIC, ACTIVE), tree));
        assertEquals(TerritoryId.of("WEST"), shanghai.parentId());
        Territory east = tree.get("EAST");
        assertTrue(east.revise(details(east, null, REGION, ACTIVE), tree));
        assertTrue(east.isRoot());
    }

    @Test
    void aRegionWithActiveChildrenCannotBeArchived() {
        Territory east = tree.get("EAST");
        TerritoryRuleViolation v = assertViolation("status", () -> east.revise(details(east, "CN", REGION, ARCHIVED), tree));
        assertTrue(v.getMessage().contains("active child"), v.getMessage());
        assertEquals(ACTIVE, east.status());

        Territory shanghai = tree.get("SHANGHAI");
        assertTrue(shanghai.revise(details(shanghai, "EAST", GEOGRAPHIC, ARCHIVED), tree));
        assertTrue(east.revise(details(east, "CN", REGION, ARCHIVED), tree), "only archived children left");
    }

    @Test
    void aRegionWithChildrenKeepsItsType() {
        Territory east = tree.get("EAST");
        assertViolation("type", () -> east.revise(details(east, "CN", GEOGRAPHIC, ACTIVE), tree));
        // archived children are still children
        Territory shanghai = tree.get("SHANGHAI");
        assertTrue(shanghai.revise(details(shanghai, "EAST", GEOGRAPHIC, ARCHIVED), tree));
        assertViolation("type", () -> east.revise(details(east, "CN", INDUSTRY, ACTIVE), tree));

        Territory empty = tree.plant("SOUTH", "CN", REGION);
        assertTrue(empty.revise(details(empty, "CN", GEOGRAPHIC, ACTIVE), tree), "a region without children may become a leaf");
        assertTrue(shanghai.revise(details(shanghai, "EAST", INDUSTRY, ARCHIVED), tree), "a leaf may change its type");
        assertTrue(shanghai.revise(details(shanghai, "EAST", REGION, ARCHIVED), tree), "and may become a region");
    }

    @Test
    void aRevisionThatChangesNothingSaysSo() {
        Territory east = tree.get("EAST");
        assertFalse(east.revise(east.details(), tree));
        assertFalse(east.revise(new TerritoryDetails(TerritoryId.of("CN"), REGION, TerritoryNames.of(" EAST ", ""), null,
                ACTIVE), tree), "names are compared after trimming");
    }

    @Test
    void aTerritoryNeedsAName() {
        assertViolation("nameZh", () -> TerritoryNames.of(null, null));
        assertViolation("nameZh", () -> TerritoryNames.of(" ", ""));
        assertViolation("nameEn", () -> TerritoryNames.of("华东", "x".repeat(201)));
        assertEquals("East", TerritoryNames.of(null, "East").en());
    }

    @Test
    void potentialIsANonNegativeAmountInMinorUnits() {
        assertEquals(new BigDecimal("88000000.00"), new Potential(new BigDecimal("88000000")).amount());
        assertEquals(new BigDecimal("0.00"), new Potential(BigDecimal.ZERO).amount());
        assertEquals(new BigDecimal("1.50"), new Potential(new BigDecimal("1.5")).amount());
        assertEquals(new BigDecimal("100000.00"), new Potential(new BigDecimal("1E+5")).amount());
        assertEquals(new BigDecimal("999999999999999999.99"),
                new Potential(new BigDecimal("999999999999999999.99")).amount());
        assertViolation("potential", () -> new Potential(new BigDecimal("-0.01")));
        assertViolation("potential", () -> new Potential(new BigDecimal("1.001")));
        assertViolation("potential", () -> new Potential(new BigDecimal("1.500")), "scale is at most 2, as given");
        assertViolation("potential", () -> new Potential(new BigDecimal("1000000000000000000")));
        assertNull(Potential.ofNullable(null));
    }

    @Test
    void idsUseTheNodeKeyAlphabet() {
        assertEquals("CN-EAST_1.a:b", TerritoryId.of("CN-EAST_1.a:b").value());
        assertThrows(IllegalArgumentException.class, () -> TerritoryId.of("华东"));
        assertThrows(IllegalArgumentException.class, () -> TerritoryId.of("a~b"));
        assertThrows(IllegalArgumentException.class, () -> TerritoryId.of("x".repeat(65)));
        assertThrows(IllegalArgumentException.class, () -> TerritoryId.of(""));
    }

    private static TerritoryDetails details(Territory t, String parentId, TerritoryType type, TerritoryStatus status) {
        return new TerritoryDetails(TerritoryId.ofNullable(parentId), type, t.names(), t.potential(), status);
    }

    private static void assertViolation(String field, Runnable change, String why) {
        assertEquals(field, assertThrows(TerritoryRuleViolation.class, change::run, why).field(), why);
    }

    private static TerritoryRuleViolation assertViolation(String field, Runnable change) {
        TerritoryRuleViolation v = assertThrows(TerritoryRuleViolation.class, change::run);
        assertEquals(field, v.field(), v.getMessage());
        return v;
    }
}
