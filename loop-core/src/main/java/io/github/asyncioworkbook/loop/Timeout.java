package io.github.asyncioworkbook.loop;

/**
 * A deadline for a block of code: asyncio's {@code asyncio.Timeout}, made by
 * {@link #timeout(Double)} ({@code asyncio.timeout(delay)}) or {@link #timeoutAt(Double)}
 * ({@code asyncio.timeout_at(when)}), Python 3.11.
 *
 * <pre>{@code
 * var cm = timeout(1.0);                  // async with asyncio.timeout(1.0) as cm:
 * String page = cm.asyncWith(() -> {      //     page = await fetch()
 *     return fetch();
 * });
 * // or in one call:  timeout(1.0, () -> fetch());
 * }</pre>
 *
 * <p>When the deadline passes while the block runs, the task running it is cancelled; when the
 * resulting {@link CancelledError} leaves the block, {@code asyncWith} turns it into a
 * {@link TimeoutError} whose cause is that CancelledError.
 *
 * <p><b>Why a lambda and not try-with-resources.</b> {@code async with} lets {@code __aexit__}
 * replace the exception that leaves the block. Java's {@code close()} cannot: an exception it
 * throws while the block's own exception propagates is only added as suppressed, so the
 * CancelledError would escape instead of the TimeoutError. {@code asyncWith(body)} runs the block
 * itself and can. Entering and leaving never wait, as in Python.
 *
 * <p><b>Guarantees</b> (CPython 3.11):
 * <ul>
 * <li>Only its own cancellation is converted: on the way out the timeout calls
 *     {@link Task#uncancel()} and converts only if the count is back to where it was on entry
 *     and the block ended with a CancelledError. If someone else also cancelled the task, the
 *     CancelledError propagates. Of nested timeouts that expire together, the innermost one
 *     converts and the outer ones see a TimeoutError, not a CancelledError.</li>
 * <li>After the block, {@link Task#cancelling()} is back to its value on entry.</li>
 * <li>A deadline in the past expires on the next loop iteration ({@code call_soon}); a
 *     {@code null} deadline never expires. {@link #reschedule(Double)} moves it while active.</li>
 * <li>States: created → active → expiring → expired, or active → finished. Entering twice, or
 *     rescheduling when not active, throws {@link IllegalStateException} with CPython's message.</li>
 * </ul>
 *
 * <p>Not thread-safe: use it from its loop's coroutines and callbacks only.
 */
public final class Timeout {
    private enum State {
        CREATED("created"), ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String value;

        State(String value) {
            this.value = value;
        }
    }

    private State state = State.CREATED;
    private Handle timeoutHandler;
    private Task<?> task;
    private Double when;
    private int cancelling;

    /**
     * A timeout at loop time {@code when} that has not been entered ({@code asyncio.Timeout(when)});
     * {@link #timeout(Double)} and {@link #timeoutAt(Double)} are the usual way.
     *
     * @param when the deadline on the loop's {@link EventLoop#time()} scale, or {@code null} for none
     */
    public Timeout(Double when) {
        this.when = when;
    }

    /**
     * {@code asyncio.timeout(delay)}: a timeout {@code delay} seconds from now.
     *
     * @param delay seconds, or {@code null} for no deadline
     * @return the timeout, not yet entered
     * @throws IllegalStateException {@code "no running event loop"}
     */
    public static Timeout timeout(Double delay) {
        EventLoop loop = Asyncio.getRunningLoop();
        return new Timeout(delay != null ? loop.time() + delay : null);
    }

    /**
     * {@code asyncio.timeout_at(when)}: a timeout at an absolute loop time.
     *
     * @param when the deadline on the loop's {@link EventLoop#time()} scale, or {@code null} for none
     * @return the timeout, not yet entered
     */
    public static Timeout timeoutAt(Double when) {
        return new Timeout(when);
    }

    /**
     * {@code async with asyncio.timeout(delay): return body}, in one call.
     *
     * @param delay seconds, or {@code null} for no deadline
     * @param body the block; it runs in the calling coroutine
     * @param <T> the value type
     * @return what {@code body} returned
     * @throws TimeoutError if the deadline passed and the block ended with the cancellation
     */
    public static <T> T timeout(Double delay, Coroutine.Body<T> body) {
        return timeout(delay).asyncWith(body);
    }

    /**
     * {@code async with asyncio.timeout(delay): body}, in one call.
     *
     * @param delay seconds, or {@code null} for no deadline
     * @param body the block; it runs in the calling coroutine
     * @throws TimeoutError if the deadline passed and the block ended with the cancellation
     */
    public static void timeout(Double delay, Coroutine.VoidBody body) {
        timeout(delay).asyncWith(body);
    }

    /**
     * @return the current deadline, or {@code null} for none ({@code Timeout.when()})
     */
    public Double when() {
        return when;
    }

    /**
     * Moves the deadline: {@code Timeout.reschedule(when)}.
     *
     * @param when the new deadline in loop time, or {@code null} for none
     * @throws IllegalStateException {@code "Timeout has not been entered"} or
     *     {@code "Cannot change state of expiring Timeout"} (expired, finished) when not active
     */
    public void reschedule(Double when) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new IllegalStateException("Timeout has not been entered");
            }
            throw new IllegalStateException("Cannot change state of " + state.value + " Timeout");
        }
        this.when = when;
        if (timeoutHandler != null) {
            timeoutHandler.cancel();
        }
        if (when == null) {
            timeoutHandler = null;
        } else {
            EventLoop loop = Asyncio.getRunningLoop();
            if (when <= loop.time()) {
                timeoutHandler = loop.callSoon(this::onTimeout);
            } else {
                timeoutHandler = loop.callAt(when, this::onTimeout);
            }
        }
    }

    /**
     * @return whether the deadline passed while the block ran ({@code Timeout.expired()})
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Runs {@code body} inside {@code async with this:} and returns its value.
     *
     * @param body the block; it runs in the calling coroutine, so it may await
     * @param <T> the value type
     * @return what {@code body} returned
     * @throws TimeoutError (caused by the CancelledError) if this timeout expired and the block
     *     ended with its cancellation
     * @throws IllegalStateException {@code "Timeout has already been entered"},
     *     {@code "Timeout should be used inside a task"}, {@code "no running event loop"}
     */
    public <T> T asyncWith(Coroutine.Body<T> body) {
        return AsyncWith.run(this::enter, this::exit, body);
    }

    /**
     * Runs {@code body} inside {@code async with this:}.
     *
     * @param body the block; it runs in the calling coroutine, so it may await
     * @throws TimeoutError (caused by the CancelledError) if this timeout expired and the block
     *     ended with its cancellation
     */
    public void asyncWith(Coroutine.VoidBody body) {
        AsyncWith.run(this::enter, this::exit, body);
    }

    /** {@code __aenter__}. */
    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> current = Asyncio.currentTask();
        if (current == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        state = State.ENTERED;
        task = current;
        cancelling = task.cancelling();
        reschedule(when);
    }

    /** {@code __aexit__}: throws the TimeoutError that replaces {@code exc}, or returns. */
    private void exit(Throwable exc) {
        if (timeoutHandler != null) {
            timeoutHandler.cancel();
            timeoutHandler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancelling && exc instanceof CancelledError) {
                throw new TimeoutError(null, exc);
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        timeoutHandler = null;
    }

    /**
     * asyncio's repr: {@code <Timeout [created]>}, {@code <Timeout [active] when=1.5>},
     * {@code <Timeout [expired]>}, {@code <Timeout [finished]>}.
     */
    @Override
    public String toString() {
        String info = "";
        if (state == State.ENTERED) {
            info = " when=" + (when == null ? "None" : Repr.floatRepr(Math.round(when * 1000.0) / 1000.0));
        }
        return "<Timeout [" + state.value + "]" + info + ">";
    }
}
