package io.quota.target.api;

import io.quota.platform.security.Roles;
import io.quota.target.application.ProfileService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Month;
import java.util.Map;
import io.quota.target.domain.TableRows;

/**
 * Seasonality profiles (季节性): named month weights that TIME levels phase by ({@code "profile":"RETAIL"}).
 * Every month present, none negative, sum > 0 (422 naming {@code weights} otherwise).
 */
@Path("/api/seasonality-profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {
    @Inject
    ProfileService profiles;

    /** A profile: its name and a weight per month (JANUARY..DECEMBER). */
    public record ProfileView(String name, Map<Month, BigDecimal> weights) {
        static ProfileView of(ProfileService.Versioned v) {
            return new ProfileView(v.profile().name(), v.profile().asMap());
        }
    }

    public record ProfileRequest(@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String name,
                                 @NotNull @Size(max = 12) Map<@NotNull Month, @NotNull @Digits(integer = 12, fraction = 6) BigDecimal> weights) {
    }

    public record WeightsRequest(@NotNull @Size(max = 12) Map<@NotNull Month, @NotNull @Digits(integer = 12, fraction = 6) BigDecimal> weights) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response create(@Valid @NotNull ProfileRequest request) {
        ProfileService.Versioned created = profiles.create(request.name(), request.weights());
        return Response.created(URI.create("/api/seasonality-profiles/" + request.name())).tag(tag(created))
                .entity(ProfileView.of(created)).build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public PageView<ProfileView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        var found = profiles.list(page, size);
        return new PageView<>(found.items().stream().map(ProfileView::of).toList(), page, size, found.total());
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public Response get(@PathParam("name") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String name) {
        ProfileService.Versioned p = profiles.get(name);
        return Response.ok(ProfileView.of(p)).tag(tag(p)).build();
    }

    /** Replaces the weights (If-Match: 412 when stale); plans drafted before keep the weights they used. */
    @PUT
    @Path("/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response replace(@PathParam("name") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String name,
                            @HeaderParam("If-Match") @Size(max = 100) String ifMatch,
                            @Valid @NotNull WeightsRequest request) {
        ProfileService.Versioned p = profiles.replace(name, request.weights(), ifMatch);
        return Response.ok(ProfileView.of(p)).tag(tag(p)).build();
    }

    /** Every seasonality profile: name, JANUARY..DECEMBER. */
    @GET
    @Path("/export")
    @Produces({"text/csv", Tables.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public Response exportProfiles(@QueryParam("format") @DefaultValue("csv") @Pattern(regexp = PlanResource.FORMAT_FOR_FILES, message = PlanResource.FORMAT_MESSAGE) String format) {
        return PlanResource.file(format, "seasonality-profiles", Tables.write(format, "profiles", TableRows.PROFILE_HEADER,
                profiles.table()));
    }

    /** Creates or replaces the profiles of a table (name, JANUARY..DECEMBER): all of them, or none. */
    @POST
    @Path("/import")
    @Consumes({"text/csv", Tables.XLSX, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Map<String, Integer> importProfiles(@QueryParam("format") @DefaultValue("csv") @Pattern(regexp = PlanResource.FORMAT_FOR_FILES, message = PlanResource.FORMAT_MESSAGE) String format,
                                               byte[] body) {
        return Map.of("imported", profiles.importTable(Tables.read(format, body)));
    }

    private static EntityTag tag(ProfileService.Versioned p) {
        return new EntityTag(Long.toString(p.revision()));
    }
}
