package io.github.asyncioworkbook.loop;

/**
 * Which Java throwables play Python's exceptions that are {@code BaseException} but not
 * {@code Exception} ({@code SystemExit}, {@code KeyboardInterrupt}), the ones asyncio lets escape
 * from the event loop instead of reporting them.
 *
 * <p>The rule, used everywhere in loop-core: <b>every {@link Error} except {@link AssertionError}
 * is an exit</b> (a {@code VirtualMachineError} such as {@code OutOfMemoryError} included).
 * Everything else ({@link Exception}s, checked or not, and {@code AssertionError}, which Python
 * counts as an ordinary {@code Exception}) is ordinary. Where asyncio treats
 * {@code (SystemExit, KeyboardInterrupt)} specially, loop-core treats exits the same way:
 * <ul>
 * <li>raised by a callback, an exit propagates out of {@code runForever}/{@code runUntilComplete}
 *     (asyncio's {@code Handle._run});</li>
 * <li>raised by a task's coroutine, it becomes the task's exception <em>and</em> propagates out of
 *     the loop ({@code Task.__step});</li>
 * <li>{@code runUntilComplete}'s own stop callback ignores a future that ended with one;</li>
 * <li>{@code TaskGroup} and {@code gather} pass one on instead of collecting it.</li>
 * </ul>
 * {@link CancelledError} is a {@code RuntimeException} in Java (a documented difference: in Python
 * it is a {@code BaseException}); {@link CoroutineExit}, Python's {@code GeneratorExit}, is an
 * {@code Error} and so an exit. A {@code StackOverflowError} in a coroutine is turned into a
 * {@link RecursionError} at the await that overflowed (see {@link Coroutine#await()}).
 */
final class BaseExceptions {
    private BaseExceptions() {
    }

    /**
     * @param t a throwable
     * @return whether {@code t} plays {@code SystemExit}/{@code KeyboardInterrupt}
     */
    static boolean isExit(Throwable t) {
        return t instanceof Error && !(t instanceof AssertionError);
    }
}
