package io.quota.territory.application;

import io.quota.territory.domain.AccountFacts;
import io.quota.territory.domain.TerritoryRuleViolation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Accounts as a table: one row per account; on export a last column says the territory the ACTIVE model gives. */
final class AccountTable {
    static final List<String> COLUMNS = List.of("id", "name", "country", "province", "city", "postalCode",
            "industry", "customerType", "potential", "currency", "workload", "status");
    static final List<String> REQUIRED = List.of("id", "name", "customerType", "potential", "currency", "workload");
    static final List<String> EXPORTED;

    static {
        List<String> all = new ArrayList<>(COLUMNS);
        all.add("territoryId"); // derived: read back, it is ignored
        EXPORTED = List.copyOf(all);
    }

    /** Every row checked against the account rules; every problem collected, then all rejected together. */
    static List<AccountFacts> read(List<Tables.Line> lines, String companyCurrency) {
        List<Tables.RowError> errors = new ArrayList<>();
        List<AccountFacts> accounts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Tables.Line line : lines) {
            int row = line.row();
            BigDecimal potential = null;
            Integer workload = null;
            try {
                potential = line.get("potential") == null ? null : new BigDecimal(line.get("potential"));
            } catch (NumberFormatException e) {
                errors.add(new Tables.RowError(row, "potential", "potential is a decimal number, e.g. 1250000.00"));
                continue;
            }
            try {
                workload = line.get("workload") == null ? null : Integer.valueOf(line.get("workload"));
            } catch (NumberFormatException e) {
                errors.add(new Tables.RowError(row, "workload", "workload is a whole number of visits per year"));
                continue;
            }
            if (workload == null) {
                errors.add(new Tables.RowError(row, "workload", "workload is required"));
                continue;
            }
            try {
                AccountFacts facts = new AccountFacts(line.get("id"), line.get("name"), line.get("country"),
                        line.get("province"), line.get("city"), line.get("postalCode"), line.get("industry"),
                        line.get("customerType"), potential, line.get("currency"), workload, line.get("status"))
                        .requireCurrency(companyCurrency);
                if (!seen.add(facts.id())) {
                    errors.add(new Tables.RowError(row, "id", "account " + facts.id() + " appears twice in the file"));
                } else {
                    accounts.add(facts);
                }
            } catch (TerritoryRuleViolation e) {
                errors.add(new Tables.RowError(row, e.field(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new Tables.Rejected(errors);
        }
        return accounts;
    }

    static List<List<String>> rows(List<AccountView> accounts) {
        return accounts.stream().map(a -> java.util.Arrays.asList(a.id(), a.name(), a.country(), a.province(), a.city(),
                a.postalCode(), a.industry(), a.customerType(), a.potential().toPlainString(), a.currency(),
                Integer.toString(a.workload()), a.status(), a.territoryId())).map(l -> (List<String>) l).toList();
    }

    private AccountTable() {
    }
}
