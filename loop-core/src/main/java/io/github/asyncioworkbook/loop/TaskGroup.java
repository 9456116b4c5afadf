package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured concurrency: asyncio's {@code asyncio.TaskGroup} (Python 3.11). Tasks created in the
 * group are all finished when the block ends; if one fails, the others and the block are
 * cancelled and the errors are raised together.
 *
 * <pre>{@code
 * var tg = new TaskGroup();          // async with asyncio.TaskGroup() as tg:
 * tg.asyncWith(() -> {
 *     tg.createTask(work(1));        //     tg.create_task(work(1))
 *     tg.createTask(work(2));
 * });                                // both tasks are done here
 * }</pre>
 *
 * <p><b>Why a lambda.</b> Leaving the block waits for the children and replaces the block's
 * exception with an {@link ExceptionGroup}; Java's try-with-resources {@code close()} can do
 * neither faithfully (see {@link Timeout}), so {@link #asyncWith(Coroutine.Body)} runs the block.
 *
 * <p><b>Guarantees</b> (CPython 3.11):
 * <ul>
 * <li>{@code asyncWith} returns only when every task of the group is done.</li>
 * <li>When a child fails (with anything but {@link CancelledError}), all other children that are
 *     not done are cancelled and the parent task (the one running the block) is cancelled once,
 *     so the block's current await throws CancelledError. On the way out that cancellation is
 *     taken back ({@link Task#uncancel()}), so {@link Task#cancelling()} is as before.</li>
 * <li>Errors are raised as {@code ExceptionGroup("unhandled errors in a TaskGroup", errors)}:
 *     the children's errors in the order they occurred, then the block's own exception if it
 *     was not a CancelledError. {@link Error}s (Python's KeyboardInterrupt/SystemExit) are
 *     rethrown bare.</li>
 * <li>If the parent task is cancelled from outside while the block or the exit waits, the
 *     children are cancelled and the CancelledError propagates (unless children failed).</li>
 * <li>{@link #createTask} throws {@link IllegalStateException} before the block, after it, and
 *     while the group is shutting down. Children are cancelled in creation order (Python uses
 *     set order).</li>
 * </ul>
 *
 * <p>Not thread-safe: use it from its loop's coroutines and callbacks only.
 */
public final class TaskGroup {
    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private EventLoop loop;
    private Task<?> parentTask;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private Future<Boolean> onCompletedFut;

    /** A group that has not been entered ({@code asyncio.TaskGroup()}). */
    public TaskGroup() {
    }

    /**
     * Runs {@code body} as the block of {@code async with this:} and waits for every task of the
     * group.
     *
     * @param body the block; it runs in the calling coroutine (the parent task), so it may await
     * @param <T> the value type
     * @return what {@code body} returned
     * @throws ExceptionGroup if children (or the block) failed
     * @throws CancelledError if the parent task was cancelled from outside
     * @throws IllegalStateException {@code "TaskGroup <...> has already been entered"},
     *     {@code "TaskGroup <...> cannot determine the parent task"}, {@code "no running event loop"}
     */
    public <T> T asyncWith(Coroutine.Body<T> body) {
        return AsyncWith.run(this::enter, this::exit, body);
    }

    /**
     * Runs {@code body} as the block of {@code async with this:} and waits for every task of the
     * group.
     *
     * @param body the block; it runs in the calling coroutine (the parent task), so it may await
     * @throws ExceptionGroup if children (or the block) failed
     * @throws CancelledError if the parent task was cancelled from outside
     */
    public void asyncWith(Coroutine.VoidBody body) {
        AsyncWith.run(this::enter, this::exit, body);
    }

    /**
     * Starts a task in the group: {@code tg.create_task(coro)}.
     *
     * @param coro the coroutine
     * @param <T> result type
     * @return the task
     * @throws IllegalStateException {@code "TaskGroup <...> has not been entered"},
     *     {@code "... is finished"}, {@code "... is shutting down"}
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * Starts a named task in the group: {@code tg.create_task(coro, name=name)}.
     *
     * @param coro the coroutine
     * @param name the task's name, or {@code null} for {@code Task-N}
     * @param <T> result type
     * @return the task
     * @throws IllegalStateException as {@link #createTask(Coroutine)}
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        if (!entered) {
            throw new IllegalStateException("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name);
        task.addDoneCallback(this::onTaskDone);
        tasks.add(task);
        return task;
    }

    // --- __aenter__ / __aexit__ ------------------------------------------------------------------

    private void enter() {
        if (entered) {
            throw new IllegalStateException("TaskGroup " + this + " has already been entered");
        }
        if (loop == null) {
            loop = Asyncio.getRunningLoop();
        }
        parentTask = loop.currentTask();
        if (parentTask == null) {
            throw new IllegalStateException("TaskGroup " + this + " cannot determine the parent task");
        }
        entered = true;
    }

    /** {@code __aexit__}: waits for the children, then throws what replaces {@code exc}, or returns. */
    private void exit(Throwable exc) {
        exiting = true;
        if (exc != null && isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        Throwable propagateCancellationError = exc instanceof CancelledError ? exc : null;
        if (parentCancelRequested) {
            // The cancellation we requested has done its job.
            if (parentTask.uncancel() == 0) {
                propagateCancellationError = null;
            }
        }
        if (exc != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            if (onCompletedFut == null) {
                onCompletedFut = loop.createFuture();
            }
            try {
                onCompletedFut.await();
            } catch (CancelledError ex) {
                if (!aborting) {
                    // The parent task was cancelled from outside while waiting for the children.
                    propagateCancellationError = ex;
                    abort();
                }
            }
            onCompletedFut = null;
        }
        if (baseError != null) {
            throw Sneaky.rethrow(baseError);
        }
        if (propagateCancellationError != null && errors.isEmpty()) {
            throw Sneaky.rethrow(propagateCancellationError);
        }
        if (exc != null && !(exc instanceof CancelledError)) {
            errors.add(exc);
        }
        if (!errors.isEmpty()) {
            ExceptionGroup group = new ExceptionGroup("unhandled errors in a TaskGroup", errors);
            errors = null;
            throw group;
        }
    }

    /** Python's KeyboardInterrupt and SystemExit: here, {@link Error}s. */
    private static boolean isBaseError(Throwable exc) {
        return BaseExceptions.isExit(exc);
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Future<?> task) {
        tasks.remove(task);
        if (onCompletedFut != null && tasks.isEmpty() && !onCompletedFut.done()) {
            onCompletedFut.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable exc = task.exception();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        if (parentTask.done()) {
            // Not expected: the parent ends only after all children.
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Task " + task + " has errored out but its parent task " + parentTask
                    + " is already completed");
            ctx.put("exception", exc);
            ctx.put("task", task);
            loop.callExceptionHandler(ctx);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // First failure: cancel the other children and the block (once).
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    /**
     * asyncio's repr: {@code <TaskGroup tasks=2 errors=1 cancelling>}, {@code <TaskGroup entered>},
     * {@code <TaskGroup>}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            s.append(" tasks=").append(tasks.size());
        }
        if (errors != null && !errors.isEmpty()) {
            s.append(" errors=").append(errors.size());
        }
        if (aborting) {
            s.append(" cancelling");
        } else if (entered) {
            s.append(" entered");
        }
        return s.append('>').toString();
    }
}
