package io.github.asyncioworkbook.loop;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code repr()} for plain values, so that a lesson prints what {@code '{!r}'.format(x)}
 * prints in the original script.
 *
 * <table class="striped">
 * <caption>Value mapping</caption>
 * <tr><th>Java value</th><th>repr</th></tr>
 * <tr><td>{@code null}</td><td>{@code None}</td></tr>
 * <tr><td>{@code Boolean}</td><td>{@code True} / {@code False}</td></tr>
 * <tr><td>{@code String}, {@code Character}</td><td>{@code 'text'}, with Python's quote choice and escapes</td></tr>
 * <tr><td>{@code Double}, {@code Float}</td><td>shortest round-trip digits as Python prints them: {@code 0.1}, {@code 1e+16}, {@code 1.5e-05}, {@code inf}</td></tr>
 * <tr><td>{@code List}, arrays</td><td>{@code [a, b]}</td></tr>
 * <tr><td>{@link Tuple}</td><td>{@code (a, b)}, {@code (a,)}</td></tr>
 * <tr><td>{@code Set}</td><td>{@code {a, b}}, {@code set()}</td></tr>
 * <tr><td>{@code Map}</td><td>{@code {k: v}}</td></tr>
 * <tr><td>{@code Throwable}</td><td>{@code SimpleName('message')}, like {@code ValueError('boom')}</td></tr>
 * <tr><td>anything else</td><td>{@code toString()}</td></tr>
 * </table>
 *
 * <p>{@link #shortRepr(Object)} is {@code reprlib.repr}, which asyncio uses for a future's
 * {@code result=}: long strings, lists and numbers are cut with {@code ...}.
 */
public final class Repr {
    private Repr() {
    }

    /**
     * Python's {@code repr(value)}.
     *
     * @param value any value
     * @return its Python-style representation
     */
    public static String repr(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value, Integer.MAX_VALUE, Integer.MAX_VALUE);
        return out.toString();
    }

    /**
     * Python's {@code str(value)}: like {@link #repr} except that a string or character is itself,
     * {@code null} is {@code None} and a float is printed the Python way.
     *
     * @param value any value
     * @return its Python-style {@code str()}
     */
    public static String str(Object value) {
        return switch (value) {
            case null -> "None";
            case String s -> s;
            case Character c -> c.toString();
            case Throwable t -> t.getMessage() == null ? "" : t.getMessage();
            default -> repr(value);
        };
    }

    /**
     * {@code reprlib.repr(value)} with its default limits: strings and other reprs longer than 30
     * characters and integers longer than 40 digits are shortened around {@code ...}; lists, tuples
     * and sets show at most 6 items, maps 4 entries.
     *
     * @param value any value
     * @return the shortened representation
     */
    public static String shortRepr(Object value) {
        StringBuilder out = new StringBuilder();
        appendShort(out, value, 6);
        return out.toString();
    }

    /**
     * Python's float repr: the shortest digits that round-trip, in fixed notation when the decimal
     * exponent is in [-4, 16) and in scientific notation otherwise.
     *
     * @param d the value
     * @return e.g. {@code 0.1}, {@code 100.0}, {@code 1e+16}, {@code 1.5e-05}, {@code nan}
     */
    public static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0.0) {
            return (1.0 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String sign = exact.signum() < 0 ? "-" : "";
        if (exponent >= -4 && exponent < 16) {
            String plain = exact.abs().toPlainString();
            return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
        }
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /**
     * Python's repr of a {@code bytes} object: {@code b'...'}, quoted as {@link #stringRepr} quotes,
     * with {@code \xNN} for bytes outside printable ASCII.
     *
     * @param b the bytes
     * @return the literal, e.g. {@code b'This is the message. '}
     */
    public static String bytesRepr(byte[] b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder(b.length + 3).append('b').append(quote);
        for (byte x : b) {
            int c = x & 0xFF;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\').append((char) c);
                    } else if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return out.append(quote).toString();
    }

    /**
     * Python's repr of a string: single quotes unless the text holds a single quote and no double
     * quote; backslash escapes for the quote, backslash, control and unprintable characters.
     *
     * @param s the text
     * @return the quoted literal
     */
    public static String stringRepr(String s) {
        char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (cp == quote) {
                        out.append('\\').append((char) cp);
                    } else if (printable(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp < 0x100) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append(quote).toString();
    }

    /**
     * A Python tuple for printing: {@code Tuple.of("a", 1)} has the repr {@code ('a', 1)}. Java has
     * no tuple type; coroutines that return several values in the original return a Tuple here.
     *
     * @param items the items, in order
     */
    public record Tuple(List<Object> items) {
        /** Copies the items; {@code null} items stand for {@code None}. */
        public Tuple {
            items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
        }

        /**
         * @param items the items, in order ({@code null} allowed)
         * @return the tuple
         */
        public static Tuple of(Object... items) {
            return new Tuple(java.util.Arrays.asList(items));
        }

        /**
         * @param index position, from 0
         * @return the item at {@code index}
         */
        public Object get(int index) {
            return items.get(index);
        }

        @Override
        public String toString() {
            return repr(this);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean printable(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private static void append(StringBuilder out, Object value, int maxItems, int depth) {
        switch (value) {
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case String s -> out.append(stringRepr(s));
            case Character c -> out.append(stringRepr(c.toString()));
            case Double d -> out.append(floatRepr(d));
            case Float f -> out.append(floatRepr(f.doubleValue()));
            case byte[] b -> out.append(bytesRepr(b));
            case Tuple t -> {
                out.append('(');
                appendItems(out, t.items().iterator(), t.items().size(), maxItems, depth);
                if (t.items().size() == 1) {
                    out.append(',');
                }
                out.append(')');
            }
            case List<?> l -> {
                out.append('[');
                appendItems(out, l.iterator(), l.size(), maxItems, depth);
                out.append(']');
            }
            case Set<?> s -> {
                if (s.isEmpty()) {
                    out.append("set()");
                } else {
                    out.append('{');
                    appendItems(out, s.iterator(), s.size(), maxItems, depth);
                    out.append('}');
                }
            }
            case Collection<?> c -> {
                out.append('[');
                appendItems(out, c.iterator(), c.size(), maxItems, depth);
                out.append(']');
            }
            case Map<?, ?> m -> {
                out.append('{');
                int i = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    if (i == Math.min(maxItems, 4) && maxItems != Integer.MAX_VALUE) {
                        out.append("...");
                        break;
                    }
                    append(out, e.getKey(), maxItems, depth - 1);
                    out.append(": ");
                    append(out, e.getValue(), maxItems, depth - 1);
                    i++;
                }
                out.append('}');
            }
            case Object[] a -> append(out, java.util.Arrays.asList(a), maxItems, depth);
            case int[] a -> append(out, java.util.Arrays.stream(a).boxed().toList(), maxItems, depth);
            case long[] a -> append(out, java.util.Arrays.stream(a).boxed().toList(), maxItems, depth);
            case double[] a -> append(out, java.util.Arrays.stream(a).boxed().toList(), maxItems, depth);
            case Throwable t -> out.append(exceptionRepr(t));
            default -> out.append(value);
        }
    }

    private static void appendItems(StringBuilder out, Iterator<?> it, int size, int maxItems, int depth) {
        if (depth <= 0 && size > 0) {
            out.append("...");
            return;
        }
        int i = 0;
        while (it.hasNext()) {
            Object item = it.next();
            if (i > 0) {
                out.append(", ");
            }
            if (i == maxItems) {
                out.append("...");
                return;
            }
            if (maxItems == Integer.MAX_VALUE) {
                append(out, item, maxItems, depth - 1);
            } else {
                appendShort(out, item, maxItems);
            }
            i++;
        }
    }

    private static void appendShort(StringBuilder out, Object value, int maxItems) {
        switch (value) {
            case String s -> out.append(cut(stringRepr(s), 30));
            case Integer i -> out.append(cut(i.toString(), 40));
            case Long l -> out.append(cut(l.toString(), 40));
            case java.math.BigInteger b -> out.append(cut(b.toString(), 40));
            case null -> out.append("None");
            case Boolean b -> out.append(b ? "True" : "False");
            case Double d -> out.append(floatRepr(d));
            case Float f -> out.append(floatRepr(f.doubleValue()));
            case Collection<?> c -> append(out, c, maxItems, 6);
            case Tuple t -> append(out, t, maxItems, 6);
            case Map<?, ?> m -> append(out, m, maxItems, 6);
            case Object[] a -> append(out, java.util.Arrays.asList(a), maxItems, 6);
            default -> out.append(cut(repr(value), 30));
        }
    }

    /** reprlib's cut: keeps the head and tail of a too-long text around "...". */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int head = Math.max(0, (max - 3) / 2);
        int tail = Math.max(0, max - 3 - head);
        return s.substring(0, head) + "..." + s.substring(s.length() - tail);
    }

    /**
     * Python-style repr of an exception: its simple class name and its message as a string repr,
     * e.g. {@code ValueError('boom')}, {@code CancelledError()}.
     */
    static String exceptionRepr(Throwable t) {
        if (t instanceof ExceptionGroup g) {
            return "ExceptionGroup(" + stringRepr(g.message()) + ", " + repr(g.exceptions()) + ")";
        }
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name + "()" : name + "(" + stringRepr(t.getMessage()) + ")";
    }
}
