package io.quota.territory.api;

import io.quota.platform.problem.Problem;
import io.quota.platform.problem.ProblemException;
import io.quota.territory.application.PlanningFiles;
import io.quota.territory.application.Tables;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.Map;

/**
 * Files in and out (CSV or XLSX): the {@code format} parameter of an export, the download answer, the answer of an
 * import, and the 422 problem of a rejected file listing every bad row and column as
 * {@code errors: [{"field": "rows[3].potential", "message": ...}]} (row 1 is the header).
 */
public class Files {
    /** Media types an import takes: CSV (also as plain text) or an XLSX workbook. */
    static final String CSV = Tables.CSV;
    static final String TEXT = "text/plain";
    static final String XLSX = Tables.XLSX;
    private static final int MAX_LISTED = 1000;

    static Tables.Format format(String format) {
        if (format != null && !format.isBlank() && !format.strip().matches("(?i)csv|xlsx")) {
            throw ProblemException.badRequest("format", "format is csv or xlsx");
        }
        return Tables.Format.of(format);
    }

    static Response download(byte[] file, Tables.Format format, String name) {
        return Response.ok(file).type(format.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + name + "." + format.extension() + "\"").build();
    }

    static Response imported(PlanningFiles.Imported result) {
        return Response.ok(result.assignment() == null ? Map.of("imported", result.imported())
                : Map.of("imported", result.imported(), "assignment", result.assignment())).build();
    }

    @ServerExceptionMapper
    public Response rejected(Tables.Rejected e) {
        List<Problem.FieldError> errors = e.errors().stream().limit(MAX_LISTED)
                .map(r -> new Problem.FieldError("rows[" + r.row() + "]." + r.column(), r.message())).toList();
        Problem problem = new Problem("about:blank", "Invalid file", 422, e.getMessage(), null, errors.get(0).field(), errors);
        return Response.status(422).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
