package io.github.asyncioworkbook.runner;

import java.util.regex.Pattern;

/**
 * One line of an expected-output file, compiled: either a literal (no placeholders) or an
 * anchored regular expression built from literal pieces and placeholders.
 *
 * @param raw     the line exactly as written in the file (shown in diffs)
 * @param fileLine 1-based line number in the file
 * @param literal the text the actual line must equal, or {@code null} if {@code regex} is used
 * @param regex   the pattern the whole actual line must match, or {@code null} for a literal
 */
record LinePattern(String raw, int fileLine, String literal, Pattern regex) {

    static final String OPEN = "{{";
    static final String CLOSE = "}}";
    static final String ESCAPED_OPEN = "{{{{";

    /** Integer as Python prints it: optional minus, decimal digits. */
    static final String INT = "-?[0-9]+";
    /** Python float repr: 0.5, 100.0, 1e-05, 1.5e+16, inf, nan (each optionally negative). */
    static final String FLOAT = "-?(?:[0-9]+\\.[0-9]+(?:e[-+][0-9]+)?|[0-9]+e[-+][0-9]+|inf|nan)";
    /** Hexadecimal number with a 0x prefix, e.g. an object address. */
    static final String HEX = "0x[0-9a-fA-F]+";
    /** Any text on the same line, possibly empty. */
    static final String ANY = ".*?";

    /**
     * Compiles one line.
     *
     * @throws ExpectedOutputException for an unknown or unclosed placeholder, or a block marker
     *                                 that does not stand alone on its line
     */
    static LinePattern compile(String file, int fileLine, String raw) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        boolean placeholders = false;
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith(ESCAPED_OPEN, i)) {
                literal.append(OPEN);
                i += ESCAPED_OPEN.length();
            } else if (raw.startsWith(OPEN, i)) {
                int close = raw.indexOf(CLOSE, i + OPEN.length());
                if (close < 0) {
                    throw new ExpectedOutputException(file, fileLine, "'{{' at column " + (i + 1)
                            + " is not closed by '}}' (write {{{{ for a literal {{)");
                }
                String name = raw.substring(i + OPEN.length(), close);
                String part = switch (name) {
                    case "int" -> INT;
                    case "float" -> FLOAT;
                    case "hex" -> HEX;
                    case "any" -> ANY;
                    case "unordered", "repeat", "end" -> throw new ExpectedOutputException(file, fileLine,
                            "{{" + name + "}} must stand alone on its line");
                    default -> throw new ExpectedOutputException(file, fileLine, "unknown placeholder {{"
                            + name + "}} at column " + (i + 1)
                            + " (known: {{int}} {{float}} {{hex}} {{any}}; write {{{{ for a literal {{)");
                };
                regex.append(quote(literal)).append(part);
                literal.setLength(0);
                placeholders = true;
                i = close + CLOSE.length();
            } else {
                literal.append(raw.charAt(i));
                i++;
            }
        }
        if (!placeholders) {
            return new LinePattern(raw, fileLine, literal.toString(), null);
        }
        regex.append(quote(literal));
        return new LinePattern(raw, fileLine, null, Pattern.compile(regex.toString()));
    }

    private static String quote(CharSequence text) {
        return text.isEmpty() ? "" : Pattern.quote(text.toString());
    }

    /** {@return whether the whole {@code actual} line satisfies this expected line} */
    boolean matches(String actual) {
        return regex == null ? literal.equals(actual) : regex.matcher(actual).matches();
    }
}
