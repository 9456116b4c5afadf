package io.github.asyncioworkbook.loop;

/**
 * Sees what an event loop does, for timelines, tracing and tests (Trio's {@code Instrument}; asyncio
 * has no public counterpart). Every method has an empty default, so an instrument overrides only
 * what it needs. Add one with {@link EventLoop#addInstrument}; a loop without instruments pays one
 * null check per event.
 *
 * <p>All methods are called on the thread that holds the loop's turn, one at a time, in the order
 * the events happen. An instrument must not block, await or schedule work on the loop. If a method
 * throws, the instrument is removed and the failure is reported through the loop's exception
 * handler.
 */
public interface Instrument {
    /** @param task a task that {@code createTask}/{@code ensureFuture} just made (not yet stepped) */
    default void taskCreated(Task<?> task) {
    }

    /** @param task a task whose coroutine is about to run (a step starts) */
    default void stepStarted(Task<?> task) {
    }

    /**
     * The task's coroutine gave up control without finishing.
     *
     * @param task the task
     * @param awaiting the future it now waits for, or {@code null} for a bare yield
     *     ({@code sleep(0)}), after which it is simply scheduled again
     */
    default void taskSuspended(Task<?> task, Future<?> awaiting) {
    }

    /** @param task a task whose step ended (after {@link #taskSuspended} or {@link #taskDone}) */
    default void stepEnded(Task<?> task) {
    }

    /**
     * @param task a task that reached a final state: finished with a result or an exception, or
     *     cancelled (see {@link Task#cancelled()})
     */
    default void taskDone(Task<?> task) {
    }

    /**
     * {@link Task#cancel(String)} was requested and accepted.
     *
     * @param task the task
     * @param message the cancel message, or {@code null}
     */
    default void cancelRequested(Task<?> task, String message) {
    }

    /** @param handle a callback handle about to run (a task step is a callback too) */
    default void beforeCallback(Handle handle) {
    }

    /** @param handle the callback handle that just ran */
    default void afterCallback(Handle handle) {
    }

    /**
     * The loop has nothing ready and is about to wait (or, on a virtual clock, to jump).
     *
     * @param timeout seconds until the next timer, or {@link Double#POSITIVE_INFINITY}
     */
    default void beforeIdle(double timeout) {
    }

    /** The loop's wait ended. */
    default void afterIdle() {
    }

    /**
     * A loop iteration begins (one pass of CPython's {@code BaseEventLoop._run_once}): the timers
     * that are due were just moved to the ready queue, and the callbacks ready now are the ones this
     * iteration runs. {@link EventLoop#time()} is the iteration's time (on a virtual clock, after the
     * jump).
     */
    default void iterationStarted() {
    }

    /**
     * @param timer a timer that {@code callLater}/{@code callAt} just scheduled (also the timers
     *     behind {@code sleep} and timeouts); it fires through {@link #beforeCallback} with the
     *     same handle
     */
    default void timerScheduled(TimerHandle timer) {
    }
}
