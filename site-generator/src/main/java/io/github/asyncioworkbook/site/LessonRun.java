package io.github.asyncioworkbook.site;

import java.time.Duration;
import java.util.Objects;

/**
 * What one live run of a lesson produced.
 *
 * @param exitCode the process exit code (meaningless when {@code timedOut})
 * @param output stdout and stderr merged, in the order they were written
 * @param elapsed wall-clock time of the run
 * @param timedOut whether the run was killed for taking too long
 * @param clock which clock the lesson's event loop used
 * @param reused whether this is the run the lessons' tests verified earlier in the build (the lesson
 *     was not run again for the site)
 * @param trace loop-core's trace of this run (trace-event JSON, {@code -Dloopcore.trace}), or
 *     {@code null} if there is none
 * @param pair for a side of a server/client pair, the pair's run ({@code output} is then the
 *     server's output, or the client's first run, and {@code exitCode} is 0 when the pair ran as a
 *     reader's does: the server's own status is {@link PairRuns#serverExit()}); {@code null} otherwise
 */
public record LessonRun(int exitCode, String output, Duration elapsed, boolean timedOut, RunClock clock, boolean reused,
        String trace, PairRuns pair) {

    /**
     * A run of a lesson that is no side of a pair.
     *
     * @param exitCode the process exit code
     * @param output stdout and stderr merged
     * @param elapsed wall-clock time
     * @param timedOut whether it was killed
     * @param clock the clock used
     * @param reused whether the lessons' tests made it
     * @param trace its trace, or {@code null}
     */
    public LessonRun(int exitCode, String output, Duration elapsed, boolean timedOut, RunClock clock, boolean reused,
            String trace) {
        this(exitCode, output, elapsed, timedOut, clock, reused, trace, null);
    }

    /**
     * A run made for the site, without a trace.
     *
     * @param exitCode the process exit code
     * @param output stdout and stderr merged
     * @param elapsed wall-clock time
     * @param timedOut whether it was killed
     * @param clock the clock used
     */
    public LessonRun(int exitCode, String output, Duration elapsed, boolean timedOut, RunClock clock) {
        this(exitCode, output, elapsed, timedOut, clock, false, null);
    }

    /**
     * {@return this run with its trace}
     *
     * @param trace the trace-event JSON, or {@code null}
     */
    public LessonRun withTrace(String trace) {
        return new LessonRun(exitCode, output, elapsed, timedOut, clock, reused, trace, pair);
    }

    /** Which clock an event loop used during a run. */
    public enum RunClock {
        /** Virtual time: starts at 0.0 and jumps to the next timer; output is reproducible. */
        VIRTUAL("virtual clock", "虚拟时钟"),
        /** The machine's monotonic clock: timings vary from run to run. */
        REAL("real clock", "真实时钟");

        private final String english;
        private final String chinese;

        RunClock(String english, String chinese) {
            this.english = english;
            this.chinese = chinese;
        }

        /** {@return the label in English, e.g. "virtual clock"} */
        public String english() {
            return english;
        }

        /** {@return the label in Simplified Chinese} */
        public String chinese() {
            return chinese;
        }
    }

    /** Checks required fields. */
    public LessonRun {
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(clock, "clock");
    }

    /** {@return whether the run ended normally: not timed out, exit code 0} */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
