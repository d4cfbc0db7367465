package io.quota.notification.persistence;

import io.quota.contracts.Metric;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.MinimumSeverity;
import io.quota.notification.domain.QuietHours;
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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

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

    @Column(name = "filter_territory")
    public String filterTerritory;

    @Column(name = "filter_metrics")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] filterMetrics;

    @Column(name = "min_severity")
    @Enumerated(EnumType.STRING)
    public MinimumSeverity minSeverity = MinimumSeverity.WARNING;

    @Column(name = "include_ahead")
    public boolean includeAhead = true;

    @Column(name = "include_milestones")
    public boolean includeMilestones;

    @Column(name = "quiet_start")
    public LocalTime quietStart;

    @Column(name = "quiet_end")
    public LocalTime quietEnd;

    /** IANA zone of the quiet hours. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "throttle_seconds")
    public int throttleSeconds;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

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
        return new SubscriptionFilter(filterPlans == null ? null : Arrays.asList(filterPlans), filterTerritory,
                filterMetrics == null ? null : Arrays.stream(filterMetrics).map(Metric::valueOf).collect(Collectors.toSet()),
                minSeverity, includeAhead, includeMilestones);
    }

    /** Null when it has none. */
    public QuietHours quietHours() {
        return quietStart == null ? null : new QuietHours(quietStart, quietEnd, ZoneId.of(timeZone));
    }

    public void quietHours(QuietHours quiet) {
        quietStart = quiet == null ? null : quiet.start();
        quietEnd = quiet == null ? null : quiet.end();
        timeZone = quiet == null ? null : quiet.zone().getId();
    }

    public Duration throttleWindow() {
        return Duration.ofSeconds(throttleSeconds);
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
        filterTerritory = filter.territory();
        filterMetrics = filter.metrics() == null ? null
                : filter.metrics().stream().map(Metric::name).sorted().toArray(String[]::new);
        minSeverity = filter.minimumSeverity();
        includeAhead = filter.ahead();
        includeMilestones = filter.milestones();
    }
}
