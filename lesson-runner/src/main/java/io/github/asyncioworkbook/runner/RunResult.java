package io.github.asyncioworkbook.runner;

import java.time.Duration;

/**
 * What happened when a lesson ran.
 *
 * @param lesson   the lesson
 * @param clock    the clock it ran under
 * @param exitCode the process exit code; after a timeout, that of the killed process
 *                 (137 on Linux) or -1 if it could not be collected
 * @param output   everything it printed, stdout and stderr merged in arrival order (UTF-8)
 * @param elapsed  wall time from start to exit (or to the kill)
 * @param timedOut whether it was killed for running past the timeout
 */
public record RunResult(Lesson lesson, ClockMode clock, int exitCode, String output, Duration elapsed,
                        boolean timedOut) {

    /** {@return {@code true} if it ended by itself with exit code 0} */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    /**
     * Describes the run for a failure message.
     *
     * @return a human-readable account naming the lesson, how it ended (exit code or timeout)
     *         and everything it printed; meant for failure messages
     */
    public String describe() {
        String ending = timedOut
                ? "timed out after " + seconds(elapsed) + " and was killed (exit code " + exitCode + ")"
                : "exited with code " + exitCode + " after " + seconds(elapsed);
        String printed = output.isEmpty() ? "(nothing)" : output.endsWith("\n") ? output : output + "\n";
        return "lesson " + lesson.id() + " [" + clock.value() + " clock] " + ending
                + "; it printed:\n" + printed;
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
