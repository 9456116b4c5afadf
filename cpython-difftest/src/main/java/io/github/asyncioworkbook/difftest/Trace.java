package io.github.asyncioworkbook.difftest;

import java.util.List;
import java.util.Set;

/**
 * What one side printed while running a program: trace lines in order (prints, and the records of the
 * {@code asyncio} logger, whose first line starts with {@link #LOG_MARK}), and flags the runner set.
 *
 * @param lines the raw trace
 * @param flags set by the Python driver: {@code tie} (CPython ran timers with equal deadlines out of
 *     scheduling order), {@code set-order} (as_completed got arguments handled in set order),
 *     {@code deadlock} (nothing ready and no timer); by the Java side: {@code hang} (still parked
 *     after {@link JavaSide#TIMEOUT_MILLIS}); by either: {@code error} (the runner itself failed)
 */
public record Trace(List<String> lines, Set<String> flags) {
    /** Starts the first line of a log record in a raw trace. */
    public static final char LOG_MARK = '\u0001';

    public Trace {
        lines = List.copyOf(lines);
        flags = Set.copyOf(flags);
    }

    /** The trace as text, log records shown as {@code LOG message}. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.startsWith(String.valueOf(LOG_MARK)) ? "LOG " + line.substring(1) : line).append('\n');
        }
        if (!flags.isEmpty()) {
            out.append("# flags: ").append(String.join(",", new java.util.TreeSet<>(flags))).append('\n');
        }
        return out.toString();
    }
}
