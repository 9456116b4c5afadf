package io.github.asyncioworkbook.loop;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coroutine scheduled on an event loop: asyncio's {@code asyncio.Task}. A task is a
 * {@link Future} that completes with its coroutine's result; awaiting it waits for the coroutine.
 * Made by {@link EventLoop#createTask} or {@link Asyncio#ensureFuture}; it takes its first step on
 * the next loop iteration, never inside {@code createTask}.
 *
 * <p><b>Cancellation.</b> {@link #cancel(String)} asks the coroutine to stop: if it is waiting on a
 * future, that future is cancelled and a {@link CancelledError} is thrown at its {@code await};
 * if it has not started, its body never runs. The coroutine may catch the error and go on;
 * {@link #cancelling()} counts the requests and {@link #uncancel()} takes one back.
 *
 * <p><b>Differences from asyncio.</b> A coroutine runs on a virtual thread of its own, which the
 * loop resumes and which hands control back at each {@code await} (see {@link EventLoop}).
 * {@link #uncancel()} clears a pending cancellation when the count reaches zero (Python 3.13's
 * behaviour). Tasks are held strongly by their loop until done, so an unreferenced pending task is
 * never collected.
 *
 * @param <T> the coroutine's result type
 */
public final class Task<T> extends Future<T> {
    /*
     * Implementation overview (cf. CPython's tasks.py)
     *
     * While not done, a task is in exactly one of three states:
     *  1. waiting:  futWaiter is pending and holds `wakeup` among its callbacks; no step is scheduled;
     *  2. runnable: a step (stepHandle or wakeup) is in the loop's ready queue;
     *  3. running:  its coroutine holds the loop's turn (loop.currentTask == this), futWaiter == null.
     * step(exc) is the only transition from 2 to 3. It asks the loop to resume this task's thread
     * (EventLoop.requestResume); the loop hands over its turn (EventLoop.switchTo) and the coroutine
     * continues in waitFor/yieldNow. The coroutine gives the turn back in EventLoop.suspend.
     */

    /** Process-wide numbering of unnamed tasks, as CPython's {@code Task-N}. */
    private static final AtomicLong COUNTER = new AtomicLong();

    /** Identifies the task whose coroutine runs on the current virtual thread. */
    static final ScopedValue<Task<?>> COROUTINE = ScopedValue.newInstance();

    private final Coroutine<T> coro;
    private String name;
    /** The future this task waits for (state 1), else null. */
    Future<?> futWaiter;
    boolean mustCancel;
    private int numCancelsRequested;
    /** The virtual thread running the coroutine; null before the first step and after the end. */
    Thread thread;
    /** What the next resume throws into the coroutine; null to resume normally. */
    Throwable resumeError;
    /** Report "Task was destroyed but it is pending!" if still pending when the loop closes. */
    boolean logDestroyPending = true;
    final Wakeup wakeup = new Wakeup(this);
    private final Runnable stepAction = () -> step(null);

    /** While an eager first step runs: the thread to give the turn back to when it ends. */
    Thread eagerCaller;

    Task(EventLoop loop, Coroutine<T> coro, boolean eager) {
        super(loop);
        this.coro = java.util.Objects.requireNonNull(coro, "coro");
        this.name = "Task-" + COUNTER.incrementAndGet();
        if (!eager) {
            loop.callSoonInternal(stepAction, "Task.taskStep()");
            loop.registerTask(this);
        }
    }

    /** The done callback that resumes this task: {@code Task.task_wakeup} in CPython. */
    static final class Wakeup implements DoneCallback<Object> {
        private final Task<?> task;

        Wakeup(Task<?> task) {
            this.task = task;
        }

        @Override
        public void accept(Future<Object> future) {
            Throwable error = null;
            try {
                future.result();
            } catch (Throwable e) {
                error = e;
            }
            task.step(error);
        }
    }

    // --- public API -----------------------------------------------------------------------------

    /**
     * @return the task's name, {@code Task-N} unless set ({@code Task.get_name()})
     */
    public String getName() {
        return name;
    }

    /**
     * @param name the new name ({@code Task.set_name()}); {@code String.valueOf} of it is used
     */
    public void setName(Object name) {
        this.name = String.valueOf(name);
    }

    /**
     * @return the coroutine this task runs ({@code Task.get_coro()})
     */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /**
     * Requests cancellation without a message: {@code Task.cancel()}.
     *
     * @return {@code false} if the task is already done, else {@code true}
     */
    @Override
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Requests cancellation: {@code Task.cancel(msg)}. If the task waits on a future, that future is
     * cancelled; otherwise the coroutine gets a {@link CancelledError} when it next runs. Every
     * accepted request adds one to {@link #cancelling()}, even a repeated one.
     *
     * @param message carried by the CancelledError, or {@code null}
     * @return {@code false} if the task is already done, else {@code true}
     */
    @Override
    public boolean cancel(String message) {
        clearUnretrieved();
        if (done()) {
            return false;
        }
        numCancelsRequested++;
        loop.instrumentCancelRequested(this, message);
        if (futWaiter != null && futWaiter.cancel(message)) {
            return true;
        }
        mustCancel = true;
        cancelMessage = message;
        return true;
    }

    /**
     * @return how many cancellation requests are pending, i.e. accepted by {@link #cancel} and not
     *     taken back by {@link #uncancel} ({@code Task.cancelling()}); not reset when the task ends
     */
    public int cancelling() {
        return numCancelsRequested;
    }

    /**
     * Takes back one cancellation request: {@code Task.uncancel()}. When the count reaches zero a
     * cancellation that has not been delivered yet is dropped (as in Python 3.13).
     *
     * @return the remaining count
     */
    public int uncancel() {
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
            if (numCancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return numCancelsRequested;
    }

    /**
     * Not supported on tasks, as in asyncio.
     *
     * @throws IllegalStateException always: {@code "Task does not support set_result operation"}
     */
    @Override
    public void setResult(T value) {
        throw new IllegalStateException("Task does not support set_result operation");
    }

    /**
     * Not supported on tasks, as in asyncio.
     *
     * @throws IllegalStateException always: {@code "Task does not support set_exception operation"}
     */
    @Override
    public void setException(Throwable error) {
        throw new IllegalStateException("Task does not support set_exception operation");
    }

    // --- stepping -------------------------------------------------------------------------------

    /**
     * The task whose coroutine is running on the calling thread right now.
     *
     * @param what the operation, for the error message
     * @throws IllegalStateException if the caller is not a coroutine body holding its loop's turn
     */
    static Task<?> runningOnThisThread(String what) {
        Task<?> task = COROUTINE.isBound() ? COROUTINE.get() : null;
        if (task == null || task.loop.currentTaskRaw() != task) {
            throw new IllegalStateException("await outside a coroutine: " + what
                    + " must be called from a coroutine body run by a Task (thread "
                    + Thread.currentThread() + ")");
        }
        return task;
    }

    /**
     * One step of the task, run as a loop callback: asyncio's {@code Task.__step}. Decides what to
     * throw into the coroutine and asks the loop to resume it.
     */
    void step(Throwable error) {
        if (done()) {
            throw new InvalidStateError("_step(): already done: " + this + ", " + Repr.repr(error));
        }
        if (mustCancel) {
            if (!(error instanceof CancelledError)) {
                error = makeCancelledError();
            }
            mustCancel = false;
        }
        futWaiter = null;
        if (error != null && !coro.isStarted()) {
            // Throwing into a coroutine that never started ends it at once: its body never runs.
            loop.beginStep(this);
            coro.close();
            finish(null, error);
            loop.endStep(this);
            return;
        }
        loop.requestResume(this, error);
    }

    /** Body of the coroutine's virtual thread. Runs with the loop's turn. */
    void runCoroutine() {
        T value = null;
        Throwable failure = null;
        try {
            value = coro.runBody();
        } catch (Throwable e) {
            failure = e;
        }
        thread = null;
        if (loop.isClosing()) {
            loop.coroutineUnwound(this);
            return;
        }
        finish(value, failure);
        loop.endStep(this);
        if (eagerCaller != null) {
            loop.eagerStepEnded(this, true);
            return;
        }
        loop.coroutineFinished(this);
    }

    /** Records the coroutine's outcome (the end of {@code __step}). */
    private void finish(T value, Throwable failure) {
        if (failure == null) {
            if (mustCancel) {
                mustCancel = false;
                super.cancel(cancelMessage);
            } else {
                super.setResult(value);
            }
        } else if (failure instanceof CancelledError ce) {
            cancelledExc = ce;
            super.cancel(null);
        } else {
            super.setException(failure);
            if (failure instanceof VirtualMachineError) {
                loop.fatalError(failure);
            }
        }
    }

    /** {@code await future} for a pending future of this loop. */
    void waitFor(Future<?> future) {
        future.addDoneCallback(wakeup);
        futWaiter = future;
        if (mustCancel && future.cancel(cancelMessage)) {
            mustCancel = false;
        }
        loop.suspend(this, future);
    }

    /** A bare yield ({@code sleep(0)}): run again on the next loop iteration. */
    void yieldNow() {
        loop.callSoonInternal(stepAction, "Task.taskStep()");
        loop.suspend(this, null);
    }

    /** Reschedules this task with {@code error} thrown at its current await (asyncio's bad-await path). */
    void yieldWithError(Throwable error) {
        loop.callSoonInternal(() -> step(error), "Task.taskStep()");
        loop.suspend(this, null);
    }

    Throwable takeResumeError() {
        Throwable e = resumeError;
        resumeError = null;
        return e;
    }

    @Override
    void onDone() {
        loop.taskDone(this);
    }

    private void clearUnretrieved() {
        // cancel() on a task forgets an unretrieved exception, as in asyncio.
        if (logTraceback()) {
            try {
                exception();
            } catch (RuntimeException ignored) {
                // cancelled or pending: nothing to forget
            }
        }
    }

    // --- repr -----------------------------------------------------------------------------------

    /**
     * asyncio's task repr, e.g.
     * {@code <Task pending name='Task-2' coro=<taskFunc() running at CreateTask.java:12>>} and
     * {@code <Task finished name='Task-2' coro=<taskFunc() done, defined at CreateTask.java:12> result='the result'>}.
     */
    @Override
    public String toString() {
        return super.toString();
    }

    /** A future's words with the state refined and name, coro and wait_for after it. */
    @Override
    List<String> reprInfo() {
        List<String> info = super.reprInfo();
        if (numCancelsRequested > 0 && !done()) {
            info.set(0, "cancelling");
        }
        List<String> taskInfo = new java.util.ArrayList<>(3);
        taskInfo.add("name=" + Repr.stringRepr(name));
        taskInfo.add("coro=<" + coro.describe(stackOfCoroutine()) + ">");
        if (futWaiter != null) {
            taskInfo.add("wait_for=" + futWaiter);
        }
        info.addAll(1, taskInfo);
        return info;
    }

    private StackTraceElement[] stackOfCoroutine() {
        Thread t = thread;
        if (t == null || coro.isClosed()) {
            return null;
        }
        return t == Thread.currentThread() ? new Throwable().getStackTrace() : t.getStackTrace();
    }
}
