package io.quota.local;

import java.util.Set;
import java.util.TreeSet;

/**
 * The metric names a PromQL expression selects. It skips what is not a metric: string literals, label matchers
 * ({@code {...}}), range and subquery durations ({@code [...]}), label lists of by/without/on/ignoring/group_left/
 * group_right, function and aggregation names, keywords, numbers and durations, and Grafana variables ({@code $job}).
 */
final class PromQl {
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LISTS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan");

    static Set<String> metricNames(String expr) {
        Set<String> names = new TreeSet<>();
        int i = 0;
        while (i < expr.length()) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                i = skipTo(expr, i, '}');
            } else if (c == '[') {
                i = skipTo(expr, i, ']');
            } else if (c == '$') {
                i = skipWord(expr, i + 1);
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < expr.length() && Character.isDigit(expr.charAt(i + 1)))) {
                i = skipWord(expr, i); // 0.95, 1e3, 5m
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int end = skipWord(expr, i);
                String word = expr.substring(i, end);
                int next = skipSpaces(expr, end);
                String lower = word.toLowerCase();
                if (LABEL_LISTS.contains(lower) && next < expr.length() && expr.charAt(next) == '(') {
                    i = skipTo(expr, next, ')');
                } else if (lower.equals("offset")) {
                    i = skipWord(expr, skipSpaces(expr, end)); // offset 5m
                } else if (next < expr.length() && expr.charAt(next) == '(' || AGGREGATIONS.contains(lower) || KEYWORDS.contains(lower)) {
                    i = end; // a function, an aggregation (sum by (x) (...)) or an operator keyword
                } else {
                    names.add(word);
                    i = end;
                }
            } else {
                i++;
            }
        }
        return names;
    }

    /** The metric family a series name belongs to: histogram and summary series map to their base name. */
    static String family(String name) {
        for (String suffix : new String[]{"_bucket", "_count", "_sum"}) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static int skipWord(String s, int i) {
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == ':'
                || s.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        for (int j = i + 1; j < s.length(); j++) {
            if (s.charAt(j) == '\\' && quote != '`') {
                j++;
            } else if (s.charAt(j) == quote) {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("unterminated string in " + s);
    }

    private static int skipTo(String s, int i, char close) {
        for (int j = i + 1; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '"' || c == '\'' || c == '`') {
                j = skipString(s, j) - 1;
            } else if (c == close) {
                return j + 1;
            }
        }
        throw new IllegalArgumentException("unbalanced " + s.charAt(i) + " in " + s);
    }

    private PromQl() {
    }
}
