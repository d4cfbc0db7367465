package io.quota.notification.application;

import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the message templates (src/main/resources/templates/notice) see: every figure already formatted. */
public final class MessageViews {

    /**
     * One message: a single notice, or a digest of several (the first {@link MessageRenderer#DIGEST_ITEMS} listed,
     * {@code more} counts the rest).
     */
    @TemplateData
    public record Message(boolean digest, int count, int more, String title, List<Item> items) {
        public Item first() {
            return items.get(0);
        }
    }

    /**
     * One notice. headline and change are rendered by their own templates; attainment is a percentage, pace a
     * ratio (1.00 = exactly on plan); absent figures read as "—".
     */
    @TemplateData
    public record Item(boolean detected, boolean resolved, boolean milestone, boolean critical, String headline,
                       String change, String plan, int planVersion, String node, String period, String metric,
                       String unit, String state, String previousState, String target, String actual,
                       String expected, String attainment, String pace, String forecast, String asOf,
                       Integer milestonePercent, String link) {
        Item withText(String headline, String change) {
            return new Item(detected, resolved, milestone, critical, headline, change, plan, planVersion, node, period,
                    metric, unit, state, previousState, target, actual, expected, attainment, pace, forecast, asOf,
                    milestonePercent, link);
        }
    }

    private MessageViews() {
    }
}
