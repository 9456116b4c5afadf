package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.io.Serializable;

/**
 * A coroutine object: asyncio's {@code coroutine}, the value that calling an {@code async def}
 * function returns. Its body runs only when a {@link Task} steps it, or when another coroutine
 * {@linkplain #await() awaits} it; it can run once.
 *
 * <p>In Java a coroutine function is a method that returns {@code Coroutine<T>}, built with
 * {@link Asyncio#async(Body)}:
 * <pre>{@code
 * Coroutine<String> taskFunc() {
 *     return async(() -> {
 *         IO.println("in taskFunc");
 *         return "the result";
 *     });
 * }
 * ...
 * var task = loop.createTask(taskFunc());     // loop.create_task(task_func())
 * String value = task.await();                  // value = await task
 * }</pre>
 * The coroutine's name in reprs is the method that built it ({@code taskFunc}). A method reference
 * works too ({@code Coroutine.of(this::taskFunc)} for a plain {@code String taskFunc()} body) and
 * is named after the method; {@link #named} gives a name explicitly.
 *
 * <p><b>Differences from asyncio.</b> Inside a coroutine, awaiting another coroutine is a plain
 * Java call: the body runs inside the awaiting task's fiber, so a method that awaits can be
 * called directly ({@code phase1()} for {@code await phase1()} when {@code phase1} returns a plain
 * value), or via {@link #await()} when it returns a {@code Coroutine}. A coroutine that is never
 * started or {@linkplain #close() closed} is reported when the JVM collects it, as CPython reports it
 * when it is destroyed: {@code RuntimeWarning: coroutine 'f' was never awaited}, with
 * "Coroutine created at (most recent call last)" and the creating stack when it was created while an
 * event loop in debug mode ran on the thread (see {@link Warnings}); the JVM collects later than
 * CPython, so the warning comes later. Awaiting
 * coroutines inside each other more than {@link RecursionError#DEFAULT_LIMIT} deep raises
 * {@link RecursionError}, as CPython's recursion limit does.
 *
 * <p><b>Threading.</b> Bodies run one at a time, stepped by their task on the event loop's thread
 * (see {@link EventLoop}). Do not await inside a {@code synchronized} block or while holding a
 * {@code java.util.concurrent} lock: other coroutines run while this one waits.
 *
 * @param <T> the type of the value the body returns
 */
public final class Coroutine<T> {

    /**
     * A coroutine body that returns a value. Serializable so that its name and source line can be
     * read for reprs.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Body<T> extends Serializable {
        /**
         * Runs the body.
         *
         * @return the coroutine's result
         * @throws Exception any failure, which becomes the task's exception
         */
        T call() throws Exception;
    }

    /** A coroutine body that returns nothing (Python's {@code None}). */
    @FunctionalInterface
    public interface VoidBody extends Serializable {
        /**
         * Runs the body.
         *
         * @throws Exception any failure, which becomes the task's exception
         */
        void run() throws Exception;
    }

    /**
     * Where a coroutine is in its life: Python's {@code inspect.getcoroutinestate()} values.
     */
    public enum State {
        /** Not started: {@code CORO_CREATED}. */
        CREATED,
        /** Its body is executing now: {@code CORO_RUNNING}. */
        RUNNING,
        /** Started, waiting at an await: {@code CORO_SUSPENDED}. */
        SUSPENDED,
        /** Returned, raised, or closed before it started: {@code CORO_CLOSED} ({@code cr_frame is None}). */
        CLOSED
    }

    /** Lifecycle: CREATED -> STARTED -> ENDED, or CREATED -> ENDED by {@link #close()}. */
    private enum Phase { CREATED, STARTED, ENDED }

    /**
     * The body, or null when {@code origin} is a {@link VoidBody} run as is: no wrapping lambda, so
     * one frame fewer under every await (each frame of a suspended coroutine is kept in its stack
     * chunk, the bulk of a pending task's memory).
     */
    private final Body<T> body;
    /** The lambda or method reference the name and lines are read from. */
    private final Object origin;
    private final String explicitName;
    /** Read lazily: only reprs and instruments need it. Written and read under the loop's turn. */
    private FunctionInfo info;
    private Phase phase = Phase.CREATED;
    /** The task whose fiber runs this coroutine once started. */
    private Task<?> task;
    /** Where it was created, kept while a loop in debug mode runs on the creating thread ({@code cr_origin}). */
    private final ObjectOrigin createdAt;
    /** A task owns it: the task starts it, or closes it if it never steps. */
    private boolean claimed;
    /** Reports this coroutine if the JVM collects it before it starts or closes; null while not followed. */
    private NeverAwaited neverAwaited;

    private Coroutine(Body<T> body, Object origin, String explicitName) {
        this.body = body;
        this.origin = origin;
        this.explicitName = explicitName;
        EventLoop loop = EventLoop.runningOnThisThread();
        this.createdAt = loop != null && loop.getDebug() ? ObjectOrigin.capture() : null;
        if (loop == null) {
            neverAwaited = NeverAwaited.follow(this, origin, explicitName, null);
        } else {
            loop.youngCoroutines().add(this);  // followed at the next iteration unless started or claimed by then
        }
    }

    /**
     * A coroutine running {@code body}, named after the method that wrote the lambda, or after the
     * referenced method for a method reference.
     *
     * @param body the body
     * @param <T> result type
     * @return a new, not yet started coroutine
     */
    public static <T> Coroutine<T> of(Body<T> body) {
        return new Coroutine<>(body, body, null);
    }

    /**
     * A coroutine running a body that returns nothing; its result is {@code null} ({@code None}).
     *
     * @param body the body
     * @return a new, not yet started coroutine
     */
    public static Coroutine<Void> of(VoidBody body) {
        return new Coroutine<>(null, body, null);
    }

    /**
     * A coroutine with an explicit name, for lambdas whose place does not name them well.
     *
     * @param name the name shown in reprs, e.g. {@code phase}
     * @param body the body
     * @param <T> result type
     * @return a new, not yet started coroutine
     */
    public static <T> Coroutine<T> named(String name, Body<T> body) {
        return new Coroutine<>(body, body, name);
    }

    /**
     * Runs this coroutine's body inline in the calling coroutine and returns its result: Python's
     * {@code await coro} for a coroutine object. Takes no loop iteration by itself.
     *
     * @return the body's result
     * @throws IllegalStateException if not called from a coroutine body, or if this coroutine was
     *     already started ({@code "cannot reuse already awaited coroutine"})
     * @throws RecursionError when coroutines are awaited inside each other deeper than the
     *     recursion limit, or deeper than the thread's stack allows (see {@link RecursionError})
     */
    public T await() {
        Task<?> caller = Task.runningOnThisThread("Coroutine.await()");
        if (caller.awaitDepth >= RecursionError.LIMIT) {
            throw new RecursionError("maximum recursion depth exceeded (" + RecursionError.LIMIT
                    + " coroutines awaited inside each other; see RecursionError for the limit)");
        }
        caller.awaitDepth++;
        try {
            return runBody(caller);
        } catch (StackOverflowError e) {
            throw new RecursionError("maximum recursion depth exceeded (the stack of the thread running "
                    + "the event loop is full; see RecursionError for -Xss)", e);
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        } finally {
            caller.awaitDepth--;
        }
    }

    /**
     * Python's {@code inspect.getcoroutinestate(coro)}.
     *
     * @return the state now
     */
    public State getState() {
        return switch (phase) {
            case CREATED -> State.CREATED;
            case ENDED -> State.CLOSED;
            case STARTED -> task != null && task.getLoop().currentTask() == task ? State.RUNNING : State.SUSPENDED;
        };
    }

    /**
     * Python's {@code coro.close()} for a coroutine that has not started or has ended: a created
     * coroutine is closed without running (and can no longer be awaited); a closed one is left as
     * it is.
     *
     * @throws IllegalStateException for a running coroutine ({@code "coroutine already executing"},
     *     Python's ValueError) and for a suspended one: it belongs to a task, so cancel the task
     *     instead (a difference from Python, which throws GeneratorExit into it)
     */
    public void close() {
        switch (getState()) {
            case CREATED -> {
                phase = Phase.ENDED;
                consumed();
            }
            case CLOSED -> { }
            case RUNNING -> throw new IllegalStateException("coroutine already executing");
            case SUSPENDED -> throw new IllegalStateException("cannot close a suspended coroutine: it runs in task "
                    + task.getName() + "; cancel the task instead");
        }
    }

    /** {@return the name shown in reprs, e.g. {@code taskFunc}} */
    public String getName() {
        return explicitName != null ? explicitName : info().name();
    }

    /**
     * Runs the body inline for {@code owner}'s coroutine {@code await} ({@link #await()}); may be
     * called once. A task's fiber runs its own coroutine through {@link #begin}, {@link #body()} and
     * {@link #end()} instead, so that no frame of this class stays under the body's awaits.
     */
    T runBody(Task<?> owner) throws Exception {
        begin(owner);
        try {
            if (body != null) {
                return body.call();
            }
            ((VoidBody) origin).run();
            return null;
        } finally {
            end();
        }
    }

    /**
     * The body is about to run, in {@code owner}: CREATED -> STARTED.
     *
     * @throws IllegalStateException if it was started or closed before
     */
    void begin(Task<?> owner) {
        if (phase != Phase.CREATED) {
            throw new IllegalStateException("cannot reuse already awaited coroutine");
        }
        phase = Phase.STARTED;
        consumed();
        task = owner;
    }

    /** {@return the body that returns a value, or {@code null} when it is {@link #voidBody()}} */
    Body<T> body() {
        return body;
    }

    /** {@return the body that returns nothing; only valid when {@link #body()} is {@code null}} */
    VoidBody voidBody() {
        return (VoidBody) origin;
    }

    /** The body returned or threw: STARTED -> ENDED. */
    void end() {
        phase = Phase.ENDED;
        task = null;  // a finished task must not stay reachable through its coroutine
    }

    /**
     * A task of {@code loop} now owns this coroutine (it will start it or, if it never steps, close
     * it), so the loop's never-awaited check can forget it at once.
     */
    void claim(EventLoop loop) {
        claimed = true;
        loop.youngCoroutines().claimed(this);
    }

    /** The loop's iteration ended: follow this coroutine if nobody started, closed or claimed it. */
    void followIfUnclaimed() {
        if (phase == Phase.CREATED && !claimed && neverAwaited == null) {
            neverAwaited = NeverAwaited.follow(this, origin, explicitName, createdAt);
        }
    }

    private void consumed() {
        NeverAwaited n = neverAwaited;
        if (n != null) {
            n.consumed();
        }
    }

    boolean isStarted() {
        return phase != Phase.CREATED;
    }

    boolean isClosed() {
        return phase == Phase.ENDED;
    }

    FunctionInfo info() {
        FunctionInfo i = info;
        if (i == null) {
            i = FunctionInfo.ofCoroutineBody(origin);
            info = i;
        }
        return i;
    }

    /**
     * The {@code coro=<...>} part of a task repr: {@code taskFunc() running at F.java:L} while the
     * coroutine can still run, {@code taskFunc() done, defined at F.java:L} once it is finished.
     *
     * @param stack the stack of the thread running this coroutine, or {@code null} if none
     */
    String describe(StackTraceElement[] stack) {
        FunctionInfo fi = info();
        String file = fi.fileName() == null ? "?" : fi.fileName();
        if (phase == Phase.ENDED) {
            return getName() + "() done, defined at " + file + ":" + fi.declarationLine();
        }
        int line = stack == null ? 0 : fi.lineIn(stack);
        return getName() + "() running at " + file + ":" + (line > 0 ? line : fi.declarationLine());
    }

    /** Python's {@code <coroutine object taskFunc at 0x...>}. */
    @Override
    public String toString() {
        return "<coroutine object " + getName() + " at 0x"
                + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
