package io.quota.target.api;

import io.quota.target.domain.TableRows;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rejected file is one 422 problem listing every bad row and column ({@code errors}), so a planner fixes the
 * whole file at once; nothing of it was imported.
 */
public class ImportProblems {

    @ServerExceptionMapper
    public Response rejected(TableRows.Rejected e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "File rejected");
        body.put("status", 422);
        body.put("detail", e.getMessage() + " / 文件有 " + e.problems().size() + " 处错误, 未导入任何数据");
        body.put("field", "file");
        List<Map<String, Object>> errors = e.problems().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", p.row());
            m.put("column", p.column());
            m.put("message", p.message());
            return m;
        }).toList();
        body.put("errors", errors);
        return Response.status(422).type("application/problem+json").entity(body).build();
    }
}
