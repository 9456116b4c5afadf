package io.github.asyncioworkbook.loop.internal;

/**
 * One coroutine body that can stop in the middle and go on later: the Java side of a Python
 * generator frame. Made by {@link CoroutineRunner#newFiber}.
 *
 * <p>Protocol, and the invariant every implementation keeps: at any moment either the fiber's
 * body runs or the code that called {@link #resume()} does, never both. {@code resume()} returns
 * only when the body has called {@link #suspend()} or has returned; {@code suspend()} returns only
 * when {@code resume()} is called again. So the body sees everything its resumer did before
 * {@code resume()}, and the resumer sees everything the body did before {@code suspend()}.
 *
 * <p>The thread's interrupt status belongs to the body: a body that suspends with its interrupt
 * flag set gets it back when resumed, and the resumer never sees it (so a coroutine that restores
 * the flag after catching {@code InterruptedException}, a common Java idiom, cannot make the loop
 * spin).
 */
public sealed interface Fiber permits ContinuationFiber, ThreadFiber {

    /**
     * Runs the body from where it stopped (or from its start) until it suspends or returns.
     *
     * @return {@code true} when the body has returned (the fiber is done)
     * @throws IllegalStateException if the fiber is done or is running
     */
    boolean resume();

    /**
     * Called by the body only: gives control back to the caller of {@link #resume()} and returns
     * when the fiber is resumed.
     *
     * @throws IllegalStateException if the calling code is not this fiber's body, or if the body
     *     cannot be suspended here (see the runner's documentation)
     */
    void suspend();

    /**
     * Whether the body may suspend by calling {@code Continuation.yield(ContinuationFiber.SCOPE)}
     * itself, after {@link #checkSuspend()}, instead of calling {@link #suspend()}: true for the
     * continuation runner's fibers. The await path does so to keep one frame fewer in every
     * suspended task's stack chunk. (A method rather than an {@code instanceof}: without the
     * {@code jdk.internal.vm} export, the continuation fiber's class cannot even be loaded.)
     *
     * @return whether the body may yield directly
     */
    default boolean yieldsDirectly() {
        return false;
    }

    /**
     * What {@link #suspend()} checks before it gives control back.
     *
     * @throws IllegalStateException if the calling code is not this fiber's running body
     */
    void checkSuspend();

    /** {@return whether the body has returned} */
    boolean isDone();

    /** {@return whether {@link #resume()} was ever called} */
    boolean isStarted();

    /**
     * {@return the thread the body runs on while it runs}: the resumer's thread for a
     * continuation, the fiber's own virtual thread for the thread runner; {@code null} before the
     * first resume
     */
    Thread bodyThread();

    /**
     * The body's frames, innermost first: where it is suspended, or, when called by the body
     * itself, where it runs.
     *
     * @return the frames, or an empty array when the body has not started or is done
     */
    StackTraceElement[] stackTrace();
}
