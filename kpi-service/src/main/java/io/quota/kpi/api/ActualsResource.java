package io.quota.kpi.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quota.kpi.application.ActualsService;
import io.quota.kpi.application.BusinessClock;
import io.quota.kpi.application.NewActual;
import io.quota.kpi.domain.ActualAdmission;
import io.quota.kpi.domain.CreditSplit;
import io.quota.platform.problem.Problem;
import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;

@Path("/api/actuals")
@Tag(name = "actuals")
@Produces(MediaType.APPLICATION_JSON)
public class ActualsResource {
    static final int MAX_BATCH = 10_000;
    private static final int MAX_ERRORS = 100;

    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;
    @Inject
    ActualsService actuals;
    @Inject
    BusinessClock clock;

    public record Accepted(List<UUID> eventIds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INGEST})
    @Operation(summary = "Record actuals", description = "One actual or an array of up to 10,000. Each is appended to "
            + "quota.actuals.v1 and counted when consumed. Idempotency-Key is required unless every item has an eventId; "
            + "an item without one gets an id derived from the key and its index, so a repeated post changes nothing.")
    public Response record(@HeaderParam("Idempotency-Key") String idempotencyKey, JsonNode body) {
        List<JsonNode> nodes = items(body);
        List<Problem.FieldError> errors = new ArrayList<>();
        List<NewActual> batch = read(nodes, i -> "[" + i + "]", errors);
        if (!errors.isEmpty()) {
            throw new InvalidBatch(errors);
        }
        return accepted(batch, idempotencyKey);
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.INGEST})
    @Operation(summary = "Import actuals from CSV", description = "A header row naming the columns (metric, value, "
            + "unit, businessDate, territoryId and/or accountId required; eventId, repId, industry, customerType, "
            + "productLine, channel, source, reversalOf, credits as rep:percent;rep:percent, adjustment optional), "
            + "then up to 10,000 rows. All or nothing: any bad row answers 422 listing every bad row (line numbers "
            + "count the header as line 1) and nothing is imported.")
    public Response importCsv(@HeaderParam("Idempotency-Key") String idempotencyKey, String body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ActualsCsv.Parsed parsed = ActualsCsv.parse(body, mapper, MAX_BATCH, errors);
        List<NewActual> batch = errors.isEmpty()
                ? read(parsed.rows(), i -> "line[" + parsed.lines().get(i) + "]", errors) : List.of();
        if (!errors.isEmpty()) {
            Problem problem = new Problem("about:blank", "Invalid rows", 422, errors.stream().limit(20)
                    .map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse(""), null,
                    errors.get(0).field(), errors);
            return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
        }
        return accepted(batch, idempotencyKey);
    }

    private Response accepted(List<NewActual> batch, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            if (batch.stream().anyMatch(a -> a.eventId() == null)) {
                throw ProblemException.badRequest("Idempotency-Key",
                        "Idempotency-Key header is required unless every actual carries an eventId");
            }
        } else if (idempotencyKey.length() > 200) {
            throw ProblemException.badRequest("Idempotency-Key", "Idempotency-Key must be at most 200 characters");
        }
        return Response.accepted(new Accepted(actuals.record(batch, idempotencyKey))).build();
    }

    /** Reads and checks every item; errors name the item (by {@code at}) and the field. */
    private List<NewActual> read(List<JsonNode> nodes, IntFunction<String> at, List<Problem.FieldError> errors) {
        List<NewActual> batch = new ArrayList<>(nodes.size());
        LocalDate latest = clock.today().plusDays(366);
        for (int i = 0; i < nodes.size() && errors.size() < MAX_ERRORS; i++) {
            String item = at.apply(i);
            ActualInput input;
            try {
                input = mapper.treeToValue(nodes.get(i), ActualInput.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                errors.add(new Problem.FieldError(item + path(e), readable(e)));
                continue;
            }
            int before = errors.size();
            validator.validate(input).forEach(v -> errors.add(new Problem.FieldError(item + "." + v.getPropertyPath(),
                    v.getMessage())));
            if (input.territoryId() == null && input.accountId() == null) {
                errors.add(new Problem.FieldError(item + ".territoryId", "territoryId or accountId is required"));
            }
            if (input.businessDate() != null && (input.businessDate().isBefore(ActualAdmission.EARLIEST)
                    || input.businessDate().isAfter(latest))) {
                errors.add(new Problem.FieldError(item + ".businessDate", "must lie between "
                        + ActualAdmission.EARLIEST + " and " + latest));
            }
            if (errors.size() == before) {
                NewActual a = input.toCommand();
                List<CreditSplit.Share> shares = a.credits() == null ? null
                        : a.credits().stream().map(c -> new CreditSplit.Share(c.repId(), c.percent())).toList();
                ActualAdmission.shapeRefusal(new ActualAdmission.Candidate(a.metric(), a.value(), a.unit(),
                                a.businessDate(), a.reversalOf() != null, shares, Boolean.TRUE.equals(a.adjustment())))
                        .ifPresentOrElse(r -> errors.add(new Problem.FieldError(item + "." + r.field(), r.reason())),
                                () -> batch.add(a));
            }
        }
        return batch;
    }

    private static List<JsonNode> items(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw ProblemException.badRequest("body", "body must be an actual or an array of actuals");
        }
        if (body.isObject()) {
            return List.of(body);
        }
        if (!body.isArray()) {
            throw ProblemException.badRequest("body", "body must be an actual or an array of actuals");
        }
        if (body.isEmpty() || body.size() > MAX_BATCH) {
            throw ProblemException.badRequest("body", "a batch holds 1 to " + MAX_BATCH + " actuals, not " + body.size());
        }
        List<JsonNode> nodes = new ArrayList<>(body.size());
        body.forEach(nodes::add);
        return nodes;
    }

    private static String path(Exception e) {
        if (!(e instanceof JsonMappingException m)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String readable(Exception e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message == null) {
            return "cannot be read";
        }
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        return message.length() > 200 ? message.substring(0, 200) : message;
    }
}
