package io.github.asyncioworkbook.runner;

import java.util.Locale;

/** Which clock loop-core uses when a lesson runs ({@code -Dloopcore.clock=...}). */
public enum ClockMode {
    /** Virtual time: starts at 0.0 and jumps to the next timer; used for {@code .out} files. */
    VIRTUAL,
    /** The wall clock: sleeps really take their time. */
    REAL;

    /** {@return the value passed to loop-core: {@code "virtual"} or {@code "real"}} */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a clock name.
     *
     * @param text {@code virtual} or {@code real}, any case
     * @return the matching mode
     * @throws IllegalArgumentException for anything else
     */
    public static ClockMode parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "virtual" -> VIRTUAL;
            case "real" -> REAL;
            default -> throw new IllegalArgumentException("clock must be virtual or real, not '" + text + "'");
        };
    }
}
