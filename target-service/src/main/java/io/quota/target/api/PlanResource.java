package io.quota.target.api;

import io.quota.contracts.EventJson;
import io.quota.platform.problem.Problem;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import io.quota.target.application.PlanService;
import io.quota.target.domain.Plan;
import io.quota.target.domain.Cell;
import io.quota.target.domain.Subtotal;
import io.quota.target.domain.CellChange;
import io.quota.target.domain.TableRows;
import io.quota.target.domain.Commitment;
import io.quota.target.domain.ReconciledNode;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.BeanParam;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
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
import java.util.Set;

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
    @Inject
    Validator validator;

    /** 201 with the plan and version 1 (DRAFT); a repeat with the same Idempotency-Key answers the first result. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response create(@HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
                           @Valid @NotNull CreatePlanRequest request) {
        return created(plans.create(request.toDraft(), idempotencyKey, fingerprint(request)));
    }

    private static Response created(PlanService.Created created) {
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

    /**
     * A version's cells in cell-key order (a draft's too: the preview), filtered by any dimension's member and a
     * period range; a scoped caller's only.
     */
    @GET
    @Path("/{id}/versions/{version}/cells")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public PageView<CellView> cells(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                                    @PathParam("version") @Min(1) @Max(1_000_000) int version,
                                    @BeanParam @Valid CellQuery query,
                                    @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                    @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Plan plan = plans.get(id);
        PlanService.Page<Cell> found = plans.cells(id, version, query.members(), query.from, query.to, page, size);
        return new PageView<>(found.items().stream().map(c -> CellView.of(c, plan.unit())).toList(), page, size,
                found.total());
    }

    /**
     * Sums of a version's cells per group ({@code by=territory,quarter}; groups: territory, region, industry,
     * customerType, productLine, channel and one of year, quarter, month, week, day), with the cell filters,
     * paged; {@code total} is the sum over every group, for a scoped caller over the cells in its scope only.
     */
    @GET
    @Path("/{id}/versions/{version}/rollup")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public RollupView rollup(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                             @PathParam("version") @Min(1) @Max(1_000_000) int version,
                             @QueryParam("by") @NotNull @Pattern(regexp = BY, message = BY_MESSAGE) String by,
                             @BeanParam @Valid CellQuery query,
                             @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                             @QueryParam("size") @DefaultValue("500") @Min(1) @Max(500) int size) {
        List<String> groups = Arrays.asList(by.split(","));
        Plan plan = plans.get(id);
        PlanService.Rollup rollup = plans.rollup(id, version, groups, query.members(), query.from, query.to, page, size);
        List<RollupView.Item> items = new ArrayList<>(rollup.items().size());
        for (Subtotal s : rollup.items()) {
            items.add(new RollupView.Item(s.members(), plan.unit().normalise(s.amount())));
        }
        return new RollupView(id, version, groups, plan.unit().code(), plan.unit().normalise(rollup.total()), items,
                page, size, rollup.groups());
    }

    /** Groups of a roll-up: one to four names, comma-separated. */
    static final String BY = "[A-Za-z]{3,12}(,[A-Za-z]{3,12}){0,3}";
    static final String BY_MESSAGE = "must be one to four comma-separated groups such as territory,quarter";

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

    /**
     * APPROVED → RECALLED: publishes PlanWithdrawn; the version it had superseded is APPROVED (active) again.
     * Optional {@code reason} query parameter.
     */
    @POST
    @Path("/{id}/versions/{version}/recall")
    @RolesAllowed({Roles.ADMIN, Roles.APPROVER})
    public Response recall(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                           @PathParam("version") @Min(1) @Max(1_000_000) int version,
                           @HeaderParam("If-Match") @Size(max = 100) String ifMatch,
                           @QueryParam("reason") @Size(max = 500) String reason) {
        Plan plan = plans.recall(id, version, reason == null ? "recalled" : reason, ifMatch);
        return Response.ok(PlanView.of(plan)).tag(etag(plan)).build();
    }

    /**
     * A new DRAFT version (a scenario) from version {@code from}: a copy of its cells, or the plan's levels
     * decomposed again for a new {@code total}. 201 with the plan; Location names the new version's cells.
     */
    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response newVersion(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                               @HeaderParam("If-Match") @Size(max = 100) String ifMatch,
                               @Valid @NotNull NewVersionRequest request) {
        return createdVersion(id, plans.newVersion(id, request.from(), request.total(), request.note(), ifMatch));
    }

    /**
     * A new DRAFT version from version {@code version} with amounts moved between cells (periods or members);
     * 201 with the plan, the new version's note explaining the change.
     */
    @POST
    @Path("/{id}/versions/{version}/reallocations")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response reallocate(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                               @PathParam("version") @Min(1) @Max(1_000_000) int version,
                               @HeaderParam("If-Match") @Size(max = 100) String ifMatch,
                               @Valid @NotNull ReallocationRequest request) {
        return createdVersion(id, plans.reallocate(id, version, request.toMoves(), request.note(), ifMatch));
    }

    /**
     * A new DRAFT version from version {@code version} where what each node missed up to {@code through} (actuals
     * from kpi-service) is spread over its remaining periods; 503 when kpi-service is down (nothing written).
     */
    @POST
    @Path("/{id}/versions/{version}/carry-forward")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response carryForward(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                                 @PathParam("version") @Min(1) @Max(1_000_000) int version,
                                 @HeaderParam("If-Match") @Size(max = 100) String ifMatch,
                                 @Valid @NotNull CarryForwardRequest request) {
        return createdVersion(id, plans.carryForward(id, version, request.through(), request.note(), ifMatch));
    }

    private static Response createdVersion(String id, Plan plan) {
        int number = plan.versions().get(plan.versions().size() - 1).number();
        return Response.created(URI.create("/api/plans/" + id + "/versions/" + number + "/cells"))
                .tag(etag(plan)).entity(PlanView.of(plan)).build();
    }

    /**
     * Bottom-up commitments (承诺) to cells of a version: reps for cells of their own territories (a cell outside
     * the caller's scope is unknown: 422 naming the item), planners and admins for any. 200 with the version's
     * commitments (first page).
     */
    @PUT
    @Path("/{id}/versions/{version}/commitments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.REP})
    public PageView<CommitmentView> commit(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                                       @PathParam("version") @Min(1) @Max(1_000_000) int version,
                                       @Valid @NotNull CommitmentsRequest request) {
        PlanService.Page<Commitment> page = plans.commit(id, version, request.amounts());
        Plan plan = plans.get(id);
        return new PageView<>(page.items().stream().map(c -> CommitmentView.of(c, plan)).toList(), 0, 500, page.total());
    }

    /** One commitment; its amount at the unit's minor unit. */
    public record CommitmentView(String cellKey, BigDecimal amount, String committedBy, java.time.Instant committedAt) {
        static CommitmentView of(Commitment c, Plan plan) {
            return new CommitmentView(c.cellKey(), plan.unit().normalise(c.amount()), c.committedBy(), c.committedAt());
        }
    }

    @GET
    @Path("/{id}/versions/{version}/commitments")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public PageView<CommitmentView> commitments(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                                            @PathParam("version") @Min(1) @Max(1_000_000) int version,
                                            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                                            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Plan plan = plans.get(id);
        PlanService.Page<Commitment> found = plans.commitments(id, version, page, size);
        return new PageView<>(found.items().stream().map(c -> CommitmentView.of(c, plan)).toList(), page, size,
                found.total());
    }

    /** Top-down (cells) vs bottom-up (commitments) per roll-up node, and the gap (bottomUp - topDown). */
    @GET
    @Path("/{id}/versions/{version}/reconciliation")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public PageView<ReconciliationItem> reconciliation(
            @PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
            @PathParam("version") @Min(1) @Max(1_000_000) int version,
            @QueryParam("by") @NotNull @Pattern(regexp = BY, message = BY_MESSAGE) String by,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Plan plan = plans.get(id);
        PlanService.Page<ReconciledNode> found = plans.reconciliation(id, version, Arrays.asList(by.split(",")), page, size);
        return new PageView<>(found.items().stream().map(n -> new ReconciliationItem(n.members(),
                plan.unit().normalise(n.topDown()), plan.unit().normalise(n.bottomUp()), plan.unit().normalise(n.gap()),
                n.committedCells(), n.cells())).toList(), page, size, found.total());
    }

    /** One node of the reconciliation view. */
    public record ReconciliationItem(Map<String, String> members, BigDecimal topDown, BigDecimal bottomUp, BigDecimal gap,
                                     long committedCells, long cells) {
    }

    /** Cells whose amount differs between versions {@code from} and {@code to}, paged in cell-key order. */
    @GET
    @Path("/{id}/diff")
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.SERVICE, Roles.REP})
    public DiffView diff(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                         @QueryParam("from") @NotNull @Min(1) @Max(1_000_000) Integer from,
                         @QueryParam("to") @NotNull @Min(1) @Max(1_000_000) Integer to,
                         @QueryParam("by") @Pattern(regexp = BY, message = BY_MESSAGE) String by,
                         @QueryParam("page") @DefaultValue("0") @Min(0) @Max(1_000_000) int page,
                         @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        Plan plan = plans.get(id);
        if (by != null) {
            PlanService.RollupDiff d = plans.rollupDiff(id, from, to, Arrays.asList(by.split(",")), page, size);
            return DiffView.ofGroups(id, from, to, plan.unit(), Arrays.asList(by.split(",")), d, page, size);
        }
        PlanService.Page<CellChange> changes = plans.diff(id, from, to, page, size);
        return DiffView.ofCells(id, from, to, plan.unit(), changes, page, size);
    }

    /**
     * The plan's definition as a table (PlanTable): name, task type, metric, unit, period, calendar, drift policy,
     * total or history x (1 + growth), levels with their methods, members, weights, amounts, pins and seasonality.
     * A plan out of the caller's scope is missing (404).
     */
    @GET
    @Path("/{id}/export")
    @Produces({"text/csv", Tables.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public Response exportPlan(@PathParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                               @QueryParam("format") @DefaultValue("csv") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format) {
        Plan plan = plans.get(id);
        return file(format, id + "-plan", Tables.write(format, "plan", PlanTable.HEADER, PlanTable.rows(plan)));
    }

    /**
     * A new plan (a DRAFT version 1, decomposed) from a definition table as {@link #exportPlan} writes it; {@code id}
     * replaces the file's plan id. 201 + Location like POST /api/plans; a bad file is one 422 listing every bad row
     * and column (also bounds and planning rules, at the row that set the field), nothing imported; 409 id taken;
     * 503 kpi-service down (HISTORY, history x growth).
     */
    @POST
    @Path("/import")
    @Consumes({"text/csv", Tables.XLSX, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response importPlan(@QueryParam("format") @DefaultValue("csv") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format,
                               @QueryParam("id") @Pattern(regexp = ID, message = Ids.MESSAGE) String id,
                               @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
                               byte[] body) {
        PlanTable.Parsed parsed = PlanTable.read(Tables.read(format, body), id);
        CreatePlanRequest request = parsed.request();
        Set<ConstraintViolation<CreatePlanRequest>> invalid = validator.validate(request);
        if (!invalid.isEmpty()) {
            throw parsed.rejected(invalid.stream()
                    .map(v -> Map.entry(v.getPropertyPath().toString(), v.getMessage())).toList());
        }
        PlanService.Created created;
        try {
            created = plans.create(request.toDraft(), idempotencyKey, fingerprint(request));
        } catch (ProblemException e) {
            Problem p = e.toProblem();
            if ((p.status() == 400 || p.status() == 422) && p.field() != null) {
                throw parsed.rejected(List.of(Map.entry(p.field(), p.detail())));
            }
            throw e;
        }
        return created(created);
    }

    /** The cell table of a version (a scoped caller's cells only); columns {@link TableRows#CELL_HEADER}. */
    @GET
    @Path("/{id}/versions/{version}/export")
    @Produces({"text/csv", Tables.XLSX})
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER, Roles.APPROVER, Roles.VIEWER, Roles.REP})
    public Response exportCells(@PathParam("id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                @PathParam("version") @Min(1) @Max(1_000_000) int version,
                                @QueryParam("format") @DefaultValue("csv") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format) {
        List<List<String>> rows = plans.cellTable(id, version, Tables.MAX_ROWS);
        return file(format, id + "-v" + version, Tables.write(format, "cells", TableRows.CELL_HEADER, rows));
    }

    /**
     * New amounts for a DRAFT version's cells from a cell table (columns cellKey and amount are read); the
     * version's total becomes their sum. 409 unless DRAFT, 412 on a stale If-Match, 422 listing bad rows.
     */
    @POST
    @Path("/{id}/versions/{version}/import")
    @Consumes({"text/csv", Tables.XLSX, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PLANNER})
    public Response importCells(@PathParam("id") @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String id,
                                @PathParam("version") @Min(1) @Max(1_000_000) int version,
                                @QueryParam("format") @DefaultValue("csv") @Pattern(regexp = FORMAT, message = FORMAT_MESSAGE) String format,
                                @HeaderParam("If-Match") @Size(max = 100) String ifMatch,
                                byte[] body) {
        Plan plan = plans.importCells(id, version, Tables.read(format, body), ifMatch);
        return Response.ok(PlanView.of(plan)).tag(etag(plan)).build();
    }

    private static final String FORMAT = "csv|xlsx";
    static final String FORMAT_FOR_FILES = FORMAT;
    static final String FORMAT_MESSAGE = "must be csv or xlsx";

    static Response file(String format, String name, byte[] bytes) {
        return Response.ok(bytes, Tables.mediaType(format))
                .header("Content-Disposition", "attachment; filename=\"" + name + "." + format + "\"").build();
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
