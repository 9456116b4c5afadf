package io.github.asyncioworkbook.loop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An event loop: asyncio's {@code asyncio.AbstractEventLoop} / {@code BaseEventLoop}. It runs
 * callbacks ({@link #callSoon}, {@link #callLater}, {@link #callAt}) and the steps of
 * {@linkplain Task tasks}, one at a time, in a fixed order.
 *
 * <h2>Ordering guarantees</h2>
 * <ul>
 * <li>The ready queue is FIFO: callbacks run in the order they were scheduled.</li>
 * <li>A callback scheduled while an iteration runs waits for the next iteration (each iteration
 *     runs only what was ready when it started), as in CPython's {@code _run_once}.</li>
 * <li>Timers run in deadline order, after the callbacks that were already ready. A timer is due
 *     when its deadline is earlier than {@code time() + 1e-9}.</li>
 * <li>Timers with the same deadline run in the order they were scheduled. <b>This differs from
 *     CPython</b>, whose heap leaves equal deadlines in no documented order; FIFO makes lesson
 *     output reproducible (uvloop and kotlinx-coroutines-test choose FIFO as well).</li>
 * <li>Done callbacks of a future never run inline: they are scheduled with {@code callSoon}.</li>
 * </ul>
 *
 * <h2>Threading and memory effects</h2>
 * Coroutines run on virtual threads. The loop has a single <em>turn</em>: at every moment exactly
 * one thread holds it, and only that thread runs callbacks or a coroutine body. A coroutine gives
 * the turn away only inside {@code await}; the thread giving it away then runs the loop itself
 * until it reaches the next coroutine to resume, and hands the turn straight to that coroutine's
 * thread (one park/unpark per switch). Handing over the turn writes a volatile field that the new
 * holder reads, so everything done before a hand-over is visible after it. Output is therefore the
 * same on every run. When {@code runForever}/{@code runUntilComplete} is called from a platform
 * thread, the loop runs on a virtual thread that the caller joins. A coroutine that blocks
 * ({@code Thread.sleep}, blocking I/O) blocks the whole loop, as in asyncio. Only
 * {@link #callSoonThreadsafe} may be called from other threads.
 *
 * <h2>Virtual time</h2>
 * With a {@link Clock.Virtual} clock (chosen with {@code -Dloopcore.clock=virtual} or
 * {@code LOOPCORE_CLOCK=virtual}, see {@link Clock#fromEnvironment()}) the loop never sleeps: when
 * nothing is ready it moves time to the next timer's deadline.
 *
 * <p><b>Differences from asyncio.</b> No I/O, signals or executors yet. Unretrieved exceptions and
 * pending tasks are reported when the loop closes instead of when garbage is collected.
 */
public final class EventLoop implements AutoCloseable {
    /*
     * Implementation overview
     *
     * drive() is the only place callbacks run. Whoever holds the turn (`turn`, see Turn) runs it:
     * the thread that called runForever (the driver) or a coroutine thread that just awaited.
     * Each pass of drive() takes the next ready handle and runs it; a task step only records which
     * task to resume (requestResume), and drive() then either returns (the task is the caller's
     * own) or passes the turn to that task's thread (switchTo). Iteration boundaries follow
     * CPython's _run_once: `remaining` counts the handles that were ready when the iteration began.
     *
     * Field ownership: all fields are owned by the turn holder unless marked volatile or shared
     * below; the turn changes hands only through Turn.passTo.
     */

    /** The loop's clock resolution, as {@code time.get_clock_info('monotonic').resolution}. */
    private static final double CLOCK_RESOLUTION = 1e-9;
    private static final double MAX_IDLE = 86400.0;

    private static final ThreadFactory COROUTINE_THREADS = Thread.ofVirtual().factory();

    /** The loop running on the current thread (driver or coroutine thread). */
    static final ScopedValue<EventLoop> RUNNING = ScopedValue.newInstance();

    private final Clock clock;

    // --- owned by the turn holder
    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    private final PriorityQueue<TimerHandle> scheduled = new PriorityQueue<>();
    private int timerCancelledCount;
    private long timerSequence;
    private boolean stopping;
    private boolean inIteration;
    private int remaining;
    private Task<?> currentTask;
    private Task<?> resumeTarget;
    private Throwable fatal;
    private Thread driver;
    private boolean closing;
    private Thread closer;
    private boolean debug;
    private boolean eagerTasks;
    private Instrument instrument;
    private final List<Instrument> instruments = new ArrayList<>();
    private ExceptionHandler exceptionHandler;
    private final Set<Task<?>> pendingTasks = new LinkedHashSet<>();
    private final Set<Future<?>> unretrieved = new LinkedHashSet<>();
    /** Coroutine threads that finished; joined before runForever returns. */
    private final List<Thread> exitedThreads = new ArrayList<>();

    // --- shared with other threads
    private final Turn turn = new Turn();
    private volatile boolean running;
    private volatile boolean closed;
    private final ConcurrentLinkedQueue<Handle> threadsafe = new ConcurrentLinkedQueue<>();
    private final AtomicInteger externalWork = new AtomicInteger();

    /**
     * A handler for errors the loop cannot raise anywhere: {@code loop.set_exception_handler}'s
     * {@code handler(loop, context)}.
     */
    @FunctionalInterface
    public interface ExceptionHandler {
        /**
         * @param loop the loop
         * @param context keys as in asyncio: {@code message} (always), and some of
         *     {@code exception}, {@code future}, {@code task}, {@code handle}
         */
        void handle(EventLoop loop, Map<String, Object> context);
    }

    /**
     * A loop whose clock is chosen by {@link Clock#fromEnvironment()}: {@code asyncio.new_event_loop()}.
     */
    public EventLoop() {
        this(Clock.fromEnvironment());
    }

    /**
     * A loop with the given clock.
     *
     * @param clock its time source
     */
    public EventLoop(Clock clock) {
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
        Tracing.attachIfRequested(this);
        if (Log.isEnabled(Log.Level.DEBUG)) {
            Log.debug("asyncio", "Using selector: " + SelectorName.NAME);
        }
    }

    /**
     * The platform's NIO selector under its Java name ({@code EPollSelector} on Linux, from
     * {@code EPollSelectorProvider}; Python's {@code selectors} calls it {@code EpollSelector}); logged
     * at DEBUG when a loop is created, as asyncio logs its selector.
     */
    private static final class SelectorName {
        static final String NAME = name();

        private static String name() {
            String provider = java.nio.channels.spi.SelectorProvider.provider().getClass().getSimpleName();
            return provider.endsWith("Provider") ? provider.substring(0, provider.length() - "Provider".length()) : provider;
        }
    }

    // =============================================================================================
    // Scheduling
    // =============================================================================================

    /**
     * Schedules {@code callback} to run on the next loop iteration: {@code loop.call_soon(callback)}.
     *
     * @param callback the function
     * @return a handle that can cancel it
     * @throws IllegalStateException {@code "Event loop is closed"}
     */
    public Handle callSoon(Callback callback) {
        return addReady(new Handle(this, runnable(callback), callback, null, null));
    }

    /**
     * {@code loop.call_soon(callback, arg)}.
     *
     * @param callback the function
     * @param arg its argument
     * @param <A> argument type
     * @return a handle that can cancel it
     */
    public <A> Handle callSoon(Callback.Arg1<A> callback, A arg) {
        return addReady(new Handle(this, runnable(() -> callback.run(arg)), callback, new Object[] {arg}, null));
    }

    /**
     * {@code loop.call_soon(callback, a, b)}.
     *
     * @param callback the function
     * @param a first argument
     * @param b second argument
     * @param <A> first argument type
     * @param <B> second argument type
     * @return a handle that can cancel it
     */
    public <A, B> Handle callSoon(Callback.Arg2<A, B> callback, A a, B b) {
        return addReady(new Handle(this, runnable(() -> callback.run(a, b)), callback, new Object[] {a, b}, null));
    }

    /**
     * Schedules {@code callback} from any thread and wakes the loop:
     * {@code loop.call_soon_threadsafe(callback)}. The only method of the loop that other threads
     * may call.
     *
     * @param callback the function
     * @return a handle that can cancel it (from the loop)
     */
    public Handle callSoonThreadsafe(Callback callback) {
        checkClosed();
        Handle h = new Handle(this, runnable(callback), callback, null, null);
        threadsafe.add(h);
        turn.wakeHolder();
        return h;
    }

    /**
     * Schedules {@code callback} after {@code delay} seconds: {@code loop.call_later(delay, callback)}.
     *
     * @param delay seconds from now (may be zero or negative)
     * @param callback the function
     * @return a timer handle that can cancel it
     */
    public TimerHandle callLater(double delay, Callback callback) {
        return callAt(time() + delay, callback);
    }

    /**
     * {@code loop.call_later(delay, callback, arg)}.
     *
     * @param delay seconds from now
     * @param callback the function
     * @param arg its argument
     * @param <A> argument type
     * @return a timer handle
     */
    public <A> TimerHandle callLater(double delay, Callback.Arg1<A> callback, A arg) {
        return callAt(time() + delay, callback, arg);
    }

    /**
     * {@code loop.call_later(delay, callback, a, b)}.
     *
     * @param delay seconds from now
     * @param callback the function
     * @param a first argument
     * @param b second argument
     * @param <A> first argument type
     * @param <B> second argument type
     * @return a timer handle
     */
    public <A, B> TimerHandle callLater(double delay, Callback.Arg2<A, B> callback, A a, B b) {
        return addTimer(time() + delay, runnable(() -> callback.run(a, b)), callback, new Object[] {a, b});
    }

    /**
     * Schedules {@code callback} at loop time {@code when}: {@code loop.call_at(when, callback)}.
     *
     * @param when an absolute time on this loop's {@link #time()} scale
     * @param callback the function
     * @return a timer handle that can cancel it
     */
    public TimerHandle callAt(double when, Callback callback) {
        return addTimer(when, runnable(callback), callback, null);
    }

    /**
     * {@code loop.call_at(when, callback, arg)}.
     *
     * @param when an absolute loop time
     * @param callback the function
     * @param arg its argument
     * @param <A> argument type
     * @return a timer handle
     */
    public <A> TimerHandle callAt(double when, Callback.Arg1<A> callback, A arg) {
        return addTimer(when, runnable(() -> callback.run(arg)), callback, new Object[] {arg});
    }

    /**
     * {@code loop.call_at(when, callback, a, b)}.
     *
     * @param when an absolute loop time
     * @param callback the function
     * @param a first argument
     * @param b second argument
     * @param <A> first argument type
     * @param <B> second argument type
     * @return a timer handle
     */
    public <A, B> TimerHandle callAt(double when, Callback.Arg2<A, B> callback, A a, B b) {
        return addTimer(when, runnable(() -> callback.run(a, b)), callback, new Object[] {a, b});
    }

    /**
     * The loop's current time in seconds: {@code loop.time()}. Monotonic; with the virtual clock it
     * starts at 0.0 and moves only when the loop jumps to a timer.
     *
     * @return the time
     */
    public double time() {
        return clock.time();
    }

    /**
     * @return the clock this loop reads
     */
    public Clock getClock() {
        return clock;
    }

    // =============================================================================================
    // Futures and tasks
    // =============================================================================================

    /**
     * A new pending future bound to this loop: {@code loop.create_future()}.
     *
     * @param <T> result type
     * @return the future
     */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Wraps a coroutine in a task that starts on the next iteration: {@code loop.create_task(coro)}.
     *
     * @param coro a coroutine that has not started
     * @param <T> result type
     * @return the task
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * {@code loop.create_task(coro, name=name)}. As in Python 3.11, a named task still uses up a
     * {@code Task-N} number.
     *
     * @param coro a coroutine that has not started
     * @param name the task's name, or {@code null} for {@code Task-N}
     * @param <T> result type
     * @return the task
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        checkClosed();
        if (coro.isStarted()) {
            throw new IllegalStateException("cannot reuse already awaited coroutine");
        }
        boolean eager = eagerTasks && running && turn.isMine() && !closing;
        Task<T> task = new Task<>(this, coro, eager);
        if (name != null) {
            task.setName(name);
        }
        if (instrument != null) {
            safeInstrument(i -> i.taskCreated(task));
        }
        if (eager) {
            eagerStart(task);
        }
        return task;
    }

    /**
     * A task running a method reference, named after the method: {@code createTask(this::taskFunc)}.
     *
     * @param body the coroutine body
     * @param <T> result type
     * @return the task
     */
    public <T> Task<T> createTask(Coroutine.Body<T> body) {
        return createTask(Coroutine.of(body));
    }

    /**
     * A task running a body that returns nothing.
     *
     * @param body the coroutine body
     * @return the task
     */
    public Task<Void> createTask(Coroutine.VoidBody body) {
        return createTask(Coroutine.of(body));
    }

    /**
     * Makes {@link #createTask} start tasks eagerly while the loop runs:
     * {@code loop.set_task_factory(asyncio.eager_task_factory)} (Python 3.12+). The new task's first
     * step then runs inside {@code createTask}, with the task as {@link #currentTask()}; a coroutine
     * that finishes without waiting returns an already done task, and one that waits continues as
     * usual. Off by default, as in asyncio.
     *
     * @param enabled whether tasks start eagerly
     */
    public void setEagerTaskFactory(boolean enabled) {
        this.eagerTasks = enabled;
    }

    /** Runs the first step of {@code task} now, on its own thread, and waits for it to yield or end. */
    private void eagerStart(Task<?> task) {
        Task<?> caller = currentTask;
        currentTask = null;
        Thread me = Thread.currentThread();
        Thread t = COROUTINE_THREADS.newThread(() -> coroutineMain(task));
        task.thread = t;
        task.eagerCaller = me;
        turn.give(t);
        t.start();
        turn.await();
        currentTask = caller;
        if (!task.done()) {
            registerTask(task);
        }
    }

    /** The eager first step of {@code task} ended: give the turn back to createTask's caller. */
    void eagerStepEnded(Task<?> task, boolean finished) {
        Thread back = task.eagerCaller;
        task.eagerCaller = null;
        if (finished) {
            exitedThreads.add(Thread.currentThread());
            turn.passTo(back);
        } else {
            turn.passTo(back);
            turn.await();
        }
    }

    // =============================================================================================
    // Running and stopping
    // =============================================================================================

    /**
     * Runs until {@link #stop()} is called: {@code loop.run_forever()}.
     *
     * @throws IllegalStateException {@code "This event loop is already running"},
     *     {@code "Cannot run the event loop while another loop is running"} or
     *     {@code "Event loop is closed"}
     */
    public void runForever() {
        checkClosed();
        if (running) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (RUNNING.isBound() && RUNNING.get().isRunning()) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
        if (Thread.currentThread().isVirtual()) {
            ScopedValue.where(RUNNING, this).run(this::runForeverHere);
            return;
        }
        // A platform thread parking on every step would cost tens of microseconds per switch:
        // run the loop on a virtual thread and wait for it.
        Throwable[] failure = new Throwable[1];
        Thread loopThread = Thread.ofVirtual().name("asyncio-event-loop").unstarted(() -> {
            try {
                ScopedValue.where(RUNNING, this).run(this::runForeverHere);
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        loopThread.start();
        joinUninterruptibly(loopThread);
        if (failure[0] != null) {
            throw Sneaky.rethrow(failure[0]);
        }
    }

    private void runForeverHere() {
        running = true;
        driver = Thread.currentThread();
        turn.give(driver);
        inIteration = false;
        remaining = 0;
        try {
            drive(null, false);
        } finally {
            stopping = false;
            running = false;
            driver = null;
            turn.give(null);
            joinExitedThreads();
        }
        Throwable f = fatal;
        if (f != null) {
            fatal = null;
            throw Sneaky.rethrow(f);
        }
    }

    /**
     * Runs the loop until {@code future} is done and returns its result:
     * {@code loop.run_until_complete(future)}. The iteration in which the future completes is
     * finished before this returns.
     *
     * @param future the future or task to wait for
     * @param <T> result type
     * @return the future's result
     * @throws IllegalStateException {@code "Event loop stopped before Future completed."} if
     *     {@link #stop()} ended the loop first, or if the loop is running or closed
     */
    public <T> T runUntilComplete(Future<T> future) {
        checkClosed();
        if (running) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (future.getLoop() != this) {
            throw new IllegalArgumentException("The future belongs to a different loop than the one specified as the loop argument");
        }
        DoneCallback<Object> stopper = EventLoop::runUntilCompleteCb;
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /**
     * Wraps {@code coro} in a task (not reported if left pending) and runs it to completion:
     * {@code loop.run_until_complete(coro)}.
     *
     * @param coro the coroutine
     * @param <T> result type
     * @return its result
     */
    public <T> T runUntilComplete(Coroutine<T> coro) {
        checkClosed();
        if (running) {
            throw new IllegalStateException("This event loop is already running");
        }
        Task<T> task = createTask(coro);
        task.logDestroyPending = false;
        return runUntilComplete(task);
    }

    /** Stops the loop once the future given to runUntilComplete is done (and retrieves its error). */
    private static void runUntilCompleteCb(Future<Object> fut) {
        if (!fut.cancelled()) {
            Throwable e = fut.exception();
            if (e instanceof VirtualMachineError) {
                return;
            }
        }
        fut.getLoop().stop();
    }

    /**
     * Stops the loop after the current iteration: {@code loop.stop()}. Called before
     * {@link #runForever()}, that call runs exactly one iteration.
     */
    public void stop() {
        stopping = true;
    }

    /**
     * @return whether the loop is running ({@code loop.is_running()})
     */
    public boolean isRunning() {
        return running;
    }

    /**
     * @return whether {@link #close()} was called ({@code loop.is_closed()})
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: {@code loop.close()}. Pending callbacks are dropped without running. The
     * coroutines of tasks that are still pending are unwound ({@link CoroutineExit} is thrown at
     * their {@code await}, so their {@code finally} blocks run) and then reported as
     * "Task was destroyed but it is pending!"; futures whose exception was never retrieved are
     * reported too. When this returns, no thread started by the loop is alive. Idempotent.
     *
     * @throws IllegalStateException {@code "Cannot close a running event loop"}
     */
    @Override
    public void close() {
        if (running) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        scheduled.clear();
        threadsafe.clear();
        List<Task<?>> suspended = new ArrayList<>();
        for (Task<?> t : pendingTasks) {
            if (t.thread != null) {
                suspended.add(t);
            }
        }
        closing = true;
        closer = Thread.currentThread();
        for (Task<?> t : suspended) {
            Thread th = t.thread;
            turn.passTo(th);
            turn.await();
            joinUninterruptibly(th);
        }
        turn.give(null);
        closing = false;
        joinExitedThreads();
        for (Task<?> t : new ArrayList<>(pendingTasks)) {
            if (t.logDestroyPending) {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "Task was destroyed but it is pending!");
                ctx.put("task", t);
                callExceptionHandler(ctx);
            }
        }
        for (Future<?> f : new ArrayList<>(unretrieved)) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", (f instanceof Task ? "Task" : "Future") + " exception was never retrieved");
            ctx.put("exception", f.rawException());
            ctx.put("future", f);
            callExceptionHandler(ctx);
        }
        unretrieved.clear();
    }

    // =============================================================================================
    // Errors, debug, instruments
    // =============================================================================================

    /**
     * Sets the handler for errors no caller can receive: {@code loop.set_exception_handler()}.
     *
     * @param handler the handler, or {@code null} for the default one
     */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /**
     * @return the custom handler, or {@code null} ({@code loop.get_exception_handler()})
     */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Reports an error: {@code loop.call_exception_handler(context)}. Without a custom handler it
     * goes to {@link #defaultExceptionHandler}; a handler that throws is itself reported there.
     *
     * @param context at least {@code message}
     */
    public void callExceptionHandler(Map<String, Object> context) {
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            defaultExceptionHandler(context);
            return;
        }
        try {
            h.handle(this, context);
        } catch (Throwable e) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Unhandled error in exception handler");
            ctx.put("exception", e);
            ctx.put("context", context);
            defaultExceptionHandler(ctx);
        }
    }

    /**
     * Logs an error the way asyncio's {@code default_exception_handler} does, on the logger named
     * {@code asyncio} at level ERROR ({@link Log}): the message, then one line {@code key: repr}
     * for each other key in sorted order, then the exception's stack trace.
     *
     * @param context at least {@code message}
     */
    public void defaultExceptionHandler(Map<String, Object> context) {
        Object message = context.get("message");
        if (message == null) {
            message = "Unhandled exception in event loop";
        }
        StringBuilder text = new StringBuilder(String.valueOf(message));
        for (Map.Entry<String, Object> e : new TreeMap<>(context).entrySet()) {
            if (e.getKey().equals("message") || e.getKey().equals("exception")) {
                continue;
            }
            text.append('\n').append(e.getKey()).append(": ").append(Repr.repr(e.getValue()));
        }
        Throwable exc = context.get("exception") instanceof Throwable t ? t : null;
        Log.error("asyncio", text.toString(), exc);
    }

    /**
     * @param enabled debug mode ({@code loop.set_debug()}): callbacks slower than 0.1 s are logged,
     *     and futures, tasks and handles created from now on record where user code created them,
     *     which their reprs show ({@code created at Lesson.java:12})
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    /**
     * @return whether debug mode is on ({@code loop.get_debug()})
     */
    public boolean getDebug() {
        return debug;
    }

    /**
     * Adds an instrument that sees tasks, steps and callbacks from now on.
     *
     * @param added the instrument
     */
    public void addInstrument(Instrument added) {
        instruments.add(java.util.Objects.requireNonNull(added));
        rebuildInstrument();
    }

    /**
     * @param removed an instrument added earlier
     * @return whether it was present
     */
    public boolean removeInstrument(Instrument removed) {
        boolean r = instruments.remove(removed);
        rebuildInstrument();
        return r;
    }

    private void rebuildInstrument() {
        instrument = instruments.isEmpty() ? null
                : instruments.size() == 1 ? instruments.getFirst()
                : new Instruments(List.copyOf(instruments));
    }

    /**
     * The tasks of this loop that are not done, in creation order: {@code asyncio.all_tasks(loop)}.
     *
     * @return a snapshot
     */
    public Set<Task<?>> allTasks() {
        return new LinkedHashSet<>(pendingTasks);
    }

    /**
     * @return the task whose coroutine is running, or {@code null} in a plain callback or outside
     *     the loop ({@code asyncio.current_task(loop)})
     */
    public Task<?> currentTask() {
        return currentTask;
    }

    @Override
    public String toString() {
        return "<EventLoop running=" + (running ? "True" : "False") + " closed=" + (closed ? "True" : "False")
                + " debug=" + (debug ? "True" : "False") + " clock=" + clock.kind() + ">";
    }

    // =============================================================================================
    // The run loop (only the turn holder runs this)
    // =============================================================================================

    /**
     * Runs loop iterations on the calling thread, which holds the turn, until control belongs
     * elsewhere. Returns when: (a) the caller's own task {@code me} is to resume; (b) the caller
     * passed the turn and got it back, which for a coroutine thread means its task resumes and for
     * the driver means the loop stopped; (c) the caller is the driver and the loop stopped.
     * With {@code exiting}, the caller (a finished coroutine's thread) passes the turn and returns
     * at once instead of waiting for it.
     */
    private void drive(Task<?> me, boolean exiting) {
        for (;;) {
            if (fatal != null) {
                inIteration = false;
                remaining = 0;
                yieldToDriver(me, exiting);
                return;
            }
            if (remaining == 0) {
                if (inIteration) {
                    inIteration = false;
                    if (stopping) {
                        yieldToDriver(me, exiting);
                        return;
                    }
                }
                beginIteration();
                continue;
            }
            Handle handle = ready.pollFirst();
            remaining--;
            if (handle.cancelled()) {
                continue;
            }
            runHandle(handle);
            Task<?> next = resumeTarget;
            if (next != null) {
                resumeTarget = null;
                if (next == me) {
                    return;
                }
                switchTo(next, exiting);
                return;
            }
        }
    }

    /** Starts an iteration: timer clean-up, waiting (or jumping), due timers into the ready queue. */
    private void beginIteration() {
        inIteration = true;
        int n = scheduled.size();
        if (n > 100 && timerCancelledCount * 2 > n) {
            scheduled.removeIf(t -> {
                if (t.cancelled()) {
                    t.scheduled = false;
                    return true;
                }
                return false;
            });
            timerCancelledCount = 0;
        } else {
            while (!scheduled.isEmpty() && scheduled.peek().cancelled()) {
                scheduled.poll().scheduled = false;
                timerCancelledCount--;
            }
        }
        drainThreadsafe();
        if (ready.isEmpty() && !stopping) {
            double timeout = scheduled.isEmpty() ? Double.POSITIVE_INFINITY
                    : Math.min(Math.max(scheduled.peek().when() - clock.time(), 0.0), MAX_IDLE);
            if (timeout > 0) {
                idle(timeout);
                drainThreadsafe();
            }
        }
        double endTime = clock.time() + CLOCK_RESOLUTION;
        while (!scheduled.isEmpty() && scheduled.peek().when() < endTime) {
            TimerHandle t = scheduled.poll();
            t.scheduled = false;
            ready.addLast(t);
        }
        remaining = ready.size();
        if (instrument != null) {
            safeInstrument(Instrument::iterationStarted);
        }
    }

    /** Waits for the next timer (really, or by jumping virtual time) or a threadsafe callback. */
    private void idle(double timeout) {
        if (instrument != null) {
            safeInstrument(i -> i.beforeIdle(timeout));
        }
        if (clock instanceof Clock.Virtual v && !Double.isInfinite(timeout)
                && threadsafe.isEmpty() && externalWork.get() == 0) {
            v.advanceTo(scheduled.peek().when());
        } else {
            long deadline = Double.isInfinite(timeout) ? 0 : System.nanoTime() + (long) (timeout * 1e9);
            while (threadsafe.isEmpty()) {
                if (Double.isInfinite(timeout) || clock instanceof Clock.Virtual) {
                    LockSupport.park(this);
                    if (clock instanceof Clock.Virtual && externalWork.get() == 0 && threadsafe.isEmpty()
                            && !Double.isInfinite(timeout)) {
                        ((Clock.Virtual) clock).advanceTo(scheduled.peek().when());
                        break;
                    }
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(this, left);
                }
            }
        }
        if (instrument != null) {
            safeInstrument(Instrument::afterIdle);
        }
    }

    private void drainThreadsafe() {
        Handle h;
        while ((h = threadsafe.poll()) != null) {
            ready.addLast(h);
        }
    }

    private void runHandle(Handle handle) {
        Instrument ins = instrument;
        if (ins != null) {
            safeInstrument(i -> i.beforeCallback(handle));
        }
        long start = debug ? System.nanoTime() : 0;
        try {
            handle.run();
        } catch (VirtualMachineError e) {
            fatal = e;
        } catch (Throwable e) {
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Exception in callback " + handle.describeCallback());
            ctx.put("exception", e);
            ctx.put("handle", handle);
            callExceptionHandler(ctx);
        }
        if (debug) {
            double took = (System.nanoTime() - start) / 1e9;
            if (took >= 0.1) {
                Log.warning("asyncio", "Executing " + handle + " took " + String.format("%.3f", took) + " seconds");
            }
        }
        if (ins != null) {
            safeInstrument(i -> i.afterCallback(handle));
        }
    }

    // --- hand-over of the turn ------------------------------------------------------------------

    /** Hands the turn to {@code next}'s coroutine thread, starting it on its first step. */
    private void switchTo(Task<?> next, boolean exiting) {
        Thread t = next.thread;
        if (t == null) {
            t = COROUTINE_THREADS.newThread(() -> coroutineMain(next));
            next.thread = t;
            turn.give(t);
            t.start();
        } else {
            turn.passTo(t);
        }
        if (!exiting) {
            turn.await();
        }
    }

    /** At the end of a run: give the turn back to the driver (unless the caller is the driver). */
    private void yieldToDriver(Task<?> me, boolean exiting) {
        if (me == null && !exiting) {
            return;
        }
        turn.passTo(driver);
        if (!exiting) {
            turn.await();
        }
    }

    /** Entry of a coroutine's virtual thread; it starts holding the turn. */
    private void coroutineMain(Task<?> task) {
        turn.await();
        ScopedValue.where(RUNNING, this).where(Task.COROUTINE, task).run(() -> {
            task.takeResumeError();
            beginStep(task);
            task.runCoroutine();
        });
    }

    // --- called by Task -------------------------------------------------------------------------

    Task<?> currentTaskRaw() {
        return currentTask;
    }

    void beginStep(Task<?> task) {
        if (currentTask != null) {
            throw new IllegalStateException("Cannot enter into task " + task + " while another task "
                    + currentTask + " is being executed.");
        }
        currentTask = task;
        if (instrument != null) {
            safeInstrument(i -> i.stepStarted(task));
        }
    }

    void endStep(Task<?> task) {
        currentTask = null;
        if (instrument != null) {
            safeInstrument(i -> i.stepEnded(task));
        }
    }

    /** A step decided to resume {@code task}, throwing {@code error} into it if not null. */
    void requestResume(Task<?> task, Throwable error) {
        task.resumeError = error;
        resumeTarget = task;
    }

    /**
     * The running coroutine of {@code task} gives up the turn (an await that must wait) and gets it
     * back when its task is stepped again; then throws what the step decided, if anything.
     */
    void suspend(Task<?> task, Future<?> awaiting) {
        if (closing) {
            throw new CoroutineExit();
        }
        if (instrument != null) {
            safeInstrument(i -> i.taskSuspended(task, awaiting));
        }
        endStep(task);
        if (task.eagerCaller != null) {
            eagerStepEnded(task, false);
        } else {
            drive(task, false);
        }
        if (closing) {
            throw new CoroutineExit();
        }
        beginStep(task);
        Throwable error = task.takeResumeError();
        if (error != null) {
            throw Sneaky.rethrow(error);
        }
    }

    /** The coroutine of {@code task} returned or raised; its thread keeps the turn to run the loop on. */
    void coroutineFinished(Task<?> task) {
        Thread me = Thread.currentThread();
        exitedThreads.add(me);
        if (exitedThreads.size() > 4096) {
            exitedThreads.removeIf(t -> !t.isAlive());
        }
        drive(task, true);
    }

    boolean isClosing() {
        return closing;
    }

    /** A coroutine unwound by close(): give the turn back to the closing thread. */
    void coroutineUnwound(Task<?> task) {
        turn.passTo(closer);
    }

    void fatalError(Throwable error) {
        fatal = error;
    }

    void registerTask(Task<?> task) {
        pendingTasks.add(task);
    }

    void taskDone(Task<?> task) {
        pendingTasks.remove(task);
        if (instrument != null) {
            safeInstrument(i -> i.taskDone(task));
        }
    }

    void instrumentCancelRequested(Task<?> task, String message) {
        if (instrument != null) {
            safeInstrument(i -> i.cancelRequested(task, message));
        }
    }

    void exceptionSet(Future<?> future) {
        unretrieved.add(future);
    }

    void exceptionRetrieved(Future<?> future) {
        unretrieved.remove(future);
    }

    void timerHandleCancelled() {
        timerCancelledCount++;
    }

    /** Schedules a loop-internal action with a fixed repr such as {@code Task.taskStep()}. */
    Handle callSoonInternal(Runnable action, String description) {
        return addReady(new Handle(this, action, null, null, description));
    }

    @SuppressWarnings("unchecked")
    <T> void scheduleDoneCallback(DoneCallback<? super T> callback, Future<T> future) {
        DoneCallback<Object> cb = (DoneCallback<Object>) callback;
        Future<Object> fut = (Future<Object>) future;
        addReady(new Handle(this, runnable(() -> cb.accept(fut)),
                callback instanceof Task.Wakeup ? null : callback, new Object[] {future},
                callback instanceof Task.Wakeup ? "Task.taskWakeup()" : null));
    }

    /** Counts work running outside the loop that will report back with callSoonThreadsafe. */
    void beginExternalWork() {
        externalWork.incrementAndGet();
    }

    void endExternalWork() {
        externalWork.decrementAndGet();
    }

    // --- helpers --------------------------------------------------------------------------------

    private Handle addReady(Handle h) {
        checkClosed();
        ready.addLast(h);
        return h;
    }

    private TimerHandle addTimer(double when, Runnable action, Object function, Object[] args) {
        checkClosed();
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("when cannot be NaN");
        }
        TimerHandle t = new TimerHandle(this, when, timerSequence++, action, function, args);
        t.scheduled = true;
        scheduled.add(t);
        if (instrument != null) {
            safeInstrument(i -> i.timerScheduled(t));
        }
        return t;
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    private static Runnable runnable(Callback callback) {
        return () -> {
            try {
                callback.run();
            } catch (Exception e) {
                throw Sneaky.rethrow(e);
            }
        };
    }

    private void safeInstrument(java.util.function.Consumer<Instrument> call) {
        Instrument ins = instrument;
        if (ins == null) {
            return;
        }
        try {
            call.accept(ins);
        } catch (RuntimeException e) {
            if (ins instanceof Instruments group) {
                group.members().forEach(instruments::remove);
            } else {
                instruments.remove(ins);
            }
            rebuildInstrument();
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Instrument raised an exception and was removed");
            ctx.put("exception", e);
            callExceptionHandler(ctx);
        }
    }

    private void joinExitedThreads() {
        for (Thread t : exitedThreads) {
            joinUninterruptibly(t);
        }
        exitedThreads.clear();
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
