package io.quota.territory.application;

import io.quota.territory.domain.AccountFacts;
import io.quota.territory.domain.TerritoryRuleViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts as CSV (UTF-8, header row, RFC 4180 quoting): reading checks every row against the account rules and
 * collects every problem (row = line number, column = header name) before anything is stored.
 */
public final class AccountCsv {
    public static final List<String> COLUMNS = List.of("id", "name", "country", "province", "city", "postalCode",
            "industry", "customerType", "potential", "currency", "workload", "status");
    public static final int MAX_ROWS = 50_000;

    /** One problem of a file: its line (1 = the header) and column. */
    public record RowError(int row, String column, String message) {
    }

    public record Parsed(List<AccountFacts> accounts, List<RowError> errors) {
    }

    public static Parsed read(String text, String companyCurrency) {
        List<RowError> errors = new ArrayList<>();
        List<List<String>> lines = parse(text, errors);
        List<AccountFacts> accounts = new ArrayList<>();
        if (lines.isEmpty()) {
            errors.add(new RowError(1, "id", "the file is empty: a header row naming " + COLUMNS + " comes first"));
            return new Parsed(accounts, errors);
        }
        List<String> header = lines.get(0).stream().map(String::strip).toList();
        for (String required : List.of("id", "name", "customerType", "potential", "currency", "workload")) {
            if (!header.contains(required)) {
                errors.add(new RowError(1, required, "the header lacks column " + required));
            }
        }
        for (String h : header) {
            if (!COLUMNS.contains(h)) {
                errors.add(new RowError(1, h, "unknown column " + h + "; columns are " + COLUMNS));
            }
        }
        if (lines.size() - 1 > MAX_ROWS) {
            errors.add(new RowError(MAX_ROWS + 2, "id", "at most " + MAX_ROWS + " accounts per file"));
        }
        if (!errors.isEmpty()) {
            return new Parsed(accounts, errors);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            int row = i + 1;
            List<String> cells = lines.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue; // a trailing empty line
            }
            if (cells.size() != header.size()) {
                errors.add(new RowError(row, "id", "the row has " + cells.size() + " cells, the header " + header.size()));
                continue;
            }
            Map<String, String> v = new java.util.HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String cell = cells.get(c).strip();
                v.put(header.get(c), cell.isEmpty() ? null : cell);
            }
            BigDecimal potential = null;
            Integer workload = null;
            try {
                potential = v.get("potential") == null ? null : new BigDecimal(v.get("potential"));
            } catch (NumberFormatException e) {
                errors.add(new RowError(row, "potential", "potential is a decimal number, e.g. 1250000.00"));
            }
            try {
                workload = v.get("workload") == null ? null : Integer.valueOf(v.get("workload"));
            } catch (NumberFormatException e) {
                errors.add(new RowError(row, "workload", "workload is a whole number of visits per year"));
            }
            if (workload == null && v.get("workload") == null) {
                errors.add(new RowError(row, "workload", "workload is required"));
            }
            if (potential == null && v.get("potential") != null || workload == null) {
                continue;
            }
            try {
                AccountFacts facts = new AccountFacts(v.get("id"), v.get("name"), v.get("country"), v.get("province"),
                        v.get("city"), v.get("postalCode"), v.get("industry"), v.get("customerType"), potential,
                        v.get("currency"), workload, v.get("status")).requireCurrency(companyCurrency);
                if (!seen.add(facts.id())) {
                    errors.add(new RowError(row, "id", "account " + facts.id() + " appears twice in the file"));
                } else {
                    accounts.add(facts);
                }
            } catch (TerritoryRuleViolation e) {
                errors.add(new RowError(row, e.field(), e.getMessage()));
            }
        }
        return new Parsed(accounts, errors);
    }

    public static String write(List<AccountView> accounts) {
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append(",territoryId\n");
        for (AccountView a : accounts) {
            List<String> cells = List.of(a.id(), a.name(), a.country(), nz(a.province()), nz(a.city()),
                    nz(a.postalCode()), nz(a.industry()), a.customerType(), a.potential().toPlainString(), a.currency(),
                    Integer.toString(a.workload()), a.status(), nz(a.territoryId()));
            out.append(String.join(",", cells.stream().map(AccountCsv::quote).toList())).append('\n');
        }
        return out.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Quotes when needed; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
    static String quote(String cell) {
        String c = cell;
        if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[0-9.]+")) {
            c = "'" + c;
        }
        if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
            return "\"" + c.replace("\"", "\"\"") + "\"";
        }
        return c;
    }

    /** RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
    static List<List<String>> parse(String text, List<RowError> errors) {
        List<List<String>> rows = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return rows;
        }
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.length() == 0) {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                line++;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            errors.add(new RowError(line, "id", "a quoted cell is never closed"));
        }
        if (cell.length() > 0 || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    private AccountCsv() {
    }
}
