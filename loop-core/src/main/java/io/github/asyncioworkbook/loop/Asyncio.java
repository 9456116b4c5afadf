package io.github.asyncioworkbook.loop;

import java.util.Set;

/**
 * The module-level functions of {@code asyncio}, as static methods: {@code import static
 * io.github.asyncioworkbook.loop.Asyncio.*;} then {@code sleep(0.1)}, {@code run(main())},
 * {@code getEventLoop()}.
 *
 * <p>Functions that are coroutines in Python ({@link #sleep}) are plain calls here that must be
 * made from a coroutine body: they wait where Python would {@code await}.
 */
public final class Asyncio {
    private static final ThreadLocal<EventLoop> EVENT_LOOP = new ThreadLocal<>();

    private Asyncio() {
    }

    // --- coroutines -----------------------------------------------------------------------------

    /**
     * Makes a coroutine object from a body: what calling an {@code async def} function does in
     * Python. Write coroutine functions as methods that return it:
     * <pre>{@code
     * Coroutine<String> taskFunc() {
     *     return async(() -> {
     *         IO.println("in taskFunc");
     *         return "the result";
     *     });
     * }
     * }</pre>
     * The coroutine is named after the method that wrote the lambda ({@code taskFunc}).
     *
     * @param body what the coroutine does; it runs only when a task steps it or it is awaited
     * @param <T> the result type
     * @return a coroutine that has not started
     */
    public static <T> Coroutine<T> async(Coroutine.Body<T> body) {
        return Coroutine.of(body);
    }

    /**
     * {@link #async(Coroutine.Body)} for a body that returns nothing ({@code None}).
     *
     * @param body what the coroutine does
     * @return a coroutine that has not started
     */
    public static Coroutine<Void> async(Coroutine.VoidBody body) {
        return Coroutine.of(body);
    }

    // --- event loops ----------------------------------------------------------------------------

    /**
     * The running loop when called from a coroutine or callback, else this thread's current loop,
     * created and set on first use: {@code asyncio.get_event_loop()} (Python 3.11, no warning).
     *
     * @return the loop
     */
    public static EventLoop getEventLoop() {
        EventLoop running = runningLoopOrNull();
        if (running != null) {
            return running;
        }
        EventLoop loop = EVENT_LOOP.get();
        if (loop == null) {
            loop = new EventLoop();
            EVENT_LOOP.set(loop);
        }
        return loop;
    }

    /**
     * {@code asyncio.get_running_loop()}.
     *
     * @return the loop running the calling coroutine or callback
     * @throws IllegalStateException {@code "no running event loop"}
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = runningLoopOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    /**
     * A new loop, with the clock chosen by {@link Clock#fromEnvironment()}: {@code asyncio.new_event_loop()}.
     *
     * @return the loop
     */
    public static EventLoop newEventLoop() {
        return new EventLoop();
    }

    /**
     * Makes {@code loop} this thread's current loop: {@code asyncio.set_event_loop(loop)}.
     *
     * @param loop the loop, or {@code null} to clear it
     */
    public static void setEventLoop(EventLoop loop) {
        if (loop == null) {
            EVENT_LOOP.remove();
        } else {
            EVENT_LOOP.set(loop);
        }
    }

    /**
     * Runs a coroutine on a new loop and closes the loop: {@code asyncio.run(main)}. The coroutine
     * becomes the main task ({@code Task-1} in a fresh program). Tasks still pending when it
     * returns are cancelled and waited for before the loop closes.
     *
     * @param main the coroutine
     * @param <T> result type
     * @return its result
     * @throws IllegalStateException {@code "asyncio.run() cannot be called from a running event loop"}
     */
    public static <T> T run(Coroutine<T> main) {
        if (runningLoopOrNull() != null) {
            throw new IllegalStateException("asyncio.run() cannot be called from a running event loop");
        }
        EventLoop loop = newEventLoop();
        setEventLoop(loop);
        try {
            return loop.runUntilComplete(loop.createTask(main));
        } finally {
            try {
                cancelAllTasks(loop);
            } finally {
                setEventLoop(null);
                loop.close();
            }
        }
    }

    private static void cancelAllTasks(EventLoop loop) {
        Set<Task<?>> toCancel = loop.allTasks();
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        Future<Void> all = loop.createFuture();
        int[] left = {toCancel.size()};
        for (Task<?> t : toCancel) {
            t.addDoneCallback(f -> {
                if (--left[0] == 0 && !all.done()) {
                    all.setResult(null);
                }
            });
        }
        loop.runUntilComplete(all);
        for (Task<?> t : toCancel) {
            if (t.cancelled()) {
                continue;
            }
            Throwable e = t.exception();
            if (e != null) {
                java.util.Map<String, Object> ctx = new java.util.LinkedHashMap<>();
                ctx.put("message", "unhandled exception during asyncio.run() shutdown");
                ctx.put("exception", e);
                ctx.put("task", t);
                loop.callExceptionHandler(ctx);
            }
        }
    }

    // --- tasks ----------------------------------------------------------------------------------

    /**
     * {@code asyncio.ensure_future(coro)}: wraps a coroutine in a task on the current loop.
     *
     * @param coro a coroutine that has not started
     * @param <T> result type
     * @return the new task
     */
    public static <T> Task<T> ensureFuture(Coroutine<T> coro) {
        return getEventLoop().createTask(coro);
    }

    /**
     * {@code asyncio.ensure_future(coro, loop=loop)}.
     *
     * @param coro a coroutine
     * @param loop the loop to run it on
     * @param <T> result type
     * @return the new task
     */
    public static <T> Task<T> ensureFuture(Coroutine<T> coro, EventLoop loop) {
        return loop.createTask(coro);
    }

    /**
     * {@code asyncio.ensure_future(future)}: a future or task is returned as it is.
     *
     * @param future a future or task
     * @param <T> result type
     * @return {@code future}
     */
    public static <T> Future<T> ensureFuture(Future<T> future) {
        return future;
    }

    /**
     * {@code asyncio.current_task()}.
     *
     * @return the running task, or {@code null} in a plain callback
     * @throws IllegalStateException {@code "no running event loop"}
     */
    public static Task<?> currentTask() {
        return getRunningLoop().currentTask();
    }

    /**
     * {@code asyncio.all_tasks()}: the running loop's tasks that are not done.
     *
     * @return a snapshot, in creation order
     * @throws IllegalStateException {@code "no running event loop"}
     */
    public static Set<Task<?>> allTasks() {
        return getRunningLoop().allTasks();
    }

    // --- sleeping -------------------------------------------------------------------------------

    /**
     * {@code await asyncio.sleep(delay)}: suspends the calling coroutine for {@code delay} seconds.
     * {@code sleep(0)} gives up control for exactly one loop iteration without a timer.
     *
     * @param delay seconds; zero or less means one iteration
     * @throws IllegalStateException when not called from a coroutine body
     * @throws CancelledError if the task is cancelled while sleeping
     */
    public static void sleep(double delay) {
        sleep(delay, null);
    }

    /**
     * {@code await asyncio.sleep(delay, result)}.
     *
     * @param delay seconds
     * @param result the value to return
     * @param <T> its type
     * @return {@code result}
     */
    public static <T> T sleep(double delay, T result) {
        Task<?> task = Task.runningOnThisThread("sleep()");
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
        }
        if (delay <= 0) {
            task.yieldNow();
            return result;
        }
        EventLoop loop = task.loop;
        Future<T> future = loop.createFuture();
        TimerHandle h = loop.callLater(delay, Future::setResultUnlessCancelled, future, result);
        try {
            return future.await();
        } finally {
            h.cancel();
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    static EventLoop runningLoopOrNull() {
        if (!EventLoop.RUNNING.isBound()) {
            return null;
        }
        EventLoop loop = EventLoop.RUNNING.get();
        return loop.isRunning() ? loop : null;
    }
}
