package io.github.asyncioworkbook.runner;

/**
 * A lesson run checked against its expected output.
 *
 * @param run   how the run went
 * @param match how its output compares with the {@code .out} file
 */
public record Verification(RunResult run, MatchResult match) {

    /** {@return whether the lesson exited with 0 in time and its output matched} */
    public boolean passed() {
        return run.succeeded() && match.matched();
    }

    /**
     * Explains a failure.
     *
     * @return {@code ""} when {@link #passed()}; otherwise a failure message naming the lesson:
     *         for a failed run its exit code or timeout and everything it printed, for a
     *         mismatch the summary and unified diff
     */
    public String report() {
        if (!run.succeeded()) {
            return run.describe();
        }
        if (match instanceof MatchResult.Mismatched mismatch) {
            return "lesson " + run.lesson().id() + ": " + mismatch.report();
        }
        return "";
    }
}
