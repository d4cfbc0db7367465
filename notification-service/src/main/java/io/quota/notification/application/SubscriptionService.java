package io.quota.notification.application;

import io.quota.notification.domain.Channel;
import io.quota.notification.domain.Reader;
import io.quota.notification.domain.SubscriptionFilter;
import io.quota.notification.domain.SummaryLocale;
import io.quota.notification.domain.TerritoryScope;
import io.quota.notification.domain.WebhookAddressPolicy;
import io.quota.notification.persistence.SubscriptionEntity;
import io.quota.notification.persistence.SubscriptionRepository;
import io.quota.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Who is told about drift, where and in which language. */
@ApplicationScoped
@Transactional
public class SubscriptionService {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    WebhookAddresses addresses;

    /** Token subjects longer than this cannot own a subscription (the owner column's width). */
    static final int MAX_OWNER = 255;

    /** What a client asks for; null secret and locale take their defaults. */
    public record NewSubscription(String name, Channel channel, String address, String secret, String locale,
                                  List<String> plans) {
    }

    /**
     * Stores a subscription owned by {@code owner} (the caller's token subject) that hears only about nodes inside
     * {@code scope} (the caller's own territory scope: a subscription never tells more than its owner may read).
     * The returned entity carries the secret, which only this answer shows.
     */
    public SubscriptionEntity subscribe(NewSubscription request, String owner, TerritoryScope scope) {
        if (owner == null || owner.isBlank() || owner.length() > MAX_OWNER) {
            throw ProblemException.badRequest("sub", "the token subject must be 1.." + MAX_OWNER + " characters");
        }
        if (!request.channel().available()) {
            throw ProblemException.unprocessable("channel",
                    "channel " + request.channel() + " is not available yet; use WEBHOOK");
        }
        SummaryLocale locale = request.locale() == null ? SummaryLocale.DEFAULT
                : SummaryLocale.fromTag(request.locale()).orElseThrow(
                        () -> ProblemException.badRequest("locale", "locale must be zh-CN or en"));
        try {
            addresses.check(request.address());
        } catch (WebhookAddressPolicy.Refused e) {
            throw e.malformed() ? ProblemException.badRequest("address", e.getMessage())
                    : ProblemException.unprocessable("address", e.getMessage());
        }
        SubscriptionEntity s = new SubscriptionEntity();
        s.id = UUID.randomUUID();
        s.name = request.name();
        s.channel = request.channel();
        s.address = request.address();
        s.secret = request.secret() == null ? newSecret() : request.secret();
        s.locale = locale.tag();
        s.filter(new SubscriptionFilter(request.plans()));
        s.owner = owner;
        s.scope(scope);
        // the database keeps microseconds: answer what a later GET will show
        s.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        subscriptions.add(s);
        return s;
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
