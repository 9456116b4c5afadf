package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import io.github.asyncioworkbook.loop.internal.ContinuationFiber;
import io.github.asyncioworkbook.loop.internal.Fiber;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Supplier;
import jdk.internal.vm.Continuation;

/**
 * A value that will be ready later: asyncio's {@code asyncio.Future}. A coroutine waits for it with
 * {@link #await()}; plain code registers {@linkplain #addDoneCallback done callbacks}.
 *
 * <p><b>Differences from {@link java.util.concurrent.CompletableFuture}.</b> A Future belongs to one
 * {@link EventLoop}; its callbacks never run inline but are scheduled on that loop with
 * {@code callSoon} when it completes, in registration order; cancellation is a state of its own
 * (not an exception result); and it is not thread-safe: use it from its loop's coroutines and
 * callbacks, or through {@link EventLoop#callSoonThreadsafe} from other threads.
 *
 * <p><b>Differences from asyncio.</b> Methods are camelCase ({@code setResult},
 * {@code addDoneCallback}); awaiting is the method {@link #await()}. "Future exception was never
 * retrieved" is reported once the JVM has collected the future (CPython reports it when the last
 * reference goes), or at the latest when the loop closes. Calling {@code setResult},
 * {@code setException}, {@code cancel} or {@code addDoneCallback} from a thread other than the
 * running loop's throws {@link IllegalStateException} (see {@link EventLoop}).
 *
 * @param <T> the result type
 */
public class Future<T> {
    /*
     * Implementation overview
     *
     * States: PENDING -> FINISHED (setResult/setException) or PENDING -> CANCELLED (cancel).
     * A done future never changes again. On the transition, every registered callback is handed to
     * loop.callSoon in registration order and the list is cleared (scheduleCallbacks, the only
     * place callbacks leave this object). All fields are owned by the thread holding the loop's
     * turn.
     */
    enum State { PENDING, CANCELLED, FINISHED }

    final EventLoop loop;
    State state = State.PENDING;
    private T result;
    private Throwable exception;
    /** Registered done callbacks, created on first use. */
    private List<DoneCallback<? super T>> callbacks;
    String cancelMessage;
    /** The CancelledError that ended the coroutine, re-raised as is (set by Task). */
    CancelledError cancelledExc;
    /** In debug mode: where user code created this future ({@code File.java:LINE}), else null. */
    private final String createdAt;
    /**
     * Set while an exception was set and neither result() nor exception() has read it: asyncio's
     * {@code __log_traceback}.
     */
    private UnretrievedExceptions.Report unretrieved;

    /**
     * A pending future attached to {@code loop}; {@link EventLoop#createFuture()} is the usual way.
     *
     * @param loop the loop whose callbacks this future schedules
     */
    public Future(EventLoop loop) {
        this.loop = java.util.Objects.requireNonNull(loop, "loop");
        this.createdAt = CreationPlace.capture(loop);
    }

    /**
     * @return the loop this future is bound to ({@code Future.get_loop()})
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * @return whether the future was cancelled ({@code Future.cancelled()})
     */
    public boolean cancelled() {
        return state == State.CANCELLED;
    }

    /**
     * @return whether the future has a result, an exception or was cancelled ({@code Future.done()})
     */
    public boolean done() {
        return state != State.PENDING;
    }

    /**
     * The result: {@code Future.result()}.
     *
     * @return the value given to {@link #setResult}
     * @throws CancelledError if the future was cancelled (carrying the cancel message)
     * @throws InvalidStateError {@code "Result is not set."} while pending
     * @throws RuntimeException the exception given to {@link #setException}, thrown as is (checked
     *     exceptions too)
     */
    public T result() {
        if (state == State.CANCELLED) {
            throw makeCancelledError();
        }
        if (state == State.PENDING) {
            throw new InvalidStateError("Result is not set.");
        }
        clearLogTraceback();
        if (exception != null) {
            throw Sneaky.rethrow(exception);
        }
        return result;
    }

    /**
     * The exception: {@code Future.exception()}.
     *
     * @return the exception given to {@link #setException}, or {@code null} if a result was set
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError {@code "Exception is not set."} while pending
     */
    public Throwable exception() {
        if (state == State.CANCELLED) {
            throw makeCancelledError();
        }
        if (state == State.PENDING) {
            throw new InvalidStateError("Exception is not set.");
        }
        clearLogTraceback();
        return exception;
    }

    /**
     * Marks the future done with {@code value} and schedules its callbacks: {@code Future.set_result()}.
     *
     * @param value the result, {@code null} for Python's {@code None}
     * @throws InvalidStateError {@code "invalid state"} if the future is already done
     */
    public void setResult(T value) {
        loop.checkThread();
        if (state != State.PENDING) {
            throw new InvalidStateError("invalid state");
        }
        result = value;
        state = State.FINISHED;
        scheduleCallbacks();
    }

    /**
     * Marks the future done with an exception and schedules its callbacks: {@code Future.set_exception()}.
     *
     * @param error the exception that {@link #result()} and {@link #await()} will throw
     * @throws InvalidStateError {@code "invalid state"} if the future is already done
     */
    public void setException(Throwable error) {
        java.util.Objects.requireNonNull(error, "error");
        loop.checkThread();
        if (state != State.PENDING) {
            throw new InvalidStateError("invalid state");
        }
        exception = error;
        state = State.FINISHED;
        unretrieved = loop.exceptionSet(this, error);
        scheduleCallbacks();
    }

    /**
     * Cancels the future without a message: {@code Future.cancel()}.
     *
     * @return {@code false} if the future was already done, else {@code true}
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future and schedules its callbacks: {@code Future.cancel(msg)}.
     *
     * @param message carried by the {@link CancelledError} that {@link #result()} then throws
     * @return {@code false} if the future was already done, else {@code true}
     */
    public boolean cancel(String message) {
        loop.checkThread();
        clearLogTraceback();
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        cancelMessage = message;
        scheduleCallbacks();
        return true;
    }

    /**
     * Adds a function to call once the future is done: {@code Future.add_done_callback(fn)}. If the
     * future is already done the callback is scheduled at once with {@code callSoon}; it is never
     * called inline.
     *
     * @param callback called with this future
     */
    public void addDoneCallback(DoneCallback<? super T> callback) {
        java.util.Objects.requireNonNull(callback, "callback");
        loop.checkThread();
        if (state != State.PENDING) {
            loop.scheduleDoneCallback(callback, this);
        } else {
            if (callbacks == null) {
                callbacks = new ArrayList<>(2);
            }
            callbacks.add(callback);
        }
    }

    /**
     * Removes every registration of {@code callback}: {@code Future.remove_done_callback(fn)}.
     *
     * @param callback a callback given to {@link #addDoneCallback} (compared with {@code equals})
     * @return how many registrations were removed
     */
    public int removeDoneCallback(DoneCallback<?> callback) {
        if (callbacks == null) {
            return 0;
        }
        int before = callbacks.size();
        callbacks.removeIf(cb -> cb.equals(callback));
        return before - callbacks.size();
    }

    /**
     * Waits for the future inside a coroutine and returns its result: Python's {@code await fut}.
     * A done future returns at once without giving up control; a pending one suspends the calling
     * coroutine until the future is done, which resumes it one loop iteration after its callbacks
     * are scheduled.
     *
     * @return the result
     * @throws IllegalStateException if called outside a coroutine body ({@code "await outside a
     *     coroutine"}), or for a future of another loop, or for a task awaiting itself
     * @throws CancelledError if this future is cancelled, or the awaiting task is cancelled while
     *     it waits
     */
    public T await() {
        Task<?> task = Task.runningOnThisThread("Future.await()");
        if (state == State.PENDING) {
            if (loop != task.loop || this == task) {
                badAwait(task);
            } else {
                // Task.suspend(this), written out: this frame is the only loop-core frame between the
                // coroutine's and the JDK's in a task suspended here (see Task.suspend).
                task.beforeSuspend(this);
                Fiber f = task.fiber();
                if (f.yieldsDirectly()) {
                    f.checkSuspend();
                    Continuation.yield(ContinuationFiber.SCOPE);
                } else {
                    f.suspend();
                }
                task.afterResume();
            }
        }
        return result();
    }

    /** asyncio's bad-await path: the task goes on at its next step with an error thrown at this await. */
    private void badAwait(Task<?> task) {
        task.yieldWithError(new IllegalStateException(loop != task.loop
                ? "Task " + task + " got Future " + this + " attached to a different loop"
                : "Task cannot await on itself: " + task));
    }

    // --- package-private machinery --------------------------------------------------------------

    /** Hands every callback to the loop in registration order and forgets them. */
    private void scheduleCallbacks() {
        onDone();
        List<DoneCallback<? super T>> cbs = callbacks;
        if (cbs == null) {
            return;
        }
        callbacks = null;
        for (DoneCallback<? super T> cb : cbs) {
            loop.scheduleDoneCallback(cb, this);
        }
    }

    /** Called once, when the future becomes done, before its callbacks are scheduled. */
    void onDone() {
    }

    CancelledError makeCancelledError() {
        if (cancelledExc != null) {
            CancelledError e = cancelledExc;
            cancelledExc = null;
            return e;
        }
        return cancelMessage == null ? new CancelledError() : new CancelledError(cancelMessage);
    }

    private void clearLogTraceback() {
        UnretrievedExceptions.Report r = unretrieved;
        if (r != null) {
            unretrieved = null;
            loop.exceptionRetrieved(r);
        }
    }

    boolean logTraceback() {
        return unretrieved != null;
    }

    /**
     * This future's repr once finished, built later without holding the future (for the "never
     * retrieved" report, made after the future was collected).
     */
    Supplier<String> finishedRepr() {
        String kind = getClass().getSimpleName();
        String info = resultInfo();
        String created = createdAt;
        return () -> "<" + kind + " finished " + info + (created == null ? "" : " created at " + created) + ">";
    }

    /** {@return where debug mode saw user code create this future, or null} */
    String createdAt() {
        return createdAt;
    }

    /** Sets the result unless the future was cancelled meanwhile (asyncio's helper for sleep). */
    static <T> void setResultUnlessCancelled(Future<T> future, T value) {
        if (!future.cancelled()) {
            future.setResult(value);
        }
    }

    State state() {
        return state;
    }

    T rawResult() {
        return result;
    }

    Throwable rawException() {
        return exception;
    }

    // --- repr -----------------------------------------------------------------------------------

    /** Lower-case state word: pending, cancelled, finished. */
    String stateWord() {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The {@code result=}/{@code exception=} part, or null. */
    String resultInfo() {
        if (state != State.FINISHED) {
            return null;
        }
        return exception != null
                ? "exception=" + Repr.exceptionRepr(exception)
                : "result=" + Repr.shortRepr(result);
    }

    /** The {@code cb=[...]} part, or null: one, two, or first, {@code <N more>}, last. */
    String callbacksInfo() {
        if (callbacks == null || callbacks.isEmpty()) {
            return null;
        }
        int size = callbacks.size();
        StringJoiner cb = new StringJoiner(", ", "cb=[", "]");
        if (size <= 2) {
            callbacks.forEach(c -> cb.add(describe(c)));
        } else {
            cb.add(describe(callbacks.get(0)));
            cb.add("<" + (size - 2) + " more>");
            cb.add(describe(callbacks.get(size - 1)));
        }
        return cb.toString();
    }

    private static String describe(Object callback) {
        if (callback instanceof Task.Wakeup) {
            return "Task.taskWakeup()";
        }
        if (callback instanceof LocalCallback<?> local) {
            return local.describe();
        }
        FunctionInfo info = FunctionInfo.of(callback);
        return info.bound() ? info.name() + "()" : info.describeWithPlace();
    }

    /**
     * asyncio's repr: {@code <Future pending>}, {@code <Future finished result='x'>},
     * {@code <Future pending cb=[Task.taskWakeup()]>}, {@code <Future cancelled>}; in debug mode
     * followed by where it was created: {@code created at Lesson.java:12}.
     */
    @Override
    public String toString() {
        return "<" + getClass().getSimpleName() + " " + String.join(" ", reprInfo()) + ">";
    }

    /** The words of the repr in order: state, then result or exception, then callbacks. */
    List<String> reprInfo() {
        List<String> info = new ArrayList<>(4);
        info.add(stateWord());
        String r = resultInfo();
        if (r != null) {
            info.add(r);
        }
        String cb = callbacksInfo();
        if (cb != null) {
            info.add(cb);
        }
        if (createdAt != null) {
            info.add("created at " + createdAt);
        }
        return info;
    }
}
