package io.github.asyncioworkbook.loop;

/**
 * Raised by {@link EventLoop#runForever()} and {@link EventLoop#runUntilComplete} when the loop runs
 * on a {@linkplain Clock.Virtual virtual clock} and can never make progress again: nothing is ready
 * to run, no timer is scheduled, and no work outside the loop is outstanding (see
 * {@link EventLoop#startOutsideWork}). Under a real clock asyncio would block forever in that state;
 * under virtual time nothing could ever change it, so the loop says so instead of hanging. The
 * message names every pending task and what it awaits. Has no asyncio counterpart.
 */
public final class DeadlockError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the explanation, with the pending tasks
     */
    public DeadlockError(String message) {
        super(message);
    }
}
