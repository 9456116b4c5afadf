package io.github.asyncioworkbook.loop;

/**
 * The time source of an {@link EventLoop}: what {@code loop.time()} returns, in seconds as a
 * {@code double}, like asyncio's monotonic clock.
 *
 * <ul>
 * <li>{@link Real}: the JVM's monotonic clock ({@link System#nanoTime()}); the loop really waits.</li>
 * <li>{@link Virtual}: time that stands still while anything can run and jumps straight to the next
 *     timer when every task is waiting for one (Trio's {@code MockClock} with autojump threshold 0,
 *     kotlinx-coroutines-test's delay skipping). Lessons that sleep finish at once and print exact
 *     times. It starts at 0.0. It never jumps while work outside the loop is outstanding
 *     ({@link EventLoop#startOutsideWork}): then it runs at the pace of real time. A loop that has
 *     nothing ready, no timer and no outside work raises {@link DeadlockError} instead of hanging.</li>
 * </ul>
 *
 * <p>{@link #fromEnvironment()} picks one without editing a program: the system property
 * {@value #PROPERTY} or else the environment variable {@value #ENVIRONMENT}, each {@code real}
 * (the default) or {@code virtual}. For example {@code jbang -Dloopcore.clock=virtual create-task}
 * or {@code LOOPCORE_CLOCK=virtual java ...}.
 */
public sealed interface Clock permits Clock.Real, Clock.Virtual {

    /** System property that selects the clock of new loops: {@code real} or {@code virtual}. */
    String PROPERTY = "loopcore.clock";
    /** Environment variable read when the system property is not set. */
    String ENVIRONMENT = "LOOPCORE_CLOCK";
    /** The longest a loop blocks at once: asyncio's {@code MAXIMUM_SELECT_TIMEOUT}, one day. */
    double MAX_BLOCK = 86400.0;

    /**
     * @return the current time in seconds
     */
    double time();

    /**
     * What an idle loop may do: block in real time for a while, or nothing at all because nothing
     * could ever wake it. Answered by {@link #idle}.
     */
    sealed interface Idle {
        /**
         * Block for up to {@code seconds} of real time (0: do not block; infinite: until woken).
         *
         * @param seconds how long
         */
        record Block(double seconds) implements Idle {
        }

        /** Nothing can ever wake the loop: no timer, no outside work (only a virtual clock says this). */
        record Stalled() implements Idle {
        }
    }

    /**
     * Asked by a loop that has nothing ready to run: how long may it block? This is where a clock
     * decides how time passes while the loop waits, so the loop never needs to know which clock
     * it has.
     *
     * @param deadline the loop time of the next timer, or {@code Double.POSITIVE_INFINITY}
     * @param outsideWork whether work outside the loop (another thread, an executor job, I/O) is
     *     outstanding and may still wake it
     * @return how long to block; then the loop calls {@link #blocked} with the real time it blocked
     */
    Idle idle(double deadline, boolean outsideWork);

    /**
     * Told how long the loop really blocked after {@link #idle} answered {@link Idle.Block}.
     *
     * @param seconds real seconds spent blocked
     */
    void blocked(double seconds);

    /**
     * @return {@code "real"} or {@code "virtual"}
     */
    String kind();

    /**
     * The clock chosen by {@value #PROPERTY} / {@value #ENVIRONMENT}.
     *
     * @return a new clock of the chosen kind
     * @throws IllegalArgumentException naming the setting when its value is neither real nor virtual
     */
    static Clock fromEnvironment() {
        String value = System.getProperty(PROPERTY);
        String source = "system property " + PROPERTY;
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
            source = "environment variable " + ENVIRONMENT;
        }
        if (value == null || value.isBlank()) {
            return new Real();
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "real" -> new Real();
            case "virtual" -> new Virtual();
            default -> throw new IllegalArgumentException(
                    source + " is '" + value + "'; expected 'real' or 'virtual'");
        };
    }

    /** The monotonic wall clock. */
    final class Real implements Clock {
        private final long origin = System.nanoTime();
        /** Like asyncio's time.monotonic(), the numbers start well above zero. */
        private static final double OFFSET = 1000.0;

        /** A clock reading {@link System#nanoTime()}. */
        public Real() {
        }

        @Override
        public double time() {
            return OFFSET + (System.nanoTime() - origin) / 1e9;
        }

        @Override
        public String kind() {
            return "real";
        }

        /** Blocks until the next timer (at most a day at a time, as asyncio's select timeout). */
        @Override
        public Idle idle(double deadline, boolean outsideWork) {
            double timeout = Math.min(Math.max(deadline - time(), 0.0), MAX_BLOCK);
            return new Idle.Block(timeout);
        }

        @Override
        public void blocked(double seconds) {
        }
    }

    /**
     * Virtual time: it moves only when the loop jumps it to the next timer (or a test calls
     * {@link #advanceTo}). Owned by its loop: read and advanced only by the thread holding the
     * loop's turn.
     */
    final class Virtual implements Clock {
        private double now;
        /** Real seconds the loop was allowed to block in the current idle wait (outside work only). */
        private double plannedBlock;

        /** A virtual clock at 0.0. */
        public Virtual() {
        }

        @Override
        public double time() {
            return now;
        }

        @Override
        public String kind() {
            return "virtual";
        }

        /**
         * With no outside work the loop does not block: time jumps to {@code deadline}, or, with no
         * timer either, the loop is {@linkplain Idle.Stalled stalled}. With outside work outstanding
         * the loop blocks in real time until that work reports or the next timer is due, and time
         * passes as real time does meanwhile (see {@link #blocked}), so a timeout guarding outside
         * work can neither fire early nor wait forever.
         */
        @Override
        public Idle idle(double deadline, boolean outsideWork) {
            if (outsideWork) {
                plannedBlock = Math.max(deadline - now, 0.0);
                return new Idle.Block(plannedBlock);
            }
            plannedBlock = 0;
            if (Double.isInfinite(deadline)) {
                return new Idle.Stalled();
            }
            advanceTo(deadline);
            return new Idle.Block(0);
        }

        /** Moves time on by the real time blocked, but never past the timer the loop waited for. */
        @Override
        public void blocked(double seconds) {
            if (plannedBlock > 0) {
                now += Math.min(seconds, plannedBlock);
                plannedBlock = 0;
            }
        }

        /**
         * Moves time forward to {@code when}; an earlier {@code when} is ignored (time never goes
         * backwards).
         *
         * @param when the new time in seconds
         */
        public void advanceTo(double when) {
            if (when > now) {
                now = when;
            }
        }
    }
}
