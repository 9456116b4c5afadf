package io.github.asyncioworkbook.loop;

/**
 * Whether new event loops start in debug mode: asyncio's {@code coroutines._is_debug_mode()},
 * which reads the environment variable {@code PYTHONASYNCIODEBUG} (and {@code python -X dev}).
 * Here the system property {@code -Dloopcore.debug} decides when it is set
 * ({@code true}/{@code 1}/empty turn it on, {@code false}/{@code 0} off); otherwise the
 * environment variable {@code LOOPCORE_DEBUG}, which, like Python's, turns debug mode on when it is
 * set to any non-empty value. {@link EventLoop#setDebug} and {@link Asyncio#run(Coroutine, Boolean)}
 * override it per loop.
 *
 * <p>A loop in debug mode logs callbacks and task steps slower than its
 * {@linkplain EventLoop#setSlowCallbackDuration slow-callback duration}, records where futures,
 * tasks, handles, coroutines and transports were created (shown in reprs and in the
 * {@link Warnings} about objects collected unclosed or never awaited), and logs
 * {@code Close <loop>} at DEBUG when it closes.
 */
final class DebugMode {
    static final String PROPERTY = "loopcore.debug";
    static final String ENVIRONMENT = "LOOPCORE_DEBUG";
    /** {@code loop.slow_callback_duration}'s default: 0.1 seconds. */
    static final double DEFAULT_SLOW_CALLBACK_DURATION = 0.1;

    private DebugMode() {
    }

    /**
     * @return whether a new loop starts in debug mode
     * @throws IllegalArgumentException naming the property when its value is not a boolean
     */
    static boolean fromEnvironment() {
        String value = System.getProperty(PROPERTY);
        if (value != null) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "", "true", "1", "yes", "on" -> true;
                case "false", "0", "no", "off" -> false;
                default -> throw new IllegalArgumentException(
                        "system property " + PROPERTY + " is '" + value + "'; expected true or false");
            };
        }
        String env = System.getenv(ENVIRONMENT);
        return env != null && !env.isEmpty();
    }
}
