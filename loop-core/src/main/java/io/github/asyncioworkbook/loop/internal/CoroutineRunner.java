package io.github.asyncioworkbook.loop.internal;

import java.util.Locale;

/**
 * How coroutine bodies are suspended and resumed: the part of asyncio that CPython gets for free
 * from generators ({@code coro.send()} and {@code yield}). An event loop asks its runner for one
 * {@link Fiber} per task and steps it with {@link Fiber#resume()}; the body gives control back with
 * {@link Fiber#suspend()}.
 *
 * <p>Two runners exist, chosen once per process by {@link #get()}:
 * <ul>
 * <li>{@link ContinuationRunner}: each body is a {@code jdk.internal.vm.Continuation} run directly
 *     on the loop's thread, as a generator runs on CPython's; a switch costs about 0.1 us and a
 *     suspended body costs only its frozen frames. Needs
 *     {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED} (or {@code =io.github.asyncioworkbook.loop}
 *     on the module path).</li>
 * <li>{@link ThreadRunner}: each body runs on a virtual thread of its own, and the loop's thread and
 *     the body's thread hand a single turn to each other; portable (public API only), about 10x
 *     slower per switch and heavier per suspended task.</li>
 * </ul>
 * The system property {@value #PROPERTY} picks one ({@code continuation} or {@code threads});
 * without it the continuation runner is used when {@code jdk.internal.vm} is exported to
 * loop-core, and the thread runner otherwise. Both give the same order of events and the same
 * output; only speed and memory differ.
 */
public sealed interface CoroutineRunner permits ContinuationRunner, ThreadRunner {

    /** System property that chooses the runner: {@code continuation} or {@code threads}. */
    String PROPERTY = "loopcore.runner";

    /**
     * A fiber that will run {@code body} on its first {@link Fiber#resume()}.
     *
     * @param body the coroutine body; it must not throw (the caller records its outcome itself)
     * @return a fiber that has not started
     */
    Fiber newFiber(Runnable body);

    /**
     * Runs an event loop's {@code runForever} body on a thread suited to this runner and returns
     * when it returns; its exception, if any, is rethrown on the calling thread.
     *
     * @param loopBody the loop's work
     */
    void runLoop(Runnable loopBody);

    /** {@return {@code continuation} or {@code threads}} */
    String name();

    /**
     * The runner of this process, chosen on first use (see the class comment).
     *
     * @return the runner
     * @throws IllegalStateException when {@value #PROPERTY} names an unknown runner, or asks for
     *     {@code continuation} while {@code jdk.internal.vm} is not exported to loop-core
     */
    static CoroutineRunner get() {
        return Selected.RUNNER;
    }

    /** Holder idiom: the choice is made once, when first needed. */
    final class Selected {
        static final CoroutineRunner RUNNER = choose(System.getProperty(PROPERTY));

        private Selected() {
        }

        static CoroutineRunner choose(String wanted) {
            boolean available = ContinuationAccess.available();
            if (wanted == null || wanted.isBlank()) {
                return available ? ContinuationAccess.runner() : new ThreadRunner();
            }
            return switch (wanted.trim().toLowerCase(Locale.ROOT)) {
                case "threads" -> new ThreadRunner();
                case "continuation" -> {
                    if (!available) {
                        throw new IllegalStateException("system property " + PROPERTY + "=continuation needs the JVM option "
                                + "--add-exports java.base/jdk.internal.vm=ALL-UNNAMED (on the module path: "
                                + "=io.github.asyncioworkbook.loop)");
                    }
                    yield ContinuationAccess.runner();
                }
                default -> throw new IllegalStateException("system property " + PROPERTY + " is '" + wanted
                        + "'; expected 'continuation' or 'threads'");
            };
        }
    }

    /** Checks access before any class that links against {@code jdk.internal.vm} is loaded. */
    final class ContinuationAccess {
        private ContinuationAccess() {
        }

        static boolean available() {
            Module base = Object.class.getModule();
            return base.isExported("jdk.internal.vm", CoroutineRunner.class.getModule());
        }

        static CoroutineRunner runner() {
            return new ContinuationRunner();
        }
    }
}
