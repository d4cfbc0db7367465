package io.quota.target.api;

import io.quota.contracts.EventJson;
import io.quota.platform.security.Roles;
import io.quota.target.application.PlanService;
import io.quota.target.domain.Plan;
import io.quota.target.domain.Cell;
import io.quota.target.domain.Subtotal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans: draft one (with its decomposition), read it, its cells and roll-ups, submit and approve versions.
 * Every method names the roles it admits (DESIGN.md section 6); the caller's territory scope is applied by
 * PlanService, so a plan out of scope answers 404 like a missing one.
 */
@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlanResource {
    private static final String ID = Ids.PATTERN;

    @Inject
    PlanService plans;

    /** 201 with the plan and version 1 (DRAFT); a repeat with the same Idempotency-Key answers the first result. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response create(@HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
                           @Valid @NotNull CreatePlanRequest request) {
        PlanService.Created created = plans.create(request.toDraft(), idempotencyKey, fingerprint(request));
        Plan plan = created.plan();
        return Response.created(URI.create("/api/plans/" + plan.id()))
                .tag(etag(plan))
                .header("Idempotency-Replayed", created.replayed() ? "true" : null)
                .entity(PlanView.of(plan))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public PageView<PlanView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                   @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        PlanService.Page<Plan> found = plans.list(page, size);
        return new PageView<>(found.items().stream().map(PlanView::of).toList(), page, size, found.total());
    }

    /** The plan with its ETag; 304 when If-None-Match names the current one. */
    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public Response get(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id, @Context Request request) {
        Plan plan = plans.get(id);
        EntityTag tag = etag(plan);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(PlanView.of(plan)).tag(tag).build();
    }

    /** A version's cells in cell-key order, optionally of one territory; a scoped caller's only. */
    @GET
    @Path("/{id}/versions/{version}/cells")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public PageView<CellView> cells(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                                    @PathParam("version") @Min(1) int version,
                                    @QueryParam("territory") @Pattern(regexp = ID, message = Ids.MESSAGE) String territory,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                    @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Plan plan = plans.get(id);
        PlanService.Page<Cell> found = plans.cells(id, version, territory, page, size);
        return new PageView<>(found.items().stream().map(c -> CellView.of(c, plan.unit())).toList(), page, size,
                found.total());
    }

    /**
     * Sums of a version's cells by territory, month, or both ({@code by=territory,month}); for a scoped caller
     * over the cells in its scope only, {@code total} being their sum.
     */
    @GET
    @Path("/{id}/versions/{version}/rollup")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public RollupView rollup(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                             @PathParam("version") @Min(1) int version,
                             @QueryParam("by") @NotNull @Pattern(regexp = "(territory|month)(,(territory|month))?",
                                     message = "must be territory, month or territory,month") String by) {
        List<String> groups = Arrays.stream(by.split(",")).distinct().toList();
        boolean byTerritory = groups.contains("territory");
        boolean byMonth = groups.contains("month");
        Plan plan = plans.get(id);
        List<Subtotal> sums = plans.rollup(id, version, byTerritory, byMonth);
        BigDecimal total = plan.unit().normalise(BigDecimal.ZERO);
        List<RollupView.Item> items = new ArrayList<>(sums.size());
        for (Subtotal s : sums) {
            Map<String, String> members = new LinkedHashMap<>();
            if (byTerritory) {
                members.put("territory", s.territory());
            }
            if (byMonth) {
                members.put("month", s.month());
            }
            BigDecimal amount = plan.unit().normalise(s.amount());
            items.add(new RollupView.Item(members, amount));
            total = total.add(amount);
        }
        return new RollupView(id, version, groups, plan.unit().code(), total, items);
    }

    /** DRAFT → SUBMITTED; 409 from any other status; 412 when If-Match is given and stale. */
    @POST
    @Path("/{id}/versions/{version}/submit")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response submit(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                           @PathParam("version") @Min(1) int version,
                           @HeaderParam("If-Match") @Size(max = 100) String ifMatch) {
        Plan plan = plans.submit(id, version, ifMatch);
        return Response.ok(PlanView.of(plan)).tag(etag(plan)).build();
    }

    /**
     * SUBMITTED → APPROVED, which publishes the version (PlanPublished + one TargetAllocated per cell). 403 when
     * the caller authored the version, admins included.
     */
    @POST
    @Path("/{id}/versions/{version}/approve")
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    public Response approve(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                            @PathParam("version") @Min(1) int version,
                            @HeaderParam("If-Match") @Size(max = 100) String ifMatch) {
        Plan plan = plans.approve(id, version, ifMatch);
        return Response.ok(PlanView.of(plan)).tag(etag(plan)).build();
    }

    /** Who created, submitted and approved, and when; oldest first. */
    @GET
    @Path("/{id}/audit")
    @RolesAllowed(Roles.ADMIN)
    public PageView<AuditEntryView> audit(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                                          @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                          @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        var found = plans.audit(id, page, size);
        return new PageView<>(found.items().stream()
                .map(e -> new AuditEntryView(e.at(), e.actor(), e.action(), e.version(), e.detail())).toList(),
                page, size, found.total());
    }

    private static EntityTag etag(Plan plan) {
        return EntityTag.valueOf(PlanService.etag(plan));
    }

    /** Fingerprint of a create request: a repeated Idempotency-Key must come with the same request. */
    private static String fingerprint(CreatePlanRequest request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(EventJson.write(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
