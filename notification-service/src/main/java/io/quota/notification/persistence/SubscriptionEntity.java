package io.quota.notification.persistence;

import io.quota.notification.domain.Channel;
import io.quota.notification.domain.SubscriptionFilter;
import io.quota.notification.domain.SummaryLocale;
import io.quota.notification.domain.TerritoryScope;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "subscription")
public class SubscriptionEntity {
    @Id
    public UUID id;

    public String name;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String address;

    public String secret;

    /** BCP 47 tag, see {@link SummaryLocale}. */
    public String locale;

    @Column(name = "filter_plans")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] filterPlans;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The token subject of its creator (null: created before owners were recorded). */
    public String owner;

    /** Roots of the territory subtrees it may hear about; null: everywhere. */
    @Column(name = "scope_territories")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] scopeTerritories;

    @Version
    public long version;

    public SummaryLocale summaryLocale() {
        return SummaryLocale.fromTag(locale).orElse(SummaryLocale.DEFAULT);
    }

    public SubscriptionFilter filter() {
        return new SubscriptionFilter(filterPlans == null ? null : Arrays.asList(filterPlans));
    }

    public TerritoryScope scope() {
        return scopeTerritories == null ? TerritoryScope.EVERYWHERE
                : new TerritoryScope(new HashSet<>(Arrays.asList(scopeTerritories)));
    }

    public void scope(TerritoryScope scope) {
        scopeTerritories = scope.unrestricted() ? null : scope.roots().stream().sorted().toArray(String[]::new);
    }

    public void filter(SubscriptionFilter filter) {
        List<String> plans = filter.plans();
        filterPlans = plans == null ? null : plans.toArray(new String[0]);
    }
}
