package io.quota.kpi.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quota.kpi.application.Leaderboards;
import io.quota.kpi.domain.Pace;
import io.quota.kpi.domain.Units;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

@Path("/api/leaderboard")
@Tag(name = "attainment")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {
    @Inject
    Leaderboards leaderboards;
    @Inject
    CallerScope caller;

    /** attainment null: no target (e.g. an OVERLAY rep with credits only). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(int rank, String id, BigDecimal target, BigDecimal actual, BigDecimal attainment) {
    }

    public record Board(String plan, int version, String by, String unit, LocalDate from, LocalDate to,
                        List<Entry> items, int page, int size, long total) {
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    @Operation(summary = "Territories or reps of a plan ranked by attainment",
            description = "by=territory (default): each territory the active version has cells for, its target and "
                    + "the actuals of its subtree. by=rep: the target of the territories a rep holds as PRIMARY, and "
                    + "its credits (explicit, or as PRIMARY holder of an actual's territory on its date). Attainment is "
                    + "a ratio of sums; ranked highest first, those without a target last. period or from/to (default "
                    + "the plan's), asOf (default today). A token scoped to territories sees only its territories and "
                    + "no rep board.")
    public Board get(@QueryParam("plan") String plan, @QueryParam("by") String by, @QueryParam("period") String period,
                     @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("asOf") String asOf,
                     @QueryParam("page") String page, @QueryParam("size") String size) {
        String planId = QueryParams.id(plan, "plan", true);
        boolean byRep;
        if (by == null || by.isEmpty() || by.equals("territory")) {
            byRep = false;
        } else if (by.equals("rep")) {
            byRep = true;
        } else {
            throw ProblemException.badRequest("by", "by must be territory or rep");
        }
        int p = QueryParams.integer(page, "page", 0, 0, 1_000_000);
        int s = QueryParams.integer(size, "size", 50, 1, 500);
        var board = leaderboards.board(planId, byRep, AttainmentResource.range(period, from, to),
                QueryParams.date(asOf, "asOf"), caller);
        int money = Units.minorUnits(board.unit());
        List<Entry> items = board.ranked().stream().skip((long) p * s).limit(s).map(r -> new Entry(r.rank(),
                r.standing().id(), Pace.round(r.standing().target(), money), Pace.round(r.standing().actual(), money),
                Pace.round(r.standing().attainment(), 4))).toList();
        return new Board(board.planId(), board.version(), byRep ? "rep" : "territory", board.unit(),
                board.period().from(), board.period().to(), items, p, s, board.ranked().size());
    }
}
