package io.quota.kpi.api;

import io.quota.kpi.application.BusinessClock;
import io.quota.kpi.application.DriftSweep;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

/**
 * The business clock drift evaluation uses; settable only where quota.clock.settable=true (test, local), and by
 * admins only (a moved clock re-evaluates every node and may announce drift).
 */
@Path("/api/admin/clock")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
public class ClockResource {
    @Inject
    BusinessClock clock;
    @Inject
    DriftSweep sweep;

    public record ClockSetting(@NotNull LocalDate today) {
    }

    /** set: whether today is a set date rather than the system clock's. */
    public record ClockState(LocalDate today, String zone, boolean set) {
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Today, as drift evaluation sees it")
    public ClockState get() {
        return state();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set today (test and local profiles only), then sweep drift at once")
    public ClockState set(@Valid @NotNull ClockSetting setting) {
        clock.requireSettable();
        if (setting.today().isBefore(QueryParams.EARLIEST) || setting.today().isAfter(QueryParams.LATEST)) {
            throw ProblemException.badRequest("today", "today must lie between " + QueryParams.EARLIEST + " and "
                    + QueryParams.LATEST);
        }
        clock.set(setting.today());
        sweep.sweep();
        return state();
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Back to the system clock (test and local profiles only), then sweep drift at once")
    public ClockState reset() {
        clock.set(null);
        sweep.sweep();
        return state();
    }

    private ClockState state() {
        return new ClockState(clock.today(), clock.defaultZone().getId(), clock.isSet());
    }
}
