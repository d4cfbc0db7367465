package io.quota.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.Priorities;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Every error a REST endpoint can raise becomes an RFC 9457 problem naming the offending field; no stack trace
 * ever leaves the service (an unexpected error is logged with an id that the answer quotes).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String first = errors.isEmpty() ? null : errors.get(0).field();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).reduce((a, b) -> a + "; " + b)
                .orElse("invalid input");
        return respond(new Problem("about:blank", "Invalid input", 400, detail, null, first, errors));
    }

    @ServerExceptionMapper
    public Response invalid(ValidationException e) {
        return respond(Problem.of(400, "Invalid input", e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? path(m) : null;
        String detail = e.getOriginalMessage();
        if (detail != null && detail.length() > 300) {
            detail = detail.substring(0, 300);
        }
        return respond(new Problem("about:blank", "Malformed body", 400,
                field == null ? "body is not valid JSON: " + detail : "cannot read field '" + field + "': " + detail,
                null, field, null));
    }

    /** Quarkus REST has a built-in mapper for this exact type that answers text/plain: take precedence over it. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "your role does not allow this", null));
    }

    private static Response unauthorized() {
        Problem p = Problem.of(401, "Unauthorized", "a valid bearer token is required", "Authorization");
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer").entity(p).build();
    }

    @ServerExceptionMapper
    public Response illegal(IllegalArgumentException e) {
        return respond(Problem.of(400, "Invalid input", e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        if (status >= 500) {
            return unexpected(e);
        }
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR) {
            return e.getResponse();
        }
        String reason = Response.Status.fromStatusCode(status) == null ? "Client error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        return respond(Problem.of(status, reason, e.getMessage(), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s", id);
        return respond(Problem.of(500, "Internal error", "unexpected error, logged as " + id, null));
    }

    static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    /** "create.request.levels[0].weights" → "levels[0].weights": the method and parameter are not the client's. */
    private static String field(ConstraintViolation<?> v) {
        // container elements appear as ".<list element>" or ".<map value>": the index before it is the field
        String path = v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? null : sb.toString();
    }
}
