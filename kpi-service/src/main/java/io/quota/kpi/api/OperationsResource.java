package io.quota.kpi.api;

import io.quota.kpi.application.Redrives;
import io.quota.kpi.application.Replays;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Operations on the read model (admins only): replay rebuilds it from quota.actuals.v1 without notifying again;
 * re-drive sends dead letters back to their topic after a fix, each once.
 */
@Path("/api/admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
public class OperationsResource {
    @Inject
    Replays replays;
    @Inject
    Redrives redrives;
    @Inject
    CallerScope caller;

    /** Why (kept with the replay, for the audit). */
    public record ReplayRequest(@NotBlank @Size(max = 500) String reason) {
    }

    /** Why (kept with each letter re-driven); topics: .dlq topics to re-drive, none = every one of kpi-service. */
    public record RedriveRequest(@NotBlank @Size(max = 500) String reason,
                                 @Size(max = 6) List<@Size(max = 100) String> topics) {
    }

    public record RedriveResult(int redriven, List<Redrives.TopicResult> topics) {
    }

    @POST
    @Path("/replays")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Rebuild the read model from quota.actuals.v1",
            description = "Empties the tables derived from actuals and reads the log again from the beginning on "
                    + "every instance; drift transitions found meanwhile are stored, not announced. 202 with Location "
                    + "to follow it; 409 while another replay runs.")
    public Response replay(@Valid @NotNull ReplayRequest request) {
        Replays.View view = replays.start(caller.actor(), request.reason())
                .orElseThrow(() -> ProblemException.conflict("a replay is running already; wait until it is DONE"));
        return Response.accepted(view).location(URI.create("/api/admin/replays/" + view.generation())).build();
    }

    @GET
    @Path("/replays/{generation}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "A replay's status (RUNNING, DONE) and progress per partition")
    public Replays.View replay(@PathParam("generation") long generation) {
        return replays.view(generation).orElseThrow(() -> ProblemException.notFound("replay", String.valueOf(generation)));
    }

    @POST
    @Path("/redrives")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Re-publish dead letters to their topic, each once",
            description = "Letters re-driven before (even if refused and dead-lettered again) are left alone.")
    public RedriveResult redrive(@Valid @NotNull RedriveRequest request) {
        List<String> topics = request.topics() == null || request.topics().isEmpty()
                ? Redrives.DLQ_TOPICS : request.topics();
        for (String t : topics) {
            if (!Redrives.DLQ_TOPICS.contains(t)) {
                throw ProblemException.badRequest("topics", "unknown dead-letter topic " + t + "; one of "
                        + Redrives.DLQ_TOPICS);
            }
        }
        List<Redrives.TopicResult> results = redrives.redrive(topics.stream().distinct().toList(), caller.actor(),
                request.reason());
        return new RedriveResult(results.stream().mapToInt(Redrives.TopicResult::redriven).sum(), results);
    }
}
