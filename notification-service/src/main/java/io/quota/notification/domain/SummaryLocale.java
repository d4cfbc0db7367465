package io.quota.notification.domain;

import java.util.Arrays;
import java.util.Optional;

/** The language of a subscription's human-readable summary line. */
public enum SummaryLocale {
    ZH_CN("zh-CN"), EN("en");

    public static final SummaryLocale DEFAULT = ZH_CN;

    private final String tag;

    SummaryLocale(String tag) {
        this.tag = tag;
    }

    /** The BCP 47 tag clients send and see. */
    public String tag() {
        return tag;
    }

    public static Optional<SummaryLocale> fromTag(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equals(tag)).findFirst();
    }
}
