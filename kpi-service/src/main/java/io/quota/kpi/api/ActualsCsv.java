package io.quota.kpi.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quota.platform.problem.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * CSV upload of actuals (RFC 4180: commas, double quotes, "" inside quotes): a header row names the columns, each
 * data row becomes the same JSON item the POST takes, so both share one set of checks. credits is written
 * {@code rep:percent;rep:percent}. Errors name the line (the header is line 1).
 */
final class ActualsCsv {
    static final Set<String> COLUMNS = Set.of("eventId", "metric", "value", "unit", "businessDate", "territoryId",
            "accountId", "repId", "industry", "customerType", "productLine", "channel", "source", "reversalOf",
            "credits", "adjustment");

    /** The rows as JSON items, and the file line of each. */
    record Parsed(List<JsonNode> rows, List<Integer> lines) {
    }

    static Parsed parse(String body, ObjectMapper mapper, int maxRows, List<Problem.FieldError> errors) {
        List<JsonNode> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        if (body == null || body.isBlank()) {
            errors.add(new Problem.FieldError("body", "the CSV is empty: a header row and at least one row are needed"));
            return new Parsed(rows, lines);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> recordLines = new ArrayList<>();
        if (!split(body, records, recordLines, errors)) {
            return new Parsed(rows, lines);
        }
        List<String> header = records.get(0);
        for (String column : header) {
            if (!COLUMNS.contains(column.trim())) {
                errors.add(new Problem.FieldError("line[1]", "unknown column '" + column + "'; columns: "
                        + String.join(", ", COLUMNS.stream().sorted().toList())));
            }
        }
        if (records.size() - 1 > maxRows) {
            errors.add(new Problem.FieldError("body", "a CSV holds at most " + maxRows + " rows, not "
                    + (records.size() - 1)));
        }
        if (records.size() < 2) {
            errors.add(new Problem.FieldError("body", "the CSV has a header but no rows"));
        }
        if (!errors.isEmpty()) {
            return new Parsed(rows, lines);
        }
        for (int r = 1; r < records.size(); r++) {
            List<String> cells = records.get(r);
            int line = recordLines.get(r);
            if (cells.size() != header.size()) {
                errors.add(new Problem.FieldError("line[" + line + "]", "has " + cells.size() + " cells, the header "
                        + header.size()));
                continue;
            }
            ObjectNode item = mapper.createObjectNode();
            for (int c = 0; c < header.size(); c++) {
                String column = header.get(c).trim();
                String value = cells.get(c).trim();
                if (value.isEmpty()) {
                    continue;
                }
                switch (column) {
                    case "credits" -> item.set("credits", credits(value, mapper));
                    case "adjustment" -> {
                        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                            item.put("adjustment", Boolean.parseBoolean(value.toLowerCase()));
                        } else {
                            item.put("adjustment", value); // the shared checks name it
                        }
                    }
                    default -> item.put(column, value);
                }
            }
            rows.add(item);
            lines.add(line);
        }
        return new Parsed(rows, lines);
    }

    /** rep:percent;rep:percent as the JSON array the POST takes; a malformed part stays a string the checks refuse. */
    private static JsonNode credits(String value, ObjectMapper mapper) {
        ArrayNode array = mapper.createArrayNode();
        for (String part : value.split(";", -1)) {
            int colon = part.lastIndexOf(':');
            ObjectNode credit = array.addObject();
            credit.put("repId", colon < 0 ? part.trim() : part.substring(0, colon).trim());
            credit.put("percent", colon < 0 ? "" : part.substring(colon + 1).trim());
        }
        return array;
    }

    /** Splits into records of cells; false (with an error) when a quote is left open. */
    private static boolean split(String body, List<List<String>> records, List<Integer> lines,
                                 List<Problem.FieldError> errors) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        boolean any = false;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < body.length() && body.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < body.length() && body.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    cells.add(cell.toString());
                    records.add(cells);
                    lines.add(recordLine);
                }
                cells = new ArrayList<>();
                cell.setLength(0);
                any = false;
                line++;
                recordLine = line;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (quoted) {
            errors.add(new Problem.FieldError("line[" + recordLine + "]", "a quoted cell is never closed"));
            return false;
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(cells);
            lines.add(recordLine);
        }
        if (records.isEmpty()) {
            errors.add(new Problem.FieldError("body", "the CSV is empty"));
            return false;
        }
        return true;
    }

    private ActualsCsv() {
    }
}
