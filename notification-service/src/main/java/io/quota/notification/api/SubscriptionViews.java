package io.quota.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quota.contracts.Metric;
import io.quota.notification.application.SubscriptionService.SubscriptionRequest;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.MinimumSeverity;
import io.quota.notification.domain.QuietHours;
import io.quota.notification.domain.SubscriptionFilter;
import io.quota.notification.persistence.SubscriptionEntity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of /api/subscriptions. */
public final class SubscriptionViews {
    static final String ID = "[A-Za-z0-9_.:\\-]{1,64}";

    /**
     * What POST and PUT take. Only name, channel and address are required; the foundation's shape ({name, channel,
     * address, secret?, locale?, filter?{plans}}) is a valid request as it was.
     *
     * @param address        an https URL for the chat robots and webhooks (http only for allow-listed hosts), an email
     *                       address for EMAIL
     * @param secret         WEBHOOK: the HMAC key (random when absent); DINGTALK / FEISHU: the robot's signing secret
     *                       when signing is on; other channels take none
     * @param throttleWindow ISO-8601, PT0S (default: none) to PT24H
     */
    public record SubscriptionBody(
            @NotBlank @Size(max = 100) String name,
            @NotNull Channel channel,
            @NotBlank @Size(max = 2000) String address,
            @Size(min = 16, max = 128) String secret,
            @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String locale,
            @Valid Filter filter,
            @Valid QuietHoursView quietHours,
            @Size(max = 32) String throttleWindow) {

        SubscriptionRequest request() {
            Filter f = filter == null ? new Filter(null, null, null, null, null, null) : filter;
            return new SubscriptionRequest(name, channel, address, secret, locale, f.plans(), f.territory(),
                    f.metrics(), f.minimumSeverity(), f.ahead(), f.milestones(),
                    quietHours == null ? null : quietHours.start(), quietHours == null ? null : quietHours.end(),
                    quietHours == null ? null : quietHours.timeZone(), throttleWindow);
        }
    }

    /**
     * Which notices a subscription wants; absent parts do not narrow (every plan, every territory, every metric),
     * minimumSeverity WARNING, ahead true, milestones false.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(
            @Size(min = 1, max = 100) List<@NotNull @Pattern(regexp = ID,
                    message = "must be a plan id ([A-Za-z0-9_.:-]{1,64})") String> plans,
            @Pattern(regexp = ID, message = "must be a territory id ([A-Za-z0-9_.:-]{1,64})") String territory,
            @Size(min = 1, max = 20) List<@NotNull Metric> metrics,
            MinimumSeverity minimumSeverity,
            Boolean ahead,
            Boolean milestones) {
        static Filter of(SubscriptionFilter f) {
            return new Filter(f.plans(), f.territory(), f.metrics() == null ? null : f.metrics().stream().sorted().toList(),
                    f.minimumSeverity(), f.ahead(), f.milestones());
        }
    }

    /** Quiet hours: start and end as HH:mm in the IANA time zone; an end before the start runs over midnight. */
    public record QuietHoursView(
            @NotNull @Size(max = 5) String start,
            @NotNull @Size(max = 5) String end,
            @NotNull @Size(max = 64) String timeZone) {
        static QuietHoursView of(QuietHours q) {
            return q == null ? null : new QuietHoursView(q.start().toString(), q.end().toString(), q.zone().getId());
        }
    }

    /**
     * A subscription as GET shows it: never with its secret. owner: who created it; territories: the roots of the
     * territory subtrees it hears about (its creator's scope), null for every node.
     */
    public record Subscription(String id, String name, Channel channel, String address, String locale, Filter filter,
                               QuietHoursView quietHours, String throttleWindow, String owner,
                               List<String> territories, Instant createdAt, Instant updatedAt) {
        static Subscription of(SubscriptionEntity s) {
            return new Subscription(s.id.toString(), s.name, s.channel, s.address, s.locale, Filter.of(s.filter()),
                    QuietHoursView.of(s.quietHours()), window(s), s.owner, scopeOf(s), s.createdAt, s.updatedAt);
        }
    }

    /** The answer to a create: the only time the secret is shown. */
    public record CreatedSubscription(String id, String name, Channel channel, String address, String locale,
                                      Filter filter, QuietHoursView quietHours, String throttleWindow, String owner,
                                      List<String> territories, String secret, Instant createdAt) {
        static CreatedSubscription of(SubscriptionEntity s) {
            return new CreatedSubscription(s.id.toString(), s.name, s.channel, s.address, s.locale,
                    Filter.of(s.filter()), QuietHoursView.of(s.quietHours()), window(s), s.owner, scopeOf(s),
                    s.secret, s.createdAt);
        }
    }

    private static String window(SubscriptionEntity s) {
        return s.throttleSeconds == 0 ? null : Duration.ofSeconds(s.throttleSeconds).toString();
    }

    private static List<String> scopeOf(SubscriptionEntity s) {
        return s.scopeTerritories == null ? null : List.of(s.scopeTerritories);
    }

    private SubscriptionViews() {
    }
}
