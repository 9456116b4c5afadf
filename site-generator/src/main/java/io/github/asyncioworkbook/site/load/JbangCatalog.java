package io.github.asyncioworkbook.site.load;

import io.github.asyncioworkbook.site.SiteException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's {@code jbang-catalog.json}: which alias runs which lesson file, so that the command
 * shown next to a lesson ({@code ./jbang create-task}) is the one the catalog really defines.
 *
 * <p>Only {@code aliases.<name>.script-ref} is read; a script reference is relative to the
 * catalog's folder, as JBang resolves it. The file is parsed with a small JSON reader (objects,
 * arrays, strings, numbers, literals), and a syntax error names the file and line.
 */
public final class JbangCatalog {

    /** The catalog's file name. */
    public static final String FILE = "jbang-catalog.json";

    private final Path file;
    private final Map<Path, String> aliasByScript;

    private JbangCatalog(Path file, Map<Path, String> aliasByScript) {
        this.file = file;
        this.aliasByScript = aliasByScript;
    }

    /**
     * Reads {@value #FILE} in a folder, if there is one.
     *
     * @param dir the project root
     * @return the catalog, or empty when the folder has none
     * @throws SiteException when the file exists but is not valid JSON, or when an alias refers to a
     *     local script that does not exist
     */
    public static Optional<JbangCatalog> read(Path dir) throws SiteException {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SiteException(file + ": cannot read: " + e.getMessage(), e);
        }
        Object root = new Json(file, text).document();
        Map<Path, String> aliases = new LinkedHashMap<>();
        if (root instanceof Map<?, ?> top && top.get("aliases") instanceof Map<?, ?> all) {
            for (Map.Entry<?, ?> e : all.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> alias && alias.get("script-ref") instanceof String ref
                        && !ref.contains(":")) {
                    Path script = dir.resolve(ref).toAbsolutePath().normalize();
                    if (!Files.isRegularFile(script)) {
                        // A stale alias would only fail when a reader types it.
                        throw new SiteException(file + ": alias '" + e.getKey() + "' has script-ref '" + ref
                                + "', which does not exist");
                    }
                    aliases.putIfAbsent(script, (String) e.getKey());
                }
            }
        }
        return Optional.of(new JbangCatalog(file, aliases));
    }

    /** {@return the catalog file} */
    public Path file() {
        return file;
    }

    /**
     * {@return the alias whose script reference is this file, if any}
     *
     * @param script a lesson file
     */
    public Optional<String> aliasOf(Path script) {
        return Optional.ofNullable(aliasByScript.get(script.toAbsolutePath().normalize()));
    }

    /** A minimal JSON reader: maps become {@link LinkedHashMap}, arrays {@link List}. */
    private static final class Json {
        private final Path file;
        private final String s;
        private int i;

        Json(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Object document() throws SiteException {
            Object v = value();
            space();
            if (i < s.length()) {
                throw error("unexpected text after the JSON value");
            }
            return v;
        }

        private Object value() throws SiteException {
            space();
            if (i >= s.length()) {
                throw error("unexpected end of file");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    space();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        space();
                        String key = string();
                        space();
                        expect(':');
                        map.put(key, value());
                        space();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    i++;
                    List<Object> list = new ArrayList<>();
                    space();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        space();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    int start = i;
                    while (i < s.length() && "{}[],: \t\r\n".indexOf(s.charAt(i)) < 0) {
                        i++;
                    }
                    String word = s.substring(start, i);
                    if (word.equals("true") || word.equals("false") || word.equals("null")
                            || word.matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
                        return word;
                    }
                    i = start;
                    throw error("unexpected '" + (word.isEmpty() ? String.valueOf(c) : word) + "'");
                }
            }
        }

        private String string() throws SiteException {
            if (!peek('"')) {
                throw error("expected a string");
            }
            StringBuilder sb = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> sb.append('\n');
                        case 't' -> sb.append('\t');
                        case 'r' -> sb.append('\r');
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'u' -> {
                            if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9A-Fa-f]{4}")) {
                                throw error("bad escape");
                            }
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> sb.append(e);
                    }
                } else {
                    sb.append(c);
                }
            }
            throw error("unterminated string");
        }

        private void space() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) throws SiteException {
            space();
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private SourceException error(String problem) {
            int line = 1;
            for (int k = 0; k < Math.min(i, s.length()); k++) {
                if (s.charAt(k) == '\n') {
                    line++;
                }
            }
            return new SourceException(file, line, "invalid JSON: " + problem);
        }
    }
}
