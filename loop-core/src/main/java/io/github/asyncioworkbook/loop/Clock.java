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
 *     times. It starts at 0.0.</li>
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

    /**
     * @return the current time in seconds
     */
    double time();

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
    }

    /**
     * Virtual time: it moves only when the loop jumps it to the next timer (or a test calls
     * {@link #advanceTo}). Owned by its loop: read and advanced only by the thread holding the
     * loop's turn.
     */
    final class Virtual implements Clock {
        private double now;

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
