package io.github.asyncioworkbook.site.load;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, strict parser for the subset of YAML that chapter notes use as front matter.
 *
 * <p>Accepted, one key per line at column 0:
 * <ul>
 *   <li>plain scalars ({@code date: 2017-08-27}, {@code title: 任务}; a {@code " #"} starts a comment),</li>
 *   <li>double-quoted strings with the escapes {@code \" \\ \n \t} and backslash-u plus four hex digits, single-quoted strings
 *       with {@code ''} for a quote,</li>
 *   <li>flow lists ({@code key: [A, "B"]}) and block lists (the key alone, then lines
 *       {@code "  - A"}), parsed so that a list is refused where a single value belongs,</li>
 *   <li>blank lines and {@code #} comment lines.</li>
 * </ul>
 * Everything else (nested maps, anchors, block scalars, tabs for indentation, unknown keys, duplicate
 * keys) is refused with a {@link SourceException} naming the file and line, so that a typo never
 * silently changes a page.
 *
 * <p>Known keys: {@code title} (required), {@code date} ({@code YYYY-MM-DD}), {@code pymotw}, and
 * {@code layout}, which Jekyll notes carry and this parser accepts and ignores. A chapter's place and
 * its lessons are not front matter: the one lesson list, {@code lessons/SUMMARY.md}, holds them, and
 * an {@code order} or {@code lessons} key is refused with a message saying so.
 */
public final class FrontMatterParser {

    /** A note split into its front matter and its Markdown body. */
    public record Note(FrontMatter frontMatter, String body, int bodyFirstLine) {
    }

    private static final Set<String> KNOWN_KEYS = Set.of("title", "date", "pymotw", "layout");
    private static final Set<String> MOVED_KEYS = Set.of("order", "lessons");
    private static final Pattern KEY_LINE = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)[ \\t]*:(?:[ \\t]+(.*)|[ \\t]*)");
    private static final Pattern ITEM_LINE = Pattern.compile("( *)-(?:[ \\t]+(.*)|[ \\t]*)");
    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[ T]\\d{2}:\\d{2}(?::\\d{2})?(?: ?[+-]\\d{2}:?\\d{2})?)?");

    private FrontMatterParser() {
    }

    /** A scalar or a list, with the line it came from. */
    private record Value(String scalar, List<Item> list, int line) {
    }

    private record Item(String text, int line) {
    }

    /**
     * Splits a note into front matter and body.
     *
     * @param file the note, used in error messages only
     * @param text the note's full text
     * @return the front matter, the Markdown body after the closing {@code ---}, and the 1-based line
     *     on which the body starts
     * @throws SourceException when the front matter is missing, malformed, or lacks a required key
     */
    public static Note parse(Path file, String text) throws SourceException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            throw new SourceException(file, 1, "malformed front matter: the note must start with a '---' line");
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.equals("---") || l.equals("...")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            throw new SourceException(file, 1, "malformed front matter: no closing '---' line");
        }
        Map<String, Value> values = readValues(file, lines.subList(0, close));
        FrontMatter fm = interpret(file, values);
        int bodyStart = close + 1; // 0-based index of the first body line
        String body = String.join("\n", lines.subList(bodyStart, lines.size()));
        return new Note(fm, body.isEmpty() ? "" : body + "\n", bodyStart + 1);
    }

    // ---------------------------------------------------------------- syntax

    private static Map<String, Value> readValues(Path file, List<String> lines) throws SourceException {
        Map<String, Value> values = new LinkedHashMap<>();
        String listKey = null; // a key with an empty value: block list items may follow
        int listKeyLine = 0;
        List<Item> items = null;
        for (int i = 1; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i);
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            if (line.startsWith("\t") || line.matches(" +\t.*")) {
                throw new SourceException(file, lineNo, "malformed front matter: tabs are not allowed for indentation");
            }
            Matcher item = ITEM_LINE.matcher(line);
            if (item.matches()) {
                if (listKey == null) {
                    throw new SourceException(file, lineNo,
                            "malformed front matter: a list item must follow a key with no value (e.g. 'lessons:')");
                }
                String raw = item.group(2) == null ? "" : item.group(2);
                items.add(new Item(scalar(file, lineNo, stripComment(raw)), lineNo));
                continue;
            }
            if (line.startsWith(" ")) {
                throw new SourceException(file, lineNo,
                        "malformed front matter: unexpected indentation (only '- item' lines may be indented)");
            }
            if (listKey != null) {
                values.put(listKey, items.isEmpty() ? new Value(null, null, listKeyLine) : new Value(null, items, listKeyLine));
                listKey = null;
            }
            Matcher kv = KEY_LINE.matcher(line);
            if (!kv.matches()) {
                throw new SourceException(file, lineNo, "malformed front matter: expected 'key: value', got '" + line + "'");
            }
            String key = kv.group(1);
            if (MOVED_KEYS.contains(key)) {
                throw new SourceException(file, lineNo, "front matter: '" + key + "' is not a front matter key: a chapter's"
                        + " place and its lessons are listed in lessons/SUMMARY.md (the one lesson list); remove this line");
            }
            if (!KNOWN_KEYS.contains(key)) {
                throw new SourceException(file, lineNo, "malformed front matter: unknown key '" + key
                        + "' (known: title, date, pymotw, layout)");
            }
            if (values.containsKey(key) || key.equals(listKey)) {
                throw new SourceException(file, lineNo, "malformed front matter: duplicate key '" + key + "'");
            }
            String raw = kv.group(2) == null ? "" : stripComment(kv.group(2)).strip();
            if (raw.isEmpty()) {
                listKey = key;
                listKeyLine = lineNo;
                items = new ArrayList<>();
            } else if (raw.startsWith("[")) {
                values.put(key, new Value(null, flowList(file, lineNo, raw), lineNo));
            } else {
                values.put(key, new Value(scalar(file, lineNo, raw), null, lineNo));
            }
        }
        if (listKey != null) {
            values.put(listKey, items.isEmpty() ? new Value(null, null, listKeyLine) : new Value(null, items, listKeyLine));
        }
        return values;
    }

    /** Removes a trailing {@code " # comment"} that is not inside quotes. */
    private static String stripComment(String raw) {
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                if (i == 0 || " \t[,".indexOf(raw.charAt(i - 1)) >= 0) {
                    quote = c;
                }
            } else if (c == '#' && i > 0 && (raw.charAt(i - 1) == ' ' || raw.charAt(i - 1) == '\t')) {
                return raw.substring(0, i);
            }
        }
        return raw;
    }

    private static List<Item> flowList(Path file, int lineNo, String raw) throws SourceException {
        if (!raw.endsWith("]")) {
            throw new SourceException(file, lineNo, "malformed front matter: a flow list must end with ']' on the same line");
        }
        String inner = raw.substring(1, raw.length() - 1).strip();
        List<Item> out = new ArrayList<>();
        if (inner.isEmpty()) {
            return out;
        }
        int start = 0;
        char quote = 0;
        for (int i = 0; i <= inner.length(); i++) {
            char c = i < inner.length() ? inner.charAt(i) : ',';
            if (quote != 0) {
                if (c == '\\' && quote == '"') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[' || c == ']' || c == '{' || c == '}') {
                throw new SourceException(file, lineNo, "malformed front matter: nested collections are not supported");
            } else if (c == ',') {
                String part = inner.substring(start, i).strip();
                if (part.isEmpty()) {
                    throw new SourceException(file, lineNo, "malformed front matter: empty item in flow list");
                }
                out.add(new Item(scalar(file, lineNo, part), lineNo));
                start = i + 1;
            }
        }
        if (quote != 0) {
            throw new SourceException(file, lineNo, "malformed front matter: unterminated quoted string");
        }
        return out;
    }

    private static String scalar(Path file, int lineNo, String raw) throws SourceException {
        raw = raw.strip();
        if (raw.isEmpty()) {
            throw new SourceException(file, lineNo, "malformed front matter: empty value");
        }
        char first = raw.charAt(0);
        if (first == '"') {
            return doubleQuoted(file, lineNo, raw);
        }
        if (first == '\'') {
            if (raw.length() < 2 || !raw.endsWith("'")) {
                throw new SourceException(file, lineNo, "malformed front matter: unterminated quoted string");
            }
            String inner = raw.substring(1, raw.length() - 1);
            if (inner.replace("''", "").contains("'")) {
                throw new SourceException(file, lineNo, "malformed front matter: a quote inside '...' must be doubled ('')");
            }
            return inner.replace("''", "'");
        }
        if ("{&*!|>%@`]".indexOf(first) >= 0) {
            throw new SourceException(file, lineNo, "malformed front matter: unsupported YAML syntax '" + first
                    + "' (quote the value if it is text)");
        }
        if (raw.startsWith("- ") || raw.equals("-")) {
            throw new SourceException(file, lineNo, "malformed front matter: unexpected list item");
        }
        if (raw.contains(": ")) {
            throw new SourceException(file, lineNo, "malformed front matter: nested mappings are not supported"
                    + " (quote the value if it is text)");
        }
        return raw;
    }

    private static String doubleQuoted(Path file, int lineNo, String raw) throws SourceException {
        StringBuilder sb = new StringBuilder();
        int i = 1;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"') {
                if (i != raw.length() - 1) {
                    throw new SourceException(file, lineNo, "malformed front matter: text after closing quote");
                }
                return sb.toString();
            }
            if (c == '\\') {
                if (i + 1 >= raw.length()) {
                    break;
                }
                char e = raw.charAt(i + 1);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (i + 6 > raw.length() || !raw.substring(i + 2, i + 6).matches("[0-9A-Fa-f]{4}")) {
                            throw new SourceException(file, lineNo, "malformed front matter: bad \\u escape");
                        }
                        sb.append((char) Integer.parseInt(raw.substring(i + 2, i + 6), 16));
                        i += 4;
                    }
                    default -> throw new SourceException(file, lineNo,
                            "malformed front matter: unsupported escape '\\" + e + "'");
                }
                i += 2;
                continue;
            }
            sb.append(c);
            i++;
        }
        throw new SourceException(file, lineNo, "malformed front matter: unterminated quoted string");
    }

    // ---------------------------------------------------------------- meaning

    private static FrontMatter interpret(Path file, Map<String, Value> values) throws SourceException {
        String title = requiredScalar(file, values, "title");
        if (title.isBlank()) {
            throw new SourceException(file, values.get("title").line(), "front matter: 'title' is empty");
        }
        LocalDate date = null;
        Value dateValue = values.get("date");
        if (dateValue != null) {
            String d = scalarOf(file, dateValue, "date");
            Matcher m = DATE.matcher(d);
            try {
                if (!m.matches()) {
                    throw new DateTimeParseException("no match", d, 0);
                }
                date = LocalDate.parse(m.group(1));
            } catch (DateTimeParseException e) {
                throw new SourceException(file, dateValue.line(), "front matter: 'date' must be YYYY-MM-DD, got '" + d + "'");
            }
        }

        String pymotw = null;
        if (values.containsKey("pymotw")) {
            pymotw = scalarOf(file, values.get("pymotw"), "pymotw");
        }
        if (values.containsKey("layout")) {
            scalarOf(file, values.get("layout"), "layout");
        }
        return new FrontMatter(title, date, pymotw);
    }

    private static String requiredScalar(Path file, Map<String, Value> values, String key) throws SourceException {
        Value v = values.get(key);
        if (v == null) {
            throw new SourceException(file, 1, "front matter: missing required key '" + key + "'");
        }
        return scalarOf(file, v, key);
    }

    private static String scalarOf(Path file, Value v, String key) throws SourceException {
        if (v.scalar() == null) {
            throw new SourceException(file, v.line(), "front matter: '" + key + "' must be a single value");
        }
        return v.scalar();
    }
}
