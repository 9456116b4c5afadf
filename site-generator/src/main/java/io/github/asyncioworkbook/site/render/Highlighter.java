package io.github.asyncioworkbook.site.render;

import java.util.Locale;
import java.util.Set;

/**
 * Build-time syntax highlighting: turns source text into escaped HTML with {@code <span class="tok-…">}
 * around tokens, so pages need no highlighting script.
 *
 * <p>Languages: {@code java}, {@code python}, and {@code console} (lines starting with {@code $ } are
 * commands, the rest output). Anything else is only escaped. The tokenizer knows comments, strings
 * (including Java text blocks and Python triple quotes), numbers, keywords, annotations or
 * decorators, type names (capitalised identifiers) and calls (an identifier before {@code (}); it is
 * not a parser, and never needs to be: a wrong colour is harmless, lost text is not, so every input
 * character is emitted exactly once.
 *
 * <p>Token classes: {@code tok-kw}, {@code tok-lit} (true/false/null/None), {@code tok-str},
 * {@code tok-com}, {@code tok-num}, {@code tok-ann}, {@code tok-type}, {@code tok-fn},
 * {@code tok-prompt}, {@code tok-cmd}, {@code tok-out}.
 */
public final class Highlighter {

    private static final Set<String> JAVA_KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "var", "record", "sealed", "permits", "non-sealed", "yield", "when", "module");
    private static final Set<String> JAVA_LITERALS = Set.of("true", "false", "null");
    private static final Set<String> PYTHON_KEYWORDS = Set.of(
            "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
            "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
            "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case");
    private static final Set<String> PYTHON_LITERALS = Set.of("True", "False", "None");

    private Highlighter() {
    }

    /**
     * Highlights source text.
     *
     * @param code the source
     * @param language a language name as in a Markdown info string ({@code java}, {@code python},
     *     {@code py}, {@code console}, {@code shell-session}); others are only escaped
     * @return HTML for the content of a {@code <code>} element
     */
    public static String highlight(String code, String language) {
        String lang = language == null ? "" : language.toLowerCase(Locale.ROOT);
        return switch (lang) {
            case "java", "jshell" -> new Scanner(code, false).run();
            case "python", "py", "python3" -> new Scanner(code, true).run();
            case "console", "shell-session", "terminal" -> console(code);
            default -> Html.escape(code);
        };
    }

    /** {@return whether an unlabelled code block looks like a terminal session (first line "$ ...")} */
    public static boolean looksLikeConsole(String code) {
        return code.startsWith("$ ");
    }

    private static String console(String code) {
        StringBuilder sb = new StringBuilder();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("$ ")) {
                sb.append("<span class=\"tok-prompt\">$ </span><span class=\"tok-cmd\">")
                        .append(Html.escape(line.substring(2))).append("</span>");
            } else if (!line.isEmpty()) {
                sb.append("<span class=\"tok-out\">").append(Html.escape(line)).append("</span>");
            }
            if (i + 1 < lines.length) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** A single-pass scanner shared by Java and Python. */
    private static final class Scanner {
        private final String s;
        private final boolean python;
        private final StringBuilder out = new StringBuilder();
        private int i;

        Scanner(String s, boolean python) {
            this.s = s;
            this.python = python;
        }

        String run() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (!python && s.startsWith("//", i)) {
                    emit("tok-com", untilLineEnd());
                } else if (!python && s.startsWith("/*", i)) {
                    int end = s.indexOf("*/", i + 2);
                    emit("tok-com", s.substring(i, end < 0 ? s.length() : end + 2));
                } else if (python && c == '#') {
                    emit("tok-com", untilLineEnd());
                } else if (c == '"' || c == '\'' || (python && isStringPrefix())) {
                    emit("tok-str", string());
                } else if (c == '@' && i + 1 < s.length() && Character.isJavaIdentifierStart(s.charAt(i + 1))) {
                    int j = i + 1;
                    while (j < s.length() && (Character.isJavaIdentifierPart(s.charAt(j)) || s.charAt(j) == '.')) {
                        j++;
                    }
                    emit("tok-ann", s.substring(i, j));
                } else if (Character.isDigit(c)) {
                    emit("tok-num", number());
                } else if (Character.isJavaIdentifierStart(c)) {
                    identifier();
                } else {
                    plain(String.valueOf(c));
                }
            }
            return out.toString();
        }

        private String untilLineEnd() {
            int end = s.indexOf('\n', i);
            return s.substring(i, end < 0 ? s.length() : end);
        }

        private boolean isStringPrefix() {
            int j = i;
            while (j < s.length() && j - i < 2 && "rRbBfFuU".indexOf(s.charAt(j)) >= 0) {
                j++;
            }
            boolean wordStart = i == 0 || !Character.isJavaIdentifierPart(s.charAt(i - 1));
            return j > i && wordStart && j < s.length() && (s.charAt(j) == '"' || s.charAt(j) == '\'');
        }

        private String string() {
            int start = i;
            while (Character.isLetter(s.charAt(i))) {
                i++; // Python prefix such as f or rb
            }
            char q = s.charAt(i);
            String triple = String.valueOf(q).repeat(3);
            if ((python || q == '"') && s.startsWith(triple, i)) {
                int end = s.indexOf(triple, i + 3);
                while (end > 0 && !python && s.charAt(end - 1) == '\\') {
                    end = s.indexOf(triple, end + 1);
                }
                int stop = end < 0 ? s.length() : end + 3;
                i = start;
                return s.substring(start, stop);
            }
            int j = i + 1;
            while (j < s.length() && s.charAt(j) != q && s.charAt(j) != '\n') {
                if (s.charAt(j) == '\\') {
                    j++;
                }
                j++;
            }
            int stop = Math.min(s.length(), j < s.length() && s.charAt(j) == q ? j + 1 : j);
            i = start;
            return s.substring(start, stop);
        }

        private String number() {
            int j = i;
            if (s.startsWith("0x", j) || s.startsWith("0X", j) || s.startsWith("0b", j) || s.startsWith("0B", j)) {
                j += 2;
            }
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_'
                    || (s.charAt(j) == '.' && j + 1 < s.length() && Character.isDigit(s.charAt(j + 1))))) {
                j++;
            }
            return s.substring(i, j);
        }

        private void identifier() {
            int j = i;
            while (j < s.length() && Character.isJavaIdentifierPart(s.charAt(j))) {
                j++;
            }
            String word = s.substring(i, j);
            Set<String> keywords = python ? PYTHON_KEYWORDS : JAVA_KEYWORDS;
            Set<String> literals = python ? PYTHON_LITERALS : JAVA_LITERALS;
            int k = j;
            while (k < s.length() && s.charAt(k) == ' ') {
                k++;
            }
            boolean call = k < s.length() && s.charAt(k) == '(';
            if (keywords.contains(word)) {
                emit("tok-kw", word);
            } else if (literals.contains(word)) {
                emit("tok-lit", word);
            } else if (call) {
                emit("tok-fn", word);
            } else if (Character.isUpperCase(word.charAt(0))) {
                emit("tok-type", word);
            } else {
                plain(word);
            }
        }

        private void emit(String cls, String text) {
            out.append("<span class=\"").append(cls).append("\">").append(Html.escape(text)).append("</span>");
            i += text.length();
        }

        private void plain(String text) {
            out.append(Html.escape(text));
            i += text.length();
        }
    }
}
