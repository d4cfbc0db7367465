package io.quota.target.domain;

import java.math.BigDecimal;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rules of imported tables (cell tables, seasonality profiles): every bad row and column is collected, so a
 * planner fixes the whole file at once; a file with any problem imports nothing.
 */
public final class TableRows {
    public static final List<String> CELL_HEADER = List.of("cellKey", "territory", "industry", "customerType",
            "productLine", "channel", "periodStart", "periodEnd", "amount");
    public static final List<String> PROFILE_HEADER;

    static {
        List<String> h = new ArrayList<>(List.of("name"));
        for (Month m : Month.values()) {
            h.add(m.name());
        }
        PROFILE_HEADER = List.copyOf(h);
    }

    /** One problem of a file: its row (1 = the header) and column name. */
    public record Problem(int row, String column, String message) {
    }

    /** A file with problems: nothing of it is imported. */
    public static final class Rejected extends RuntimeException {
        private final List<Problem> problems;

        public Rejected(List<Problem> problems) {
            super(problems.size() + " problem(s) in the file; nothing was imported");
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /**
     * New amounts of a version's cells from a cell table: columns cellKey and amount are read (the others are
     * for people); every cell key must be one of the version's, at most once, with an amount >= 0 at the unit's
     * minor unit.
     */
    public static Map<String, BigDecimal> cellAmounts(List<List<String>> rows, Set<String> knownCells, Unit unit) {
        List<Problem> problems = new ArrayList<>();
        int keyCol = column(rows, "cellKey", problems);
        int amountCol = column(rows, "amount", problems);
        Map<String, BigDecimal> amounts = new LinkedHashMap<>();
        if (problems.isEmpty()) {
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (blank(row)) {
                    continue;
                }
                String key = cell(row, keyCol);
                if (!knownCells.contains(key)) {
                    problems.add(new Problem(r + 1, "cellKey", "not a cell of this version: " + key));
                } else if (amounts.containsKey(key)) {
                    problems.add(new Problem(r + 1, "cellKey", "appears twice: " + key));
                }
                BigDecimal amount = amount(cell(row, amountCol), unit, r + 1, "amount", problems);
                if (amount != null && knownCells.contains(key)) {
                    amounts.put(key, amount);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        return amounts;
    }

    /** Seasonality profiles from a table: name, then a weight per month; checked like a profile made by hand. */
    public static List<SeasonalityProfile> profiles(List<List<String>> rows) {
        List<Problem> problems = new ArrayList<>();
        int nameCol = column(rows, "name", problems);
        Map<Month, Integer> cols = new EnumMap<>(Month.class);
        for (Month m : Month.values()) {
            cols.put(m, column(rows, m.name(), problems));
        }
        List<SeasonalityProfile> profiles = new ArrayList<>();
        Set<String> names = new HashSet<>();
        if (problems.isEmpty()) {
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (blank(row)) {
                    continue;
                }
                int before = problems.size();
                String name = cell(row, nameCol);
                if (!io.quota.contracts.NodeKey.ID.matcher(name).matches()) {
                    problems.add(new Problem(r + 1, "name", "a profile name of letters, digits, _ . : - : " + name));
                } else if (!names.add(name)) {
                    problems.add(new Problem(r + 1, "name", "appears twice: " + name));
                }
                Map<Month, BigDecimal> weights = new TreeMap<>();
                for (Month m : Month.values()) {
                    BigDecimal w = amount(cell(row, cols.get(m)), null, r + 1, m.name(), problems);
                    if (w != null) {
                        weights.put(m, w);
                    }
                }
                if (problems.size() == before) {
                    try {
                        profiles.add(new SeasonalityProfile(name, new TreeMap<>(SeasonalityProfile.checked(weights, "weights"))));
                    } catch (PlanRuleViolation v) {
                        problems.add(new Problem(r + 1, "JANUARY..DECEMBER", v.getMessage()));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejected(problems);
        }
        return profiles;
    }

    private static int column(List<List<String>> rows, String name, List<Problem> problems) {
        int c = rows.isEmpty() ? -1 : rows.get(0).stream().map(String::strip).toList().indexOf(name);
        if (c < 0) {
            problems.add(new Problem(1, name, "the header has no column " + name));
        }
        return c;
    }

    private static String cell(List<String> row, int c) {
        return c < row.size() && row.get(c) != null ? row.get(c).strip() : "";
    }

    private static boolean blank(List<String> row) {
        return row.stream().allMatch(v -> v == null || v.isBlank());
    }

    /** A decimal >= 0 (at the unit's minor unit when a unit is given); null and a problem otherwise. */
    private static BigDecimal amount(String text, Unit unit, int row, String column, List<Problem> problems) {
        BigDecimal v;
        try {
            v = new BigDecimal(text);
        } catch (NumberFormatException e) {
            problems.add(new Problem(row, column, "not a decimal number: '" + text + "'"));
            return null;
        }
        if (v.signum() < 0) {
            problems.add(new Problem(row, column, "negative: " + text));
            return null;
        }
        if (v.precision() - v.scale() > 14) {
            problems.add(new Problem(row, column, "more than 14 integer digits: " + text));
            return null;
        }
        if (unit != null && v.stripTrailingZeros().scale() > unit.minorUnit()) {
            problems.add(new Problem(row, column, "more decimals than " + unit.code() + " allows (" + unit.minorUnit()
                    + "): " + text));
            return null;
        }
        return v;
    }

    private TableRows() {
    }
}
