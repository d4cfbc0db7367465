package io.quota.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quota.notification.domain.Channel;
import io.quota.notification.persistence.SubscriptionEntity;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** The JSON shapes of /api/subscriptions. */
public final class SubscriptionViews {

    public record NewSubscription(
            @NotBlank @Size(max = 100) String name,
            @NotNull Channel channel,
            @NotBlank @Size(max = 2000) String address,
            @Size(min = 16, max = 128) String secret,
            @Pattern(regexp = "zh-CN|en", message = "must be zh-CN or en") String locale,
            @Valid Filter filter) {
    }

    /** Which events a subscription wants; no plans means every plan. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Filter(@Size(min = 1, max = 100) List<@NotNull @Pattern(regexp = "[A-Za-z0-9_.:\\-]{1,64}",
            message = "must be a plan id ([A-Za-z0-9_.:-]{1,64})") String> plans) {
    }

    /**
     * A subscription as GET shows it: never with its secret. owner: who created it; territories: the roots of the
     * territory subtrees it hears about (its creator's scope), null for every node.
     */
    public record Subscription(String id, String name, Channel channel, String address, String locale, Filter filter,
                               String owner, List<String> territories, Instant createdAt) {
        static Subscription of(SubscriptionEntity s) {
            return new Subscription(s.id.toString(), s.name, s.channel, s.address, s.locale,
                    new Filter(s.filter().plans()), s.owner, scopeOf(s), s.createdAt);
        }
    }

    /** The answer to a create: the only time the secret is shown. */
    public record CreatedSubscription(String id, String name, Channel channel, String address, String locale,
                                      Filter filter, String owner, List<String> territories, String secret,
                                      Instant createdAt) {
        static CreatedSubscription of(SubscriptionEntity s) {
            return new CreatedSubscription(s.id.toString(), s.name, s.channel, s.address, s.locale,
                    new Filter(s.filter().plans()), s.owner, scopeOf(s), s.secret, s.createdAt);
        }
    }

    private static List<String> scopeOf(SubscriptionEntity s) {
        return s.scopeTerritories == null ? null : List.of(s.scopeTerritories);
    }

    private SubscriptionViews() {
    }
}
