package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.ContinuationFiber;
import io.github.asyncioworkbook.loop.internal.Fiber;
import io.github.asyncioworkbook.loop.internal.Sneaky;
import jdk.internal.vm.Continuation;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

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
 * <p><b>Differences from asyncio.</b> A coroutine is stepped through a fiber (a continuation on the
 * loop's thread, or a virtual thread of its own; see {@link EventLoop}) that the loop resumes and
 * that hands control back at each {@code await}. Tasks are held strongly by their loop until done, so an unreferenced pending task is
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
     *  2. runnable: a step (stepAction or a wakeup) is in the loop's ready queue;
     *  3. running:  step() is on the stack and the loop's currentTask is this task.
     * step() is asyncio's __step: it decides what to throw into the coroutine, resumes the fiber,
     * and when the fiber ends records the outcome. Inside the coroutine, an await of a pending
     * future registers `wakeup`, sets futWaiter and suspends the fiber (suspend()); step() then
     * returns to the loop. The coroutine's outcome travels from the fiber body to step() through
     * `value` and `failure`.
     */

    /** Process-wide numbering of unnamed tasks, as CPython's {@code Task-N}. */
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Coroutine<T> coro;
    /** The N of {@code Task-N}; the name string is made only when asked for. */
    private final long number;
    /** Set by {@link #setName}; null while the name is {@code Task-N}. */
    private String name;
    /** Links of the loop's {@link PendingTasks} list. */
    Task<?> prevPending;
    Task<?> nextPending;
    boolean pendingLinked;
    /** The future this task waits for (state 1), else null. */
    Future<?> futWaiter;
    boolean mustCancel;
    private int numCancelsRequested;
    /** Runs the coroutine; null before the first step and after the last. */
    private Fiber fiber;
    /** What the next resume throws into the coroutine at its await; null to resume normally. */
    private Throwable resumeError;
    /** Set by {@link #unwind}: every await throws {@link CoroutineExit}. */
    private boolean unwinding;
    /** The coroutine's outcome, written by the fiber's body as it ends, read by step(). */
    private T value;
    private Throwable failure;
    /** Coroutines awaited inside each other in this task right now (see {@link RecursionError}). */
    int awaitDepth;
    /** Report "Task was destroyed but it is pending!" if still pending when the loop closes. */
    boolean logDestroyPending = true;
    /** The task's wakeup callback and its fiber's body, in one object (see {@link Wakeup}). */
    final Wakeup<T> wakeup = new Wakeup<>(this);

    Task(EventLoop loop, Coroutine<T> coro, boolean eager) {
        super(loop);
        this.coro = java.util.Objects.requireNonNull(coro, "coro");
        coro.claim(loop);
        this.number = COUNTER.incrementAndGet();
        if (!eager) {
            loop.callSoonForTask(this);
            loop.registerTask(this);
        }
    }

    /**
     * The two things a task hands out that live as long as it does, in one object because every
     * pending task holds both: as a {@link DoneCallback}, the callback that resumes the task when the
     * future it awaits is done ({@code Task.task_wakeup} in CPython); as a {@link Runnable}, its
     * fiber's body, which runs the coroutine and leaves its outcome for {@link #step}.
     *
     * <p>{@link #run()} stays under the coroutine's frames while the task is suspended, so it calls
     * the body itself rather than through a Coroutine method and leaves the rest to methods of its
     * own: each frame, and each value a frame holds across its calls, is kept in the suspended
     * task's stack chunk (see {@link Task#suspend}).
     *
     * @param <T> the task's result type
     */
    static final class Wakeup<T> implements DoneCallback<Object>, Runnable {
        private final Task<T> task;

        Wakeup(Task<T> task) {
            this.task = task;
        }

        /** {@return the task this callback wakes} */
        Task<T> task() {
            return task;
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

        @Override
        public void run() {
            Task<T> t = task;
            Coroutine<T> c = t.coro;
            if (t.begin(c)) {
                try {
                    Coroutine.Body<T> b = c.body();
                    if (b != null) {
                        t.value = b.call();
                    } else {
                        c.voidBody().run();
                    }
                } catch (Throwable e) {
                    t.failed(e);
                }
                c.end();
            }
        }
    }

    // --- public API -----------------------------------------------------------------------------

    /**
     * @return the task's name, {@code Task-N} unless set ({@code Task.get_name()})
     */
    public String getName() {
        String n = name;
        return n != null ? n : "Task-" + number;
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
        loop.cancelRequested(this, message);
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
     * Takes back one cancellation request: {@code Task.uncancel()}. As in CPython 3.11, only the count
     * changes: a cancellation that has been requested but not delivered yet is still delivered at the
     * task's next step, even when the count reaches zero (3.13 drops it; loop-core follows 3.11).
     *
     * @return the remaining count
     */
    public int uncancel() {
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
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
     * @throws IllegalStateException if the caller is not a coroutine body run by a task
     */
    static Task<?> runningOnThisThread(String what) {
        EventLoop loop = EventLoop.runningOnThisThread();
        Task<?> task = loop == null ? null : loop.currentTask();
        if (task == null || !loop.isOwnerThread()) {
            throw new IllegalStateException("await outside a coroutine: " + what
                    + " must be called from a coroutine body run by a Task (thread "
                    + Thread.currentThread() + ")");
        }
        return task;
    }

    /**
     * One step of the task, run as a loop callback: asyncio's {@code Task.__step}. Decides what to
     * throw into the coroutine, runs it until it awaits or ends, and records how it ended.
     *
     * @throws Error the coroutine's exit ({@link BaseExceptions}), after recording it as the
     *     task's exception
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
        Throwable exit;
        loop.enterTask(this);
        try {
            exit = error != null && !coro.isStarted() ? failUnstarted(error) : resume(error);
        } finally {
            loop.leaveTask(this);
        }
        if (exit != null) {
            throw (Error) exit;
        }
    }

    /** Throwing into a coroutine that never started ends it at once: its body never runs. */
    private Throwable failUnstarted(Throwable error) {
        coro.close();
        return finish(null, error);
    }

    private Throwable resume(Throwable error) {
        if (fiber == null) {
            fiber = loop.runner().newFiber(wakeup);
        }
        resumeError = error;
        boolean ended = fiber.resume();
        loop.claimThread();
        if (!ended) {
            return null;
        }
        fiber = null;
        T v = value;
        Throwable f = failure;
        value = null;
        failure = null;
        return finish(v, f);
    }

    /** The fiber's body starts: false (with the failure recorded) if the coroutine cannot run. */
    private boolean begin(Coroutine<T> c) {
        loop.bindCoroutineThread();
        loop.claimThread();
        try {
            c.begin(this);
            return true;
        } catch (IllegalStateException e) {
            failure = e;
            return false;
        }
    }

    private void failed(Throwable e) {
        failure = e instanceof StackOverflowError soe ? new RecursionError("maximum recursion depth exceeded", soe) : e;
    }

    /**
     * Records the coroutine's outcome (the end of {@code __step}).
     *
     * @return {@code failure} when it is an exit that must propagate out of the loop, else null
     */
    private Throwable finish(T result, Throwable failure) {
        if (failure == null) {
            if (mustCancel) {
                mustCancel = false;
                super.cancel(cancelMessage);
            } else {
                super.setResult(result);
            }
            return null;
        }
        if (failure instanceof CancelledError ce) {
            cancelledExc = ce;
            super.cancel(null);
            return null;
        }
        super.setException(failure);
        return BaseExceptions.isExit(failure) ? failure : null;
    }

    /** A bare yield ({@code sleep(0)}): run again on the next loop iteration. */
    void yieldNow() {
        loop.callSoonForTask(this);
        suspend(null);
    }

    /** Reschedules this task with {@code error} thrown at its current await (asyncio's bad-await path). */
    void yieldWithError(Throwable error) {
        loop.callSoonForTask(() -> step(error), this);
        suspend(null);
    }

    /**
     * Gives control back to the loop until the next step, then throws what that step decided. With
     * {@code awaiting}, a pending future of this loop, it is {@code await future}: the task's wakeup
     * is added to the future first. Without (null), the caller has scheduled the next step already.
     *
     * <p>A suspended task keeps every frame between its fiber's entry and the yield in its stack
     * chunk, the bulk of a pending task's memory. So the frames on that path are few and small:
     * {@link Future#await()} writes this method out rather than calling it, the continuation's yield
     * is made here rather than in {@code ContinuationFiber.suspend()}, and the work before and after
     * the yield is in methods of their own ({@link #beforeSuspend}, {@link #afterResume}), so this
     * frame holds few values across its calls. The same goes for {@link Wakeup#run()}.
     *
     * @throws CoroutineExit when the loop closes meanwhile
     */
    void suspend(Future<?> awaiting) {
        beforeSuspend(awaiting);
        Fiber f = fiber;
        if (f.yieldsDirectly()) {
            f.checkSuspend();
            Continuation.yield(ContinuationFiber.SCOPE);
        } else {
            f.suspend();
        }
        afterResume();
    }

    /** {@return the fiber running this task's coroutine} Only valid while the coroutine runs. */
    Fiber fiber() {
        return fiber;
    }

    /** The first half of {@link #suspend}: wait for {@code awaiting} (if not null), unless unwinding. */
    void beforeSuspend(Future<?> awaiting) {
        if (awaiting != null) {
            awaiting.addDoneCallback(wakeup);
            futWaiter = awaiting;
            if (mustCancel && awaiting.cancel(cancelMessage)) {
                mustCancel = false;
            }
        }
        if (unwinding) {
            throw new CoroutineExit();
        }
        loop.taskSuspended(this, awaiting);
    }

    /** The second half of {@link #suspend}: back on the loop's thread, throw what the step decided. */
    void afterResume() {
        loop.claimThread();
        if (unwinding) {
            throw new CoroutineExit();
        }
        Throwable e = resumeError;
        if (e != null) {
            resumeError = null;
            throw Sneaky.rethrow(e);
        }
    }

    /**
     * Closes a coroutine that is suspended in the middle (the loop is closing): resumes it with
     * {@link CoroutineExit} thrown at its await, so its {@code finally} blocks run, and forgets its
     * outcome. Python's {@code coro.close()}, which throws {@code GeneratorExit}.
     */
    void unwind() {
        Fiber f = fiber;
        if (f == null || !f.isStarted() || f.isDone()) {
            return;
        }
        unwinding = true;
        loop.enterTask(this);
        try {
            f.resume();
        } finally {
            loop.claimThread();
            loop.leaveTask(this);
            fiber = null;
            value = null;
            failure = null;
        }
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
        taskInfo.add("name=" + Repr.stringRepr(getName()));
        taskInfo.add("coro=<" + coro.describe(stackOfCoroutine()) + ">");
        if (futWaiter != null) {
            taskInfo.add("wait_for=" + futWaiter);
        }
        info.addAll(1, taskInfo);
        return info;
    }

    /** The frames of the running or suspended coroutine, innermost first; null when it has none. */
    StackTraceElement[] stackOfCoroutine() {
        Fiber f = fiber;
        if (f == null || coro.isClosed()) {
            return null;
        }
        return f.stackTrace();
    }

    @Override
    Supplier<String> finishedRepr() {
        String n = getName();
        Coroutine<T> c = coro;
        String info = resultInfo();
        String created = createdAt();
        return () -> "<Task finished name=" + Repr.stringRepr(n) + " coro=<" + c.describe(null) + "> " + info
                + (created == null ? "" : " created at " + created) + ">";
    }
}
