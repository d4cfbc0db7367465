package io.quota.notification.application;

import io.quota.contracts.Metric;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DeliveryTiming;
import io.quota.notification.domain.EmailAddress;
import io.quota.notification.domain.MinimumSeverity;
import io.quota.notification.domain.QuietHours;
import io.quota.notification.domain.Reader;
import io.quota.notification.domain.SubscriptionFilter;
import io.quota.notification.domain.SummaryLocale;
import io.quota.notification.domain.TerritoryScope;
import io.quota.notification.domain.WebhookAddressPolicy;
import io.quota.notification.persistence.PlanRepository;
import io.quota.notification.persistence.SubscriptionEntity;
import io.quota.notification.persistence.SubscriptionRepository;
import io.quota.notification.persistence.TerritoryRepository;
import io.quota.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Who is told about drift and milestones, where, in which language, what about and when. */
@ApplicationScoped
@Transactional
public class SubscriptionService {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    WebhookAddresses addresses;
    @Inject
    PlanRepository plans;
    @Inject
    TerritoryRepository territories;

    /** Token subjects longer than this cannot own a subscription (the owner column's width). */
    static final int MAX_OWNER = 255;

    /**
     * What a client asks for (shape-checked by the API already). Null secret, locale, severity, ahead, milestones,
     * quiet hours and throttle window take their defaults: a random secret for webhooks, zh-CN, WARNING, AHEAD on,
     * milestones off, no quiet hours, no throttling.
     */
    public record SubscriptionRequest(String name, Channel channel, String address, String secret, String locale,
                                      List<String> plans, String territory, List<Metric> metrics,
                                      MinimumSeverity minimumSeverity, Boolean ahead, Boolean milestones,
                                      String quietStart, String quietEnd, String timeZone, String throttleWindow) {
    }

    /**
     * Stores a subscription owned by {@code owner} (the caller's token subject) that hears only about nodes inside
     * {@code scope} (the caller's own territory scope: a subscription never tells more than its owner may read).
     * The returned entity carries the secret, which only this answer shows.
     */
    public SubscriptionEntity subscribe(SubscriptionRequest request, String owner, TerritoryScope scope) {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
            throw ProblemException.badRequest("sub", "the token subject must be 1.." + MAX_OWNER + " characters");
        }
        SubscriptionEntity s = new SubscriptionEntity();
        s.id = UUID.randomUUID();
        s.owner = owner;
        s.scope(scope);
        apply(s, request, scope);
        if (s.secret == null && s.channel == Channel.WEBHOOK) {
            s.secret = newSecret();
        }
        // the database keeps microseconds: answer what a later GET will show
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        subscriptions.add(s);
        return s;
    }

    /**
     * Replaces what a subscription asks for, when {@code expectedTag} is its current ETag (otherwise 412). Owner,
     * territory scope and channel stay (a different channel is a different subscription); a request without a
     * secret keeps the one stored.
     */
    public SubscriptionEntity update(UUID id, String expectedTag, SubscriptionRequest request, Reader reader,
                                     TerritoryScope scope) {
        SubscriptionEntity s = get(id, reader);
        subscriptions.lock(s);
        if (!etag(s).equals(expectedTag)) {
            throw new ProblemException(412, "Precondition failed", "subscription " + id + " changed since it was "
                    + "read (its ETag is now \"" + etag(s) + "\"); read it again", "If-Match");
        }
        if (request.channel() != s.channel) {
            throw ProblemException.unprocessable("channel", "the channel of a subscription cannot change (it is "
                    + s.channel + "); create a new subscription");
        }
        String secret = s.secret;
        apply(s, request, s.scope());
        if (s.secret == null) {
            s.secret = secret;
        }
        s.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return s;
    }

    /** The ETag of a subscription's current version. */
    public static String etag(SubscriptionEntity s) {
        return s.id + "-" + s.version;
    }

    /** Checks every part of the request against the channel, the replicas and the owner's scope, and sets it. */
    private void apply(SubscriptionEntity s, SubscriptionRequest r, TerritoryScope scope) {
        SummaryLocale locale = r.locale() == null ? SummaryLocale.DEFAULT
                : SummaryLocale.fromTag(r.locale()).orElseThrow(
                        () -> ProblemException.badRequest("locale", "locale must be zh-CN or en"));
        checkAddress(r.channel(), r.address());
        if (r.secret() != null && !r.channel().signs()) {
            throw ProblemException.badRequest("secret", r.channel() + " messages are not signed; leave secret out");
        }
        if (r.plans() != null) {
            Set<String> unknown = plans.unknown(r.plans());
            for (int i = 0; i < r.plans().size(); i++) {
                if (unknown.contains(r.plans().get(i))) {
                    throw ProblemException.unprocessable("filter.plans[" + i + "]",
                            "no published plan " + r.plans().get(i));
                }
            }
        }
        if (r.territory() != null) {
            List<String> path = territories.ancestorsAndSelf(r.territory());
            if (!territories.known(r.territory())) {
                throw ProblemException.unprocessable("filter.territory", "no territory " + r.territory());
            }
            if (!scope.covers(path)) {
                throw ProblemException.unprocessable("filter.territory",
                        "territory " + r.territory() + " lies outside your territory scope");
            }
        }
        s.name = r.name();
        s.channel = r.channel();
        s.address = r.address();
        s.secret = r.secret();
        s.locale = locale.tag();
        s.filter(new SubscriptionFilter(r.plans(), r.territory(), r.metrics() == null ? null : Set.copyOf(r.metrics()),
                r.minimumSeverity(), r.ahead() == null || r.ahead(), r.milestones() != null && r.milestones()));
        s.quietHours(quietHours(r));
        s.throttleSeconds = (int) throttleWindow(r.throttleWindow()).toSeconds();
    }

    private void checkAddress(Channel channel, String address) {
        if (channel == Channel.EMAIL) {
            if (!EmailAddress.valid(address)) {
                throw ProblemException.badRequest("address", "address must be one email address (local@domain)");
            }
            return;
        }
        try {
            addresses.check(address, channel.httpsRequired());
        } catch (WebhookAddressPolicy.Refused e) {
            throw e.malformed() ? ProblemException.badRequest("address", e.getMessage())
                    : ProblemException.unprocessable("address", e.getMessage());
        }
    }

    private static QuietHours quietHours(SubscriptionRequest r) {
        if (r.quietStart() == null && r.quietEnd() == null && r.timeZone() == null) {
            return null;
        }
        LocalTime start = time(r.quietStart(), "quietHours.start");
        LocalTime end = time(r.quietEnd(), "quietHours.end");
        if (r.timeZone() == null || !ZoneId.getAvailableZoneIds().contains(r.timeZone())) {
            throw ProblemException.badRequest("quietHours.timeZone",
                    "timeZone must be an IANA time zone such as Asia/Shanghai");
        }
        return new QuietHours(start, end, ZoneId.of(r.timeZone()));
    }

    private static LocalTime time(String value, String field) {
        try {
            if (value != null && value.matches("[0-2][0-9]:[0-5][0-9]")) {
                return LocalTime.parse(value);
            }
        } catch (DateTimeParseException e) {
            // falls through to the problem below
        }
        throw ProblemException.badRequest(field, field.substring(field.indexOf('.') + 1)
                + " must be a time of day HH:mm, e.g. 22:00");
    }

    /** An ISO-8601 duration from PT0S (no throttling) to PT24H; absent is PT0S. */
    static Duration throttleWindow(String value) {
        if (value == null) {
            return Duration.ZERO;
        }
        Duration window;
        try {
            window = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("throttleWindow", "throttleWindow must be an ISO-8601 duration such as "
                    + "PT30M");
        }
        if (!DeliveryTiming.validWindow(window) || window.getNano() != 0) {
            throw ProblemException.badRequest("throttleWindow",
                    "throttleWindow must be whole seconds between PT0S and PT24H");
        }
        return window;
    }

    /** The subscription, if the reader may see it; someone else's is answered exactly like a missing one. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public SubscriptionEntity get(UUID id, Reader reader) {
        return subscriptions.find(id).filter(s -> reader.seesSubscriptionOf(s.owner))
                .orElseThrow(() -> ProblemException.notFound("subscription", id.toString()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SubscriptionEntity> page(Reader reader, int page, int size) {
        return subscriptions.page(reader.owner(), page, size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(Reader reader) {
        return subscriptions.count(reader.owner());
    }

    /** Ends a subscription the reader may see; its deliveries, done or pending, go with it. */
    public void unsubscribe(UUID id, Reader reader) {
        subscriptions.remove(get(id, reader));
    }

    /** 32 random bytes as hex: 256 bits for the HMAC key. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
