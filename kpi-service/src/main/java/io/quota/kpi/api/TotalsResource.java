package io.quota.kpi.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quota.contracts.Dimension;
import io.quota.contracts.Metric;
import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.Units;
import io.quota.kpi.application.ActualTotals;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Totals of recorded actuals by member dimensions over a date range: what target-service reads for HISTORY
 * weights, "history x (1 + growth)" and carry-forward (DESIGN.md section 2).
 */
@Path("/api/actuals/totals")
@Tag(name = "actuals")
@Produces(MediaType.APPLICATION_JSON)
public class TotalsResource {
    private static final int MAX_DAYS = 3 * 366;

    @Inject
    ActualTotals totals;
    @Inject
    CallerScope caller;

    /** members: query-parameter name of each dimension asked for -> member (null: none recorded). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TotalItem(Map<String, String> members, String unit, BigDecimal value) {
    }

    public record TotalsAnswer(Metric metric, LocalDate from, LocalDate to, List<String> by, List<TotalItem> totals) {
    }

    @GET
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.PLANNER})
    @Operation(summary = "Totals of actuals by dimension members",
            description = "metric, from, to (at most 3 years) required; by: comma-separated dimensions (territory, "
                    + "industry, customerType, productLine, channel), may be empty for one grand total; filters by "
                    + "member as query parameters of the same names (territory takes its subtree); unit optional. "
                    + "Values are decimal strings in the stored precision; a row per unit.")
    public TotalsAnswer get(@QueryParam("metric") String metric, @QueryParam("from") String from,
                            @QueryParam("to") String to, @QueryParam("by") String by, @QueryParam("unit") String unit,
                            @QueryParam("territory") String territory, @QueryParam("industry") String industry,
                            @QueryParam("customerType") String customerType,
                            @QueryParam("productLine") String productLine, @QueryParam("channel") String channel) {
        Metric m = metric(metric);
        LocalDate start = QueryParams.date(from, "from");
        LocalDate end = QueryParams.date(to, "to");
        if (start == null) {
            throw ProblemException.badRequest("from", "from is required");
        }
        if (end == null) {
            throw ProblemException.badRequest("to", "to is required");
        }
        if (end.isBefore(start) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ProblemException.badRequest("to", "to must lie from `from` to 3 years after it");
        }
        if (unit != null && !unit.isEmpty() && !Units.valid(unit)) {
            throw ProblemException.badRequest("unit", "unit must be an ISO 4217 code, COUNT or RATIO");
        }
        List<Dimension> dimensions = dimensions(by);
        Map<Dimension, String> filters = new EnumMap<>(Dimension.class);
        put(filters, Dimension.TERRITORY, QueryParams.id(territory, "territory", false));
        put(filters, Dimension.INDUSTRY, QueryParams.id(industry, "industry", false));
        put(filters, Dimension.CUSTOMER_TYPE, QueryParams.id(customerType, "customerType", false));
        put(filters, Dimension.PRODUCT_LINE, QueryParams.id(productLine, "productLine", false));
        put(filters, Dimension.CHANNEL, QueryParams.id(channel, "channel", false));
        List<TotalItem> items = new ArrayList<>();
        for (ActualTotals.Total t : totals.totals(m, unit == null || unit.isEmpty() ? null : unit,
                new DateRange(start, end), dimensions, filters, caller)) {
            Map<String, String> members = new LinkedHashMap<>();
            t.members().forEach((d, member) -> members.put(d.param(), member));
            items.add(new TotalItem(members, t.unit(), display(t.value(), t.unit())));
        }
        return new TotalsAnswer(m, start, end, dimensions.stream().map(Dimension::param).toList(), items);
    }

    /** The unit's minor units, more only where a recorded value had more (nothing is rounded away). */
    static BigDecimal display(BigDecimal value, String unit) {
        return value.setScale(Math.max(Units.minorUnits(unit), Math.max(0, value.stripTrailingZeros().scale())));
    }

    private static Metric metric(String value) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest("metric", "metric is required");
        }
        try {
            Metric m = Metric.valueOf(value);
            if (m.derived()) {
                throw ProblemException.badRequest("metric", "metric " + m + " is derived: it has no recorded totals");
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("metric", "unknown metric " + value);
        }
    }

    private static List<Dimension> dimensions(String by) {
        List<Dimension> result = new ArrayList<>();
        if (by == null || by.isBlank()) {
            return result;
        }
        for (String part : by.split(",", -1)) {
            Dimension d;
            try {
                d = Dimension.fromParam(part.trim());
            } catch (IllegalArgumentException e) {
                d = null;
            }
            if (d == null || !ActualTotals.GROUPABLE.contains(d)) {
                throw ProblemException.badRequest("by", "by takes territory, industry, customerType, productLine, "
                        + "channel; not '" + part + "'");
            }
            if (result.contains(d)) {
                throw ProblemException.badRequest("by", "dimension " + part + " is named twice");
            }
            result.add(d);
        }
        return result;
    }

    private static void put(Map<Dimension, String> filters, Dimension d, String member) {
        if (member != null) {
            filters.put(d, member);
        }
    }
}
