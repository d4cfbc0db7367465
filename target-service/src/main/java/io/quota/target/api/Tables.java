package io.quota.target.api;

import io.quota.platform.problem.ProblemException;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Tables in and out as CSV (RFC 4180: commas, double quotes, CRLF or LF) or XLSX (first sheet; fastexcel
 * streams it). Row 1 is the header; cells are text.
 */
final class Tables {
    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final int MAX_ROWS = 200_000;

    static String mediaType(String format) {
        return "xlsx".equals(format) ? XLSX : CSV + "; charset=UTF-8";
    }

    /** Writes a header and rows. */
    static byte[] write(String format, String sheet, List<String> header, List<List<String>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("xlsx".equals(format)) {
            try {
                Workbook wb = new Workbook(out, "Quota target-service", "1.0");
                Worksheet ws = wb.newWorksheet(sheet);
                for (int c = 0; c < header.size(); c++) {
                    ws.value(0, c, header.get(c));
                }
                for (int r = 0; r < rows.size(); r++) {
                    List<String> row = rows.get(r);
                    for (int c = 0; c < row.size(); c++) {
                        if (row.get(c) != null) {
                            ws.value(r + 1, c, row.get(c));
                        }
                    }
                }
                wb.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        rows.forEach(r -> line(sb, r));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder sb, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            String v = cells.get(i) == null ? "" : cells.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
                sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        sb.append("\r\n");
    }

    /** Reads every row (header first); a file that is not a table of this format is a 422 naming "file". */
    static List<List<String>> read(String format, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.unprocessable("file", "the file is empty");
        }
        List<List<String>> rows = "xlsx".equals(format) ? xlsx(body) : csv(new String(body, StandardCharsets.UTF_8));
        if (rows.size() > MAX_ROWS + 1) {
            throw ProblemException.unprocessable("file", "at most " + MAX_ROWS + " rows per file");
        }
        return rows;
    }

    private static List<List<String>> xlsx(byte[] body) {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(body));
             Stream<Row> stream = wb.getFirstSheet().openStream()) {
            stream.forEach(row -> {
                while (rows.size() < row.getRowNum() - 1) {
                    rows.add(List.of()); // blank rows keep their numbers
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getCellCount(); c++) {
                    cells.add(row.getCellText(c));
                }
                rows.add(cells);
            });
        } catch (IOException | RuntimeException e) {
            throw ProblemException.unprocessable("file", "not a readable XLSX workbook: " + e.getMessage());
        }
        return rows;
    }

    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = text.startsWith("\uFEFF") ? 1 : 0; // Excel's byte order mark
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw ProblemException.unprocessable("file", "a quoted value is not closed (row " + (rows.size() + 1) + ")");
        }
        if (!cell.isEmpty() || !row.isEmpty()) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }

    private Tables() {
    }
}
