package io.quota.contracts;

/** A dimension of decomposition (维度). The declaration order is the canonical order in node keys. */
public enum Dimension {
    TERRITORY("territory"), INDUSTRY("industry"), CUSTOMER_TYPE("customerType"),
    PRODUCT_LINE("productLine"), CHANNEL("channel"), TIME("period");

    private final String param;

    Dimension(String param) {
        this.param = param;
    }

    /** The name used in node keys and as a REST query parameter. */
    public String param() {
        return param;
    }

    public static Dimension fromParam(String param) {
        for (Dimension d : values()) {
            if (d.param.equals(param)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dimension '" + param + "'");
    }
}
