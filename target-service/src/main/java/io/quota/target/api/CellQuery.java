package io.quota.target.api;

import io.quota.contracts.Dimension;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.QueryParam;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Cell filters as query parameters named like the dimension, and a period range (cells inside from..to). */
public class CellQuery {
    @QueryParam("territory")
    @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
    String territory;
    @QueryParam("industry")
    @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
    String industry;
    @QueryParam("customerType")
    @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
    String customerType;
    @QueryParam("productLine")
    @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
    String productLine;
    @QueryParam("channel")
    @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE)
    String channel;
    @QueryParam("from")
    LocalDate from;
    @QueryParam("to")
    LocalDate to;

    Map<Dimension, String> members() {
        Map<Dimension, String> m = new EnumMap<>(Dimension.class);
        put(m, Dimension.TERRITORY, territory);
        put(m, Dimension.INDUSTRY, industry);
        put(m, Dimension.CUSTOMER_TYPE, customerType);
        put(m, Dimension.PRODUCT_LINE, productLine);
        put(m, Dimension.CHANNEL, channel);
        return m;
    }

    private static void put(Map<Dimension, String> m, Dimension d, String v) {
        if (v != null) {
            m.put(d, v);
        }
    }
}
