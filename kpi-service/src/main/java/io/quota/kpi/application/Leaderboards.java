package io.quota.kpi.application;

import io.quota.kpi.domain.DateRange;
import io.quota.kpi.domain.Standings;
import io.quota.kpi.persistence.LeaderboardRepository;
import io.quota.kpi.persistence.PlanVersionRepository;
import io.quota.kpi.persistence.PlanVersionRow;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** Leaderboards of a plan's active version: territories or reps ranked by attainment (ratio of sums). */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Leaderboards {
    @Inject
    PlanVersionRepository plans;
    @Inject
    LeaderboardRepository standings;
    @Inject
    BusinessClock clock;

    public record Board(String planId, int version, String unit, DateRange period, List<Standings.Ranked> ranked) {
    }

    public Board board(String planId, boolean byRep, DateRange period, LocalDate asOf, CallerScope caller) {
        PlanVersionRow plan = plans.active(planId).orElseThrow(() ->
                new ProblemException(404, "Not found", "plan " + planId + " has no active version", null));
        if (byRep && !caller.unrestricted()) {
            // reps are ranked across territories; a scoped caller sees only the territory board
            throw ProblemException.badRequest("by", "a token scoped to territories may rank territories only");
        }
        DateRange range = period == null ? plan.period() : period;
        LocalDate lastDay = asOf != null ? asOf : clock.today(plan.zone());
        List<LeaderboardRepository.Standing> rows = byRep
                ? standings.reps(planId, plan.version(), plan.metric().name(), plan.unit(), range, lastDay)
                : standings.territories(planId, plan.version(), plan.metric().name(), plan.unit(), range, lastDay,
                caller.unrestricted() ? null : Set.copyOf(caller.roots()));
        List<Standings.Ranked> ranked = Standings.rank(rows.stream()
                .map(r -> new Standings.Standing(r.id(), r.target(), r.actual())).toList());
        return new Board(planId, plan.version(), plan.unit(), range, ranked);
    }
}
