package io.github.asyncioworkbook.runner;

/**
 * Outcome of {@link OutputMatcher#match(String)}: either {@link Matched} or {@link Mismatched}.
 */
public sealed interface MatchResult {

    /** {@return {@code true} for {@link Matched}, {@code false} for {@link Mismatched}} */
    default boolean matched() {
        return this instanceof Matched;
    }

    /** The actual output satisfies the expected file. */
    record Matched() implements MatchResult {
    }

    /**
     * The actual output does not satisfy the expected file.
     *
     * @param summary one line saying where the first difference is, e.g.
     *                {@code "first difference at CreateTask.out:4"}
     * @param diff    a unified diff, expected (the {@code .out} file) versus actual output, with
     *                {@code ---}/{@code +++} headers and {@code @@} hunks with 3 lines of context
     */
    record Mismatched(String summary, String diff) implements MatchResult {

        /** {@return the summary followed by the diff, ready for a test failure message} */
        public String report() {
            return summary + "\n" + diff;
        }
    }
}
