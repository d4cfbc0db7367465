package io.quota.kpi.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quota.contracts.DriftState;
import io.quota.contracts.Metric;
import io.quota.kpi.application.Attainment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A node's figures, rounded for display. attainment, pace and forecast are null while undefined (nothing
 * expected yet, or a zero target). cells: how many cells were summed (those wholly inside the period);
 * cellsPartlyInside: cells the period covers only in part, left out of this roll-up.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AttainmentResponse(String plan, int version, String nodeKey, Metric metric, String unit,
                                 BigDecimal target, BigDecimal actual, BigDecimal expectedToDate,
                                 BigDecimal attainment, BigDecimal pace, BigDecimal forecast, DriftState state,
                                 LocalDate asOf, int cells, long cellsPartlyInside) {
    static AttainmentResponse of(Attainment a) {
        var f = a.figures();
        return new AttainmentResponse(a.planId(), a.version(), a.nodeKey(), a.metric(), a.unit(), f.target(), f.actual(),
                f.expectedToDate(), f.attainment(), f.pace(), f.forecast(), a.state(), f.asOf(), a.cells(),
                a.cellsPartlyInside());
    }
}
