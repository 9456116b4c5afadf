package io.github.asyncioworkbook.runner;

import java.util.Locale;

/** JSON text for the files the workbook generates ({@code jbang-catalog.json}, the site's search index). */
public final class Json {

    private Json() {
    }

    /**
     * {@return a JSON string literal: quotes, backslashes and control characters escaped}
     *
     * @param s any text
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
