package io.quota.contracts.events;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The numbers of a node as of a business date; pace and forecast are null when nothing is expected yet. */
public record Figures(BigDecimal target, BigDecimal actual, BigDecimal expectedToDate, BigDecimal attainment,
                      BigDecimal pace, BigDecimal forecast, LocalDate asOf) {
}
