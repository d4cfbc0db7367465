package io.quota.target.application;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.target.domain.AuditEntry;
import io.quota.target.domain.PlanRuleViolation;
import io.quota.target.domain.SeasonalityProfile;
import io.quota.target.persistence.AuditLog;
import io.quota.target.persistence.ProfileStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Seasonality profiles: named, reusable month weights that TIME levels phase by. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class ProfileService {
    @Inject
    ProfileStore profiles;
    @Inject
    AuditLog audit;
    @Inject
    CallerScope caller;
    @Inject
    Clock clock;

    /** A profile and its revision (the ETag). */
    public record Versioned(SeasonalityProfile profile, long revision) {
        static Versioned of(ProfileStore.Stored s) {
            return new Versioned(s.profile(), s.revision());
        }
    }

    private static SeasonalityProfile checked(String name, Map<Month, BigDecimal> weights) {
        try {
            return new SeasonalityProfile(name, new TreeMap<>(SeasonalityProfile.checked(weights, "weights")));
        } catch (PlanRuleViolation v) {
            throw ProblemException.unprocessable(v.field(), v.getMessage());
        }
    }

    @Transactional
    public Versioned create(String name, Map<Month, BigDecimal> weights) {
        SeasonalityProfile p = checked(name, weights);
        if (!profiles.insert(p, caller.actor(), clock.instant())) {
            throw ProblemException.conflict("seasonality profile " + name + " exists already");
        }
        audit.record(new AuditEntry(clock.instant(), caller.actor(), "PROFILE_CREATED", "profile:" + name, null,
                p.weights().toString()));
        return get(name);
    }

    /** Replaces the weights; plans drafted before keep the weights they were drafted with. */
    @Transactional
    public Versioned replace(String name, Map<Month, BigDecimal> weights, String ifMatch) {
        Versioned current = get(name);
        long expected = current.revision();
        if (ifMatch != null && !"*".equals(ifMatch.strip())) {
            if (!("\"" + current.revision() + "\"").equals(ifMatch.strip())) {
                throw new ProblemException(412, "Precondition failed", "profile " + name
                        + " changed since you read it; its ETag is now \"" + current.revision() + "\"", "If-Match");
            }
        }
        if (!profiles.update(checked(name, weights), expected)) {
            throw new ProblemException(412, "Precondition failed", "profile " + name + " changed meanwhile", "If-Match");
        }
        audit.record(new AuditEntry(clock.instant(), caller.actor(), "PROFILE_REPLACED", "profile:" + name, null,
                weights.toString()));
        return get(name);
    }

    /** Every profile as table rows: name, JANUARY..DECEMBER. */
    public List<List<String>> table() {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (ProfileStore.Stored s : profiles.page(0, 10_000)) {
            List<String> row = new java.util.ArrayList<>(List.of(s.profile().name()));
            s.profile().weights().values().forEach(w -> row.add(w.toPlainString()));
            rows.add(row);
        }
        return rows;
    }

    /** Creates or replaces every profile of a table, or none (TableRows.Rejected lists the bad rows). */
    @Transactional
    public int importTable(List<List<String>> rows) {
        List<SeasonalityProfile> read = io.quota.target.domain.TableRows.profiles(rows);
        for (SeasonalityProfile p : read) {
            if (!profiles.insert(p, caller.actor(), clock.instant())) {
                profiles.update(p, profiles.stored(p.name()).orElseThrow().revision());
            }
            audit.record(new AuditEntry(clock.instant(), caller.actor(), "PROFILE_IMPORTED", "profile:" + p.name(), null,
                    p.weights().toString()));
        }
        return read.size();
    }

    public Versioned get(String name) {
        return profiles.stored(name).map(Versioned::of)
                .orElseThrow(() -> ProblemException.notFound("seasonality profile", name));
    }

    public PlanService.Page<Versioned> list(int page, int size) {
        return new PlanService.Page<>(profiles.page(page, size).stream().map(Versioned::of).toList(), profiles.count());
    }
}
