package io.quota.territory.domain.rules;

import io.quota.territory.domain.TerritoryRuleViolation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RuleEngineTest {
    static Condition.Match test(String attribute, String... values) {
        return Condition.match(attribute, List.of(values), "condition");
    }

    static AccountProfile account(String id, String province, String city, String postal, String industry,
                                  String type) {
        return new AccountProfile(id, "CN", province, city, postal, industry, type);
    }

    @Test
    void higherPriorityWinsAndEqualPrioritiesOverlap() {
        RuleEngine engine = RuleEngine.of(List.of(
                new BoundaryRule("r1", "ZJ", 1, test("province", "浙江")),
                new BoundaryRule("r2", "HZ-FIN", 5, Condition.all(List.of(test("city", "杭州"),
                        test("industry", "K66")), "condition")),
                new BoundaryRule("r3", "KEY", 9, test("accountId", "a-named")),
                new BoundaryRule("r4", "SH", 1, test("postalPrefix", "200")),
                new BoundaryRule("r5", "SH-B2C", 1, Condition.all(List.of(test("postalPrefix", "2000"),
                        test("customerType", "B2C")), "condition"))));

        assertEquals("ZJ", engine.assign(account("a1", "浙江", "宁波", "315000", "C27", "B2B")).territoryId());
        assertEquals("HZ-FIN", engine.assign(account("a2", " 浙江 ", "杭州", "310000", "k66", "B2B")).territoryId());
        assertEquals("KEY", engine.assign(account("a-named", "浙江", "杭州", "310000", "K66", "B2B")).territoryId());
        Assignment orphan = engine.assign(account("a3", "江苏", "南京", "210000", "C27", "B2B"));
        assertEquals(Assignment.Outcome.ORPHAN, orphan.outcome());
        Assignment overlap = engine.assign(account("a4", "上海", "上海", "200001", "C27", "b2c"));
        assertEquals(Assignment.Outcome.OVERLAP, overlap.outcome());
        assertEquals(List.of("SH", "SH-B2C"), overlap.candidates());
        assertEquals(null, overlap.territoryId());
        assertEquals("SH", engine.assign(account("a5", "上海", "上海", "200001", "C27", "B2B")).territoryId());
    }

    @Test
    void orCombinesAndTwoRulesOfOneTerritoryAreNoOverlap() {
        RuleEngine engine = RuleEngine.of(List.of(
                new BoundaryRule("r1", "EAST", 1, Condition.any(List.of(test("province", "浙江"),
                        test("city", "苏州")), "condition")),
                new BoundaryRule("r2", "EAST", 1, test("industry", "C27"))));
        assertEquals("EAST", engine.assign(account("a", "江苏", "苏州", null, "C27", "B2B")).territoryId());
        assertEquals(Assignment.Outcome.ORPHAN, engine.assign(account("b", "江苏", "南京", null, null, null)).outcome());
    }

    @Test
    void unknownAttributeAndEmptyValuesAreRefusedNamingTheField() {
        TerritoryRuleViolation unknown = assertThrows(TerritoryRuleViolation.class,
                () -> Condition.match("district", List.of("x"), "rules[0].condition.and[1]"));
        assertEquals("rules[0].condition.and[1].attribute", unknown.field());
        assertEquals("condition.values", assertThrows(TerritoryRuleViolation.class,
                () -> Condition.match("city", List.of(), "condition")).field());
        assertEquals("condition", assertThrows(TerritoryRuleViolation.class,
                () -> Condition.all(List.of(), "condition")).field());
        assertEquals("priority", assertThrows(TerritoryRuleViolation.class,
                () -> new BoundaryRule("r", "T", -1, test("city", "x"))).field());
    }

    @Test
    void anAndIsIndexedUnderItsMostSelectivePart() {
        Condition c = Condition.all(List.of(test("province", "a", "b", "c"), test("city", "x")), "condition");
        assertEquals(List.of(test("city", "x")), RuleEngine.anchors(c));
    }
}
