package io.quota.kpi.domain;

import io.quota.contracts.Dimension;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A level of nodes: how cells are grouped into nodes, written as in a plan's alert levels and in {@code groupBy}
 * (DESIGN.md section 3a): {@code cell}, or a comma list of at most one territory word ({@code territory}: the
 * cell's own territory; {@code region}: the REGION above it), other dimensions ({@code industry},
 * {@code customerType}, {@code productLine}, {@code channel}) and at most one time grain ({@code day},
 * {@code week}, {@code month}, {@code quarter}, {@code year}; none: the whole period asked for).
 */
public record NodeLevel(boolean cell, TerritoryWord territory, List<Dimension> dimensions, Grain grain) {
    public static final NodeLevel CELL = new NodeLevel(true, null, List.of(), null);

    /** How a level names the territory of a node. */
    public enum TerritoryWord { TERRITORY, REGION }

    /** Parses a level; IllegalArgumentException names what is wrong. */
    public static NodeLevel parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a level is empty");
        }
        if (text.equals("cell")) {
            return CELL;
        }
        TerritoryWord territory = null;
        Grain grain = null;
        Set<Dimension> dimensions = new LinkedHashSet<>();
        for (String word : text.split(",", -1)) {
            Grain g = Grain.named(word);
            if (g != null) {
                if (grain != null) {
                    throw new IllegalArgumentException("a level names at most one time grain: " + text);
                }
                grain = g;
            } else if (word.equals("territory") || word.equals("region")) {
                if (territory != null) {
                    throw new IllegalArgumentException("a level names territory or region once: " + text);
                }
                territory = word.equals("region") ? TerritoryWord.REGION : TerritoryWord.TERRITORY;
            } else {
                Dimension d = other(word);
                if (d == null || !dimensions.add(d)) {
                    throw new IllegalArgumentException("unknown or repeated word '" + word + "' in " + text
                            + " (territory, region, industry, customerType, productLine, channel, day, week, month, "
                            + "quarter, year)");
                }
            }
        }
        return new NodeLevel(false, territory, new ArrayList<>(dimensions), grain);
    }

    private static Dimension other(String word) {
        for (Dimension d : List.of(Dimension.INDUSTRY, Dimension.CUSTOMER_TYPE, Dimension.PRODUCT_LINE,
                Dimension.CHANNEL)) {
            if (d.param().equals(word)) {
                return d;
            }
        }
        return null;
    }
}
