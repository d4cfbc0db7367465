package io.quota.territory.application;

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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Files of territories, rules, accounts and reps: CSV (UTF-8, RFC 4180 quoting, CRLF or LF) or XLSX (the first
 * sheet). Row 1 is a header naming the columns; every cell is text. Reading collects every bad row and column
 * ({@link Rejected}) so a planner fixes a whole file at once, and an import with any problem stores nothing.
 */
public final class Tables {
    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final int MAX_ROWS = 50_000;

    public enum Format {
        CSV, XLSX;

        /** From a {@code format} query parameter (csv, the default, or xlsx). */
        public static Format of(String name) {
            return name != null && name.strip().equalsIgnoreCase("xlsx") ? XLSX : CSV;
        }

        /** From a request's Content-Type: the spreadsheet type is XLSX, anything else (text/csv) CSV. */
        public static Format ofMediaType(String contentType) {
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(Tables.XLSX) ? XLSX : CSV;
        }

        public String mediaType() {
            return this == XLSX ? Tables.XLSX : CSV_UTF8;
        }

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String CSV_UTF8 = CSV + "; charset=UTF-8";

    /** One problem of a file: its row (1 = the header) and column (a field path for nested cells). */
    public record RowError(int row, String column, String message) {
    }

    /** A file with problems: nothing of it is imported (thrown inside the import's transaction, it rolls it back). */
    public static final class Rejected extends RuntimeException {
        private final transient List<RowError> errors;

        public Rejected(List<RowError> errors) {
            super(errors.size() + " problem(s) in the file; nothing was imported / 文件有 " + errors.size()
                    + " 处错误, 未导入任何数据");
            this.errors = List.copyOf(errors);
        }

        public List<RowError> errors() {
            return errors;
        }
    }

    /** A data row by column name, with its row number for errors. */
    public record Line(int row, Map<String, String> cells) {
        /** The stripped cell, null when blank or absent. */
        public String get(String column) {
            String v = cells.get(column);
            return v == null || v.isBlank() ? null : v.strip();
        }
    }

    /**
     * The data rows of a file whose header must hold {@code required} and may hold only {@code allowed}; a broken
     * file (not a table, too many rows, a bad header) is rejected at once, with every header problem.
     */
    public static List<Line> read(Format format, byte[] body, List<String> required, List<String> allowed) {
        List<RowError> errors = new ArrayList<>();
        List<List<String>> rows = body == null || body.length == 0 ? List.of()
                : format == Format.XLSX ? xlsx(body, errors) : csv(new String(body, StandardCharsets.UTF_8), errors);
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new RowError(1, required.get(0), "the file is empty: a header row naming " + allowed + " comes first"));
        }
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        List<String> header = rows.get(0).stream().map(h -> h == null ? "" : h.strip()).toList();
        for (String r : required) {
            if (!header.contains(r)) {
                errors.add(new RowError(1, r, "the header lacks column " + r));
            }
        }
        for (String h : header) {
            if (!allowed.contains(h)) {
                errors.add(new RowError(1, h.isEmpty() ? "header" : h, "unknown column '" + h + "'; columns are " + allowed));
            }
        }
        if (rows.size() - 1 > MAX_ROWS) {
            errors.add(new RowError(MAX_ROWS + 2, required.get(0), "at most " + MAX_ROWS + " rows per file"));
        }
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        List<Line> lines = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> cells = rows.get(i);
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                continue; // blank lines (a trailing newline, an empty spreadsheet row)
            }
            if (cells.size() > header.size()) {
                errors.add(new RowError(i + 1, header.get(0), "the row has " + cells.size() + " cells, the header " + header.size()));
                continue;
            }
            Map<String, String> byName = new HashMap<>();
            for (int c = 0; c < cells.size(); c++) {
                byName.put(header.get(c), format == Format.CSV ? unguarded(cells.get(c)) : cells.get(c));
            }
            lines.add(new Line(i + 1, byName));
        }
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        return lines;
    }

    /** Writes a header and rows (null = empty cell); CSV cells that a spreadsheet would run as a formula get a '. */
    public static byte[] write(Format format, String sheet, List<String> header, List<List<String>> rows) {
        if (format == Format.XLSX) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                Workbook wb = new Workbook(out, "Quota territory-service", "1.0");
                Worksheet ws = wb.newWorksheet(sheet);
                for (int c = 0; c < header.size(); c++) {
                    ws.value(0, c, header.get(c));
                }
                for (int r = 0; r < rows.size(); r++) {
                    List<String> row = rows.get(r);
                    for (int c = 0; c < row.size(); c++) {
                        if (row.get(c) != null) {
                            ws.value(r + 1, c, row.get(c)); // always text: ids like 00123 keep their zeros
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
        Consumer<List<String>> line = cells -> {
            for (int i = 0; i < cells.size(); i++) {
                sb.append(i > 0 ? "," : "").append(quote(cells.get(i) == null ? "" : cells.get(i)));
            }
            sb.append('\n');
        };
        line.accept(header);
        rows.forEach(line);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Quotes when needed; a leading = + - @ is prefixed with ' so a spreadsheet never runs it as a formula. */
    static String quote(String cell) {
        String c = cell;
        if (!c.isEmpty() && "=+-@".indexOf(c.charAt(0)) >= 0 && !c.matches("-?[0-9.]+")) {
            c = "'" + c;
        }
        if (c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")) {
            return "\"" + c.replace("\"", "\"\"") + "\"";
        }
        return c;
    }

    /** Reads back what {@link #quote} guarded: '=x is =x again, so an exported file imports unchanged. */
    private static String unguarded(String cell) {
        return cell != null && cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@".indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1) : cell;
    }

    private static List<List<String>> xlsx(byte[] body, List<RowError> errors) {
        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(body));
             Stream<Row> stream = wb.getFirstSheet().openStream()) {
            stream.limit(MAX_ROWS + 2L).forEach(row -> {
                while (rows.size() < row.getRowNum() - 1) {
                    rows.add(List.of()); // blank rows keep their numbers
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getCellCount(); c++) {
                    cells.add(row.getCell(c) == null ? null : row.getCellText(c));
                }
                while (!cells.isEmpty() && (cells.get(cells.size() - 1) == null || cells.get(cells.size() - 1).isEmpty())) {
                    cells.remove(cells.size() - 1); // formatted but empty trailing cells
                }
                rows.add(cells);
            });
        } catch (IOException | RuntimeException e) {
            errors.add(new RowError(1, "file", "not a readable XLSX workbook: " + e.getMessage()));
        }
        return rows;
    }

    /** RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks. */
    static List<List<String>> csv(String text, List<RowError> errors) {
        List<List<String>> rows = new ArrayList<>();
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text; // Excel's byte order mark
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
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
                if (ch == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
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
            errors.add(new RowError(rows.size() + 1, "file", "a quoted cell is never closed"));
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
