package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.CoroutineRunner;
import io.github.asyncioworkbook.loop.internal.Sneaky;
import io.github.asyncioworkbook.loop.internal.Threads;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An event loop: asyncio's {@code asyncio.AbstractEventLoop} / {@code BaseEventLoop}. It runs
 * callbacks ({@link #callSoon}, {@link #callLater}, {@link #callAt}) and the steps of
 * {@linkplain Task tasks}, one at a time, in a fixed order.
 *
 * <h2>Ordering guarantees</h2>
 * <ul>
 * <li>The ready queue is FIFO: callbacks run in the order they were scheduled, whether with
 *     {@code callSoon} or, from the loop's own thread, {@code callSoonThreadsafe}.</li>
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
 * <h2>Threading</h2>
 * The loop runs on the thread that calls {@link #runForever}/{@link #runUntilComplete}. A task's
 * coroutine is stepped by the loop as CPython steps a generator: it runs until it awaits something
 * not yet done, then control comes back to the loop. By default a coroutine is a continuation run on
 * the loop's own thread; where the JVM does not grant loop-core access to continuations, each
 * coroutine gets a virtual thread and the loop runs on one too (loop-core's {@code DESIGN.md}).
 * Exactly one callback or coroutine body runs at a time, so the same program prints the same bytes
 * on every run. A coroutine that blocks ({@code Thread.sleep}, blocking I/O) blocks the whole loop,
 * as in asyncio.
 *
 * <p>While the loop runs, only {@link #callSoonThreadsafe} and {@link #startOutsideWork} may be
 * called from other threads. The other scheduling calls ({@code callSoon}, {@code callLater},
 * {@code callAt}, {@code createTask}, and a {@link Future}'s {@code setResult},
 * {@code setException}, {@code cancel} and {@code addDoneCallback}) check the calling thread and
 * throw {@code IllegalStateException("Non-thread-safe operation invoked on an event loop other than
 * the current one")} from any other thread, leaving the loop untouched (asyncio checks this in
 * debug mode only; here the check is a comparison or two and always on).
 *
 * <h2>Errors</h2>
 * An exception raised by a callback goes to the exception handler ("Exception in callback ..."),
 * and the loop runs on. An <em>exit</em> (any {@link Error} except {@link AssertionError}, loop-core's
 * {@code SystemExit}/{@code KeyboardInterrupt}, see {@link RecursionError} and the package summary)
 * propagates out of {@code runForever} instead, as in asyncio; the loop can then be run again or
 * closed.
 *
 * <h2>Virtual time</h2>
 * With a {@link Clock.Virtual} clock (chosen with {@code -Dloopcore.clock=virtual} or
 * {@code LOOPCORE_CLOCK=virtual}, see {@link Clock#fromEnvironment()}) the loop never sleeps: when
 * nothing is ready it moves time to the next timer's deadline, unless work outside the loop is
 * outstanding ({@link #startOutsideWork}), in which case it waits for that work in real time. With
 * nothing ready, no timer and no outside work, it raises {@link DeadlockError}.
 *
 * <p><b>Differences from asyncio.</b> TCP only so far (no UDP, SSL or Unix sockets); the
 * stream-based {@code asyncio.subprocess.Process} is in package {@code loop.subprocess}. An unretrieved exception
 * is reported when the JVM collects its future or, at the latest, when the loop closes; pending
 * tasks are reported when the loop closes.
 */
public final class EventLoop implements AutoCloseable {
    /*
     * Implementation overview (cf. CPython's base_events.py)
     *
     * runForever() calls runOnce() until stop() is requested. runOnce() is _run_once: report
     * collected unretrieved exceptions, drop cancelled timers, take the callbacks other threads
     * submitted, ask the clock how long to block and block in the poller, move due timers to the
     * ready queue, then run the handles that were ready when the iteration began. A task step is
     * one such handle: Task.step() resumes the task's fiber (internal.CoroutineRunner) and gets
     * control back when the coroutine awaits or ends.
     *
     * Field ownership: every field is read and written only by the thread that runs loop code at
     * that moment (the loop's thread; with the thread runner also the coroutine thread the loop is
     * waiting on, which sees everything the loop did before the hand-over), except those marked
     * "shared".
     */

    /** The loop's clock resolution, as {@code time.get_clock_info('monotonic').resolution}. */
    private static final double CLOCK_RESOLUTION = 1e-9;
    /** Cancelled timers are swept out of the heap when they are more than half of over 100. */
    private static final int MIN_SCHEDULED_TIMER_HANDLES = 100;

    /** The loop running on the current thread, if any ({@code events._get_running_loop()}). */
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

    private final Clock clock;
    private final CoroutineRunner runner = CoroutineRunner.get();
    /** Where the loop blocks: parks until the first I/O registration swaps in a {@link SelectorPoller}. */
    private volatile Poller poller = new ParkingPoller();

    // --- owned by the thread running loop code
    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    private final PriorityQueue<TimerHandle> scheduled = new PriorityQueue<>();
    private int timerCancelledCount;
    private long timerSequence;
    private boolean stopping;
    private Task<?> currentTask;
    /**
     * The thread that may run loop code right now: the loop's thread, or with the thread runner
     * the coroutine thread that holds control (see {@link #claimThread}); null when not running.
     */
    private Thread owner;
    private boolean debug = DebugMode.fromEnvironment();
    private double slowCallbackDuration = DebugMode.DEFAULT_SLOW_CALLBACK_DURATION;
    private boolean eagerTasks;
    private final InstrumentSet instruments = new InstrumentSet(this);
    private ExceptionHandler exceptionHandler;
    private final PendingTasks pendingTasks = new PendingTasks();
    private final UnretrievedExceptions unretrieved = new UnretrievedExceptions();
    /** Reports this loop if the JVM collects it unclosed ({@code ResourceWarning}). */
    private final UnclosedLoop unclosed;
    /** Coroutines made during the current iteration, followed at the next unless used by then. */
    private final NeverAwaited.Young youngCoroutines = new NeverAwaited.Young();

    // --- shared with other threads
    private volatile boolean running;
    private volatile boolean closed;
    private final ConcurrentLinkedQueue<Handle> threadsafe = new ConcurrentLinkedQueue<>();
    private final AtomicInteger outsideWork = new AtomicInteger();

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
        this.unclosed = UnclosedLoop.follow(this, clock.kind(), debug);
        Tracing.attachIfRequested(this);
        if (Log.isEnabled(Log.Level.DEBUG)) {
            Log.debug("asyncio", "Using selector: " + SelectorName.NAME);
        }
    }

    /**
     * The platform's NIO selector under the name of the Python {@code selectors} class that does the
     * same job ({@code EPollSelectorProvider} is {@code EpollSelector}, {@code KQueueSelectorProvider}
     * {@code KqueueSelector}, {@code PollSelectorProvider} {@code PollSelector}, Windows'
     * {@code WEPollSelectorProvider} {@code SelectSelector}, asyncio's choice there); logged at DEBUG
     * when a loop is created, as asyncio's {@code BaseSelectorEventLoop} logs its selector. Another
     * provider is shown under its Java name without {@code Provider}.
     */
    static final class SelectorName {
        static final String NAME = pythonName(java.nio.channels.spi.SelectorProvider.provider().getClass().getSimpleName());

        static String pythonName(String provider) {
            return switch (provider) {
                case "EPollSelectorProvider" -> "EpollSelector";
                case "KQueueSelectorProvider" -> "KqueueSelector";
                case "PollSelectorProvider" -> "PollSelector";
                case "WEPollSelectorProvider", "WindowsSelectorProvider" -> "SelectSelector";
                default -> provider.endsWith("Provider") ? provider.substring(0, provider.length() - "Provider".length()) : provider;
            };
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
        return addReady(new Handle(this, runnable(callback), callback, null, null, null));
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
        return addReady(new Handle(this, runnable(() -> callback.run(arg)), callback, new Object[] {arg}, null, null));
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
        return addReady(new Handle(this, runnable(() -> callback.run(a, b)), callback, new Object[] {a, b}, null, null));
    }

    /**
     * Schedules {@code callback} from any thread and wakes the loop:
     * {@code loop.call_soon_threadsafe(callback)}. The only scheduling method that other threads
     * may call. Called from the loop itself it is exactly {@link #callSoon}: both share one ready
     * queue, in call order. From another thread, the callback joins the ready queue at the start of
     * the loop's next iteration.
     *
     * @param callback the function
     * @return a handle that can cancel it (from the loop)
     */
    public Handle callSoonThreadsafe(Callback callback) {
        checkClosed();
        Handle h = new Handle(this, runnable(callback), callback, null, null, null);
        if (running && ownsCurrentThread()) {
            // From the loop itself: one ready queue, in call order, as asyncio's call_soon_threadsafe.
            ready.addLast(h);
            return h;
        }
        threadsafe.add(h);
        poller.wakeup();
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
        checkThread();
        if (coro.isStarted()) {
            throw new IllegalStateException("cannot reuse already awaited coroutine");
        }
        boolean eager = eagerTasks && running;
        Task<T> task = new Task<>(this, coro, eager);
        if (name != null) {
            task.setName(name);
        }
        if (instruments.active()) {
            instruments.fire(i -> i.taskCreated(task));
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

    /** Runs the first step of {@code task} now, inside createTask (asyncio 3.12's eager start). */
    private void eagerStart(Task<?> task) {
        Task<?> caller = currentTask;
        currentTask = null;
        try {
            task.step(null);
        } finally {
            currentTask = caller;
        }
        if (!task.done()) {
            registerTask(task);
        }
    }

    // =============================================================================================
    // Work outside the loop
    // =============================================================================================

    /**
     * Work running outside the loop that will report back to it with
     * {@link EventLoop#callSoonThreadsafe}: a thread, an executor job, an I/O operation. Returned by
     * {@link #startOutsideWork}; {@link #close()} ends it. Thread-safe and idempotent.
     */
    public final class OutsideWork implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        private OutsideWork() {
        }

        /** Ends the work: from now on the loop no longer waits for it. */
        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                outsideWork.decrementAndGet();
                poller.wakeup();
            }
        }
    }

    /**
     * Tells the loop that work outside it is under way and may still call
     * {@link #callSoonThreadsafe}: while any is outstanding, a {@linkplain Clock.Virtual virtual
     * clock} does not jump to the next timer (time passes at the pace of real time instead), and the
     * loop does not raise {@link DeadlockError}. Under a real clock it changes nothing. No asyncio
     * counterpart (asyncio has no virtual time); executors and I/O register their operations this
     * way. Thread-safe.
     *
     * <pre>{@code
     * var work = loop.startOutsideWork();
     * Thread.ofPlatform().start(() -> {
     *     try {
     *         var v = compute();
     *         loop.callSoonThreadsafe(() -> fut.setResult(v));
     *     } finally {
     *         work.close();
     *     }
     * });
     * }</pre>
     *
     * @return the registration; close it once the work has reported back or given up
     */
    public OutsideWork startOutsideWork() {
        outsideWork.incrementAndGet();
        return new OutsideWork();
    }

    // =============================================================================================
    // Sockets and the selector (asyncio's selector_events); see DESIGN.md
    // =============================================================================================

    /**
     * Calls {@code callback} whenever {@code channel} is readable (for a server channel: has a
     * connection to accept): {@code loop.add_reader(fd, callback)}. A second reader for the same
     * channel replaces the first. The first registration gives the loop its selector. While a
     * reader or writer is registered, a virtual clock treats the channel as outside work.
     *
     * @param channel a non-blocking channel
     * @param callback the function
     * @return the handle registered
     * @throws IllegalArgumentException for a blocking or closed channel
     * @throws IllegalStateException when the channel belongs to a transport, or the loop is closed
     */
    public Handle addReader(java.nio.channels.SelectableChannel channel, Callback callback) {
        checkNoTransport(channel);
        Handle h = new Handle(this, runnable(callback), callback, null, null, null);
        selector().addReader(channel, h);
        return h;
    }

    /**
     * {@code loop.remove_reader(fd)}.
     *
     * @param channel the channel
     * @return whether a reader was registered
     */
    public boolean removeReader(java.nio.channels.SelectableChannel channel) {
        checkNoTransport(channel);
        return removeIoReader(channel);
    }

    /**
     * Calls {@code callback} whenever {@code channel} is writable (or its pending connect is over):
     * {@code loop.add_writer(fd, callback)}.
     *
     * @param channel a non-blocking channel
     * @param callback the function
     * @return the handle registered
     */
    public Handle addWriter(java.nio.channels.SelectableChannel channel, Callback callback) {
        checkNoTransport(channel);
        Handle h = new Handle(this, runnable(callback), callback, null, null, null);
        selector().addWriter(channel, h);
        return h;
    }

    /**
     * {@code loop.remove_writer(fd)}.
     *
     * @param channel the channel
     * @return whether a writer was registered
     */
    public boolean removeWriter(java.nio.channels.SelectableChannel channel) {
        checkNoTransport(channel);
        return removeIoWriter(channel);
    }

    /**
     * Accepts a connection: {@code await loop.sock_accept(sock)}. Call it from a coroutine body.
     *
     * @param sock a non-blocking, bound server channel
     * @return the new connection (non-blocking) and the peer's address
     */
    public Accepted sockAccept(java.nio.channels.ServerSocketChannel sock) {
        return SocketOperations.accept(this, sock);
    }

    /**
     * Connects: {@code await loop.sock_connect(sock, address)}. Call it from a coroutine body.
     *
     * @param sock a non-blocking channel
     * @param address where to connect (an unresolved address is resolved first)
     * @throws java.net.ConnectException {@code "Connect call failed ('127.0.0.1', 10000): ..."}
     */
    public void sockConnect(java.nio.channels.SocketChannel sock, java.net.SocketAddress address) {
        SocketOperations.connect(this, sock, address);
    }

    /**
     * Receives up to {@code n} bytes: {@code await loop.sock_recv(sock, n)}.
     *
     * @param sock a non-blocking, connected channel
     * @param n the most to receive
     * @return the bytes; empty at end of stream
     */
    public byte[] sockRecv(java.nio.channels.SocketChannel sock, int n) {
        return SocketOperations.recv(this, sock, n);
    }

    /**
     * Receives into {@code buf}: {@code await loop.sock_recv_into(sock, buf)}.
     *
     * @param sock a non-blocking, connected channel
     * @param buf where the bytes go (from its position to its limit)
     * @return how many bytes were received; 0 at end of stream
     */
    public int sockRecvInto(java.nio.channels.SocketChannel sock, java.nio.ByteBuffer buf) {
        return SocketOperations.recvInto(this, sock, buf);
    }

    /**
     * Sends all of {@code data}: {@code await loop.sock_sendall(sock, data)}.
     *
     * @param sock a non-blocking, connected channel
     * @param data the bytes
     */
    public void sockSendall(java.nio.channels.SocketChannel sock, byte[] data) {
        SocketOperations.sendall(this, sock, java.nio.ByteBuffer.wrap(data));
    }

    /**
     * Sends the remaining bytes of {@code data}: {@code await loop.sock_sendall(sock, data)}.
     *
     * @param sock a non-blocking, connected channel
     * @param data the bytes (its position moves to its limit)
     */
    public void sockSendall(java.nio.channels.SocketChannel sock, java.nio.ByteBuffer data) {
        SocketOperations.sendall(this, sock, data);
    }

    /**
     * Starts a TCP server: {@code await loop.create_server(protocol_factory, host, port)}. Call it
     * from a coroutine body. Binds one listening channel per address {@code host} resolves to (all
     * interfaces when {@code host} is null), with {@code SO_REUSEADDR}, and starts serving.
     *
     * @param protocolFactory makes the protocol of each accepted connection
     * @param host a host name or address, or {@code null}
     * @param port a port, 0 for any free one
     * @return the server
     * @throws java.net.BindException {@code "error while attempting to bind on address ('127.0.0.1',
     *     10000): address already in use"}
     */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> protocolFactory, String host, int port) {
        return Server.create(this, protocolFactory, host, port, Server.DEFAULT_BACKLOG, true);
    }

    /**
     * Starts a TCP server: {@code await loop.create_server(protocol_factory, host, port,
     * backlog=backlog, start_serving=startServing)}.
     *
     * @param protocolFactory makes the protocol of each accepted connection
     * @param host a host name or address, or {@code null}
     * @param port a port, 0 for any free one
     * @param backlog the listen backlog (asyncio's default is 100)
     * @param startServing whether to accept at once ({@link Server#startServing()} otherwise)
     * @return the server
     */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> protocolFactory, String host, int port,
            int backlog, boolean startServing) {
        return Server.create(this, protocolFactory, host, port, backlog, startServing);
    }

    /**
     * A server over a channel that is already bound: {@code await loop.create_server(factory, sock=sock)}.
     *
     * @param protocolFactory makes the protocol of each accepted connection
     * @param sock a bound server channel (made non-blocking here)
     * @return the server
     */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> protocolFactory,
            java.nio.channels.ServerSocketChannel sock) {
        return Server.over(this, protocolFactory, java.util.List.of(sock), Server.DEFAULT_BACKLOG, true);
    }

    /**
     * Opens a TCP connection: {@code transport, protocol = await loop.create_connection(factory,
     * host, port)}. Call it from a coroutine body. Tries each address {@code host} resolves to in
     * turn; returns once the protocol's {@code connectionMade} has run.
     *
     * @param protocolFactory makes the protocol
     * @param host a host name or address
     * @param port the port
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws java.net.ConnectException {@code "Connect call failed ('127.0.0.1', 10000): ..."}
     */
    public <P extends BaseProtocol> Connection<P> createConnection(java.util.function.Supplier<P> protocolFactory, String host,
            int port) {
        return SocketTransport.connect(this, protocolFactory, host, port);
    }

    /**
     * A transport over a connected channel: {@code await loop.create_connection(factory, sock=sock)}.
     *
     * @param protocolFactory makes the protocol
     * @param sock a connected channel (made non-blocking here)
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    public <P extends BaseProtocol> Connection<P> createConnection(java.util.function.Supplier<P> protocolFactory,
            java.nio.channels.SocketChannel sock) {
        return SocketTransport.over(this, protocolFactory, sock);
    }

    /**
     * Opens a UDP endpoint: {@code transport, protocol = await loop.create_datagram_endpoint(factory,
     * local_addr, remote_addr)}. Call it from a coroutine body. See
     * {@link #createDatagramEndpoint(java.util.function.Supplier, java.net.InetSocketAddress,
     * java.net.InetSocketAddress, DatagramOptions)}.
     *
     * @param protocolFactory makes the protocol
     * @param localAddr the address to bind, or null
     * @param remoteAddr the address to connect to, or null
     * @param <P> the protocol type
     * @return the transport and the protocol, after connectionMade ran
     */
    public <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(java.util.function.Supplier<P> protocolFactory,
            java.net.InetSocketAddress localAddr, java.net.InetSocketAddress remoteAddr) {
        return DatagramEndpoints.create(this, protocolFactory, localAddr, remoteAddr, DatagramOptions.DEFAULT);
    }

    /**
     * Opens a UDP endpoint: {@code await loop.create_datagram_endpoint(factory, local_addr,
     * remote_addr, family=, proto=, flags=, reuse_port=, allow_broadcast=)}. An unresolved address
     * ({@code InetSocketAddress.createUnresolved}) with a host name is resolved with
     * {@link #getaddrinfo} in the default executor. The addresses are paired by family and one
     * channel is tried per family: bound to the local address, connected to the remote one (unless
     * {@code allowBroadcast}; the remote address is then only the default destination of
     * {@code sendto}). With neither address, {@code options.family()} must be given.
     *
     * @param protocolFactory makes the protocol
     * @param localAddr the address to bind, or null
     * @param remoteAddr the address to connect to, or null
     * @param options the other keyword arguments
     * @param <P> the protocol type
     * @return the transport and the protocol, after connectionMade ran
     * @throws IllegalArgumentException {@code "unexpected address family"}, {@code "can not get
     *     address information"}
     * @throws java.net.BindException for a local address in use (the first failure of all families)
     */
    public <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(java.util.function.Supplier<P> protocolFactory,
            java.net.InetSocketAddress localAddr, java.net.InetSocketAddress remoteAddr, DatagramOptions options) {
        return DatagramEndpoints.create(this, protocolFactory, localAddr, remoteAddr, options);
    }

    /**
     * A UDP endpoint over an existing channel: {@code await loop.create_datagram_endpoint(factory,
     * sock=sock)}.
     *
     * @param protocolFactory makes the protocol
     * @param sock a datagram channel, bound or connected as wanted (made non-blocking here)
     * @param <P> the protocol type
     * @return the transport and the protocol
     */
    public <P extends DatagramProtocol> DatagramEndpoint<P> createDatagramEndpoint(java.util.function.Supplier<P> protocolFactory,
            java.nio.channels.DatagramChannel sock) {
        return DatagramEndpoints.over(this, protocolFactory, sock);
    }

    /**
     * {@code await loop.getaddrinfo(host, port, family=, type=, proto=, flags=)}: Python's
     * {@code socket.getaddrinfo} run in the default executor, so the loop goes on while it
     * resolves. Call it from a coroutine body. The JDK's resolver answers, so
     * {@code -Djdk.net.hosts.file=FILE} makes it read names from FILE only.
     *
     * @param host a host name or literal address; null for the loopback (or, with
     *     {@link SocketConstants#AI_PASSIVE}, the wildcard) addresses
     * @param port a port number as text, a service name such as {@code https}, or null
     * @param family {@link SocketConstants#AF_INET}, {@link SocketConstants#AF_INET6} or 0
     * @param type {@link SocketConstants#SOCK_STREAM}, {@link SocketConstants#SOCK_DGRAM}, ... or 0
     * @param proto {@link SocketConstants#IPPROTO_TCP}, {@link SocketConstants#IPPROTO_UDP} or 0
     * @param flags {@code AI_} flags of {@link SocketConstants}
     * @return the entries, one per address and socket kind
     * @throws GaiError {@code socket.gaierror}, e.g. {@code [Errno -2] Name or service not known}
     */
    public java.util.List<AddressInfo> getaddrinfo(String host, String port, int family, int type, int proto, int flags) {
        return runInExecutor(null, Resolver.job(this, host, port, family, type, proto, flags)).await();
    }

    /**
     * {@link #getaddrinfo(String, String, int, int, int, int)} with a port number.
     *
     * @param host a host name or literal address, or null
     * @param port the port
     * @param family the address family or 0
     * @param type the socket type or 0
     * @param proto the protocol or 0
     * @param flags {@code AI_} flags
     * @return the entries
     */
    public java.util.List<AddressInfo> getaddrinfo(String host, int port, int family, int type, int proto, int flags) {
        return getaddrinfo(host, Integer.toString(port), family, type, proto, flags);
    }

    /**
     * {@code await loop.getaddrinfo(host, port)}: every family, type and protocol.
     *
     * @param host a host name or literal address, or null
     * @param port a port number as text, a service name, or null
     * @return the entries
     */
    public java.util.List<AddressInfo> getaddrinfo(String host, String port) {
        return getaddrinfo(host, port, 0, 0, 0, 0);
    }

    /**
     * {@code await loop.getnameinfo(sockaddr, flags)}: Python's {@code socket.getnameinfo} run in
     * the default executor. Call it from a coroutine body.
     *
     * @param sockaddr a literal address and port (an unresolved one must hold a literal address)
     * @param flags {@code NI_} flags of {@link SocketConstants}
     * @return the host's name (its literal address when it has none) and the port's service name
     * @throws GaiError {@code socket.gaierror}
     */
    public NameInfo getnameinfo(java.net.InetSocketAddress sockaddr, int flags) {
        return runInExecutor(null, () -> Resolver.getnameinfo(sockaddr, flags)).await();
    }

    /**
     * {@code await loop.getnameinfo(sockaddr)}.
     *
     * @param sockaddr a literal address and port
     * @return the host's name and the port's service name
     */
    public NameInfo getnameinfo(java.net.InetSocketAddress sockaddr) {
        return getnameinfo(sockaddr, 0);
    }

    /**
     * Starts a TLS server: {@code await loop.create_server(factory, host, port, ssl=context,
     * ssl_handshake_timeout=..., ssl_shutdown_timeout=...)}. Each accepted connection completes its
     * handshake before its protocol hears {@code connectionMade}; one that fails or times out is
     * dropped, and the server goes on serving. See {@link SslOptions}.
     *
     * @param protocolFactory makes the protocol of each accepted connection
     * @param host a host name or address, or {@code null}
     * @param port a port, 0 for any free one
     * @param ssl the context (with the server's key and certificate) and timeouts; no serverHostname
     * @return the server
     */
    public Server createServer(java.util.function.Supplier<? extends BaseProtocol> protocolFactory, String host, int port,
            SslOptions ssl) {
        return Server.create(this, protocolFactory, host, port, Server.DEFAULT_BACKLOG, true,
                java.util.Objects.requireNonNull(ssl, "ssl"));
    }

    /**
     * Opens a TLS connection: {@code transport, protocol = await loop.create_connection(factory,
     * host, port, ssl=context, server_hostname=...)}. Returns once the handshake is done and the
     * protocol's {@code connectionMade} has run; the transport cannot half-close. See
     * {@link SslOptions} for host name verification.
     *
     * @param protocolFactory makes the protocol
     * @param host a host name or address
     * @param port the port
     * @param ssl the context, server host name and timeouts
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws javax.net.ssl.SSLHandshakeException a certificate that is not trusted or does not name
     *     the server host ({@code ssl.SSLCertVerificationError})
     * @throws java.net.SocketException {@code "SSL handshake is taking longer than 60.0 seconds:
     *     aborting the connection"}
     */
    public <P extends BaseProtocol> Connection<P> createConnection(java.util.function.Supplier<P> protocolFactory, String host,
            int port, SslOptions ssl) {
        return SslTransport.connect(this, protocolFactory, host, port, ssl);
    }

    /**
     * A TLS connection over a connected channel: {@code await loop.create_connection(factory,
     * sock=sock, ssl=context, server_hostname=name)}.
     *
     * @param protocolFactory makes the protocol
     * @param sock a connected channel (made non-blocking here)
     * @param ssl the context and timeouts, with a server host name ({@code ""} for no check)
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws IllegalArgumentException {@code "You must set server_hostname when using ssl without a host"}
     */
    public <P extends BaseProtocol> Connection<P> createConnection(java.util.function.Supplier<P> protocolFactory,
            java.nio.channels.SocketChannel sock, SslOptions ssl) {
        return SslTransport.over(this, protocolFactory, sock, ssl);
    }

    // --- for the socket machinery (package-private) ----------------------------------------------

    /** The transports by channel ({@code _transports}): a channel used by one refuses add_reader. */
    private final Map<java.nio.channels.SelectableChannel, Object> transports = new java.util.HashMap<>();

    /** The loop's selector poller, swapped in for the parking one on first use. */
    SelectorPoller selector() {
        checkClosed();
        if (poller instanceof SelectorPoller s) {
            return s;
        }
        SelectorPoller s = new SelectorPoller(ready::addLast, delta -> outsideWork.addAndGet(delta));
        Poller old = poller;
        s.carryInterrupt(old.takeInterrupt());
        poller = s;
        old.close();
        s.wakeup();
        return s;
    }

    /** The direct buffer socket reads and writes go through (one per loop; see {@link #ioBuffer}). */
    private java.nio.ByteBuffer ioBuffer;

    /**
     * A direct buffer of {@link SocketTransport#MAX_SIZE} bytes for one read or write at a time,
     * used by the thread running loop code. Going through it saves the JDK's per-call lookup of a
     * thread-local temporary buffer, which showed as the top frame of the echo benchmark's profile.
     */
    java.nio.ByteBuffer ioBuffer() {
        if (ioBuffer == null) {
            ioBuffer = java.nio.ByteBuffer.allocateDirect(SocketTransport.MAX_SIZE);
        }
        return ioBuffer;
    }

    /** {@code _remove_reader}: no-op after close or before any registration. */
    boolean removeIoReader(java.nio.channels.SelectableChannel channel) {
        return !closed && poller instanceof SelectorPoller s && s.removeReader(channel);
    }

    /** {@code _remove_writer}. */
    boolean removeIoWriter(java.nio.channels.SelectableChannel channel) {
        return !closed && poller instanceof SelectorPoller s && s.removeWriter(channel);
    }

    /** A handle for the loop's own I/O callbacks, shown in reprs as {@code description}. */
    Handle ioHandle(Runnable action, String description) {
        return new Handle(this, action, null, null, description, null);
    }

    /** @param transport a {@link Transport} or a {@link DatagramTransport} */
    void transportOpened(java.nio.channels.SelectableChannel channel, Object transport) {
        transports.put(channel, transport);
    }

    void transportClosed(java.nio.channels.SelectableChannel channel, Object transport) {
        transports.remove(channel, transport);
    }

    /** {@code _ensure_fd_no_transport}. */
    void checkNoTransport(java.nio.channels.SelectableChannel channel) {
        Object t = transports.get(channel);
        boolean open = t instanceof Transport s ? !s.isClosing() : t instanceof DatagramTransport d && !d.isClosing();
        if (open) {
            throw new IllegalStateException("File descriptor " + channel + " is used by transport " + t);
        }
    }

    // =============================================================================================
    // Executors, signals and subprocesses (asyncio's base_events, unix_events); see DESIGN.md
    // =============================================================================================

    // --- executors: base_events.run_in_executor, set_default_executor, shutdown_default_executor

    /** The executor of {@code runInExecutor(null, ...)}, made on first use; loop thread only. */
    private java.util.concurrent.Executor defaultExecutor;
    /** {@code _executor_shutdown_called}: set by shutdownDefaultExecutor and close. */
    private boolean executorShutdownCalled;

    /**
     * Runs {@code func} on {@code executor} and returns a loop future of its outcome:
     * {@code loop.run_in_executor(executor, func)}. With {@code executor == null}, the loop's
     * default executor runs it: a {@link ThreadPool} with threads named {@code asyncio_0},
     * {@code asyncio_1}, ... ({@code min(32, cpus + 4)} at most), made on first use, unless
     * {@link #setDefaultExecutor} gave another. The job counts as
     * {@linkplain #startOutsideWork outside work} until its outcome has reached the loop.
     * Cancelling the returned future cancels the job if it has not started; a running job runs on
     * and its outcome is dropped, as in asyncio. A {@link ProcessPool} runs the job in a child
     * process; it must then be a {@link ProcessPool.Job} ({@code ProcessPool.job(() -> f(x))}).
     *
     * @param executor where to run it, or {@code null} for the default executor
     * @param func the blocking function; what it throws becomes the future's exception
     * @param <T> result type
     * @return a future of this loop
     * @throws IllegalStateException {@code "Event loop is closed"}, or
     *     {@code "Executor shutdown has been called"} for the default executor after
     *     {@link #shutdownDefaultExecutor()}
     * @throws java.util.concurrent.RejectedExecutionException from the executor
     *     ({@code "cannot schedule new futures after shutdown"} for a {@link ThreadPool})
     */
    public <T> Future<T> runInExecutor(java.util.concurrent.Executor executor, java.util.concurrent.Callable<T> func) {
        java.util.Objects.requireNonNull(func, "func");
        checkClosed();
        checkThread();
        java.util.concurrent.Executor target = executor;
        if (target == null) {
            if (executorShutdownCalled) {
                throw new IllegalStateException("Executor shutdown has been called");
            }
            if (defaultExecutor == null) {
                defaultExecutor = new ThreadPool(0, "asyncio");
            }
            target = defaultExecutor;
        }
        if (target instanceof ProcessPool pool) {
            if (!(func instanceof ProcessPool.Job<T> serializable)) {
                throw new IllegalArgumentException("a ProcessPool job must be serializable (Python: cannot pickle): "
                        + "write it as ProcessPool.job(() -> ...)");
            }
            return FutureChain.toLoop(pool.submitJob(serializable), this);
        }
        ConcurrentFuture<T> job = new ConcurrentFuture<>();
        target.execute(() -> {
            if (!job.setRunningOrNotifyCancel()) {
                return;
            }
            T value;
            try {
                value = func.call();
            } catch (Throwable e) {
                ThreadPool.idleNow();
                job.completeExceptionally(e);
                return;
            }
            ThreadPool.idleNow();
            job.complete(value);
        });
        return FutureChain.toLoop(job, this);
    }

    /**
     * {@link #runInExecutor(java.util.concurrent.Executor, java.util.concurrent.Callable)} for a
     * function that returns nothing ({@code None}).
     *
     * @param executor where to run it, or {@code null} for the default executor
     * @param func the blocking function
     * @return a future of this loop, with result {@code null}
     */
    public Future<Void> runInExecutor(java.util.concurrent.Executor executor, Callback func) {
        java.util.Objects.requireNonNull(func, "func");
        return runInExecutor(executor, () -> {
            func.run();
            return null;
        });
    }

    /**
     * Makes {@code executor} the one {@code runInExecutor(null, ...)} uses:
     * {@code loop.set_default_executor(executor)}. {@link #shutdownDefaultExecutor()} and
     * {@link #close()} shut it down if it is an {@link java.util.concurrent.ExecutorService}.
     *
     * @param executor the executor
     */
    public void setDefaultExecutor(java.util.concurrent.Executor executor) {
        checkThread();
        this.defaultExecutor = java.util.Objects.requireNonNull(executor, "executor");
    }

    /**
     * {@code await loop.shutdown_asyncgens()}: Java has no asynchronous generators, so there is
     * nothing to close; the coroutine returns at once. {@link Asyncio#run} still runs it, so that
     * its shutdown takes the same loop iterations as CPython 3.11's runner (callbacks still ready
     * and timers due when the main task ends run then, as they do in CPython).
     *
     * @return the coroutine to await
     */
    public Coroutine<Void> shutdownAsyncgens() {
        return Coroutine.named("shutdownAsyncgens", () -> null);
    }

    /**
     * Shuts the default executor down and waits, without blocking the loop, until its threads have
     * ended: {@code await loop.shutdown_default_executor()} (Python 3.11, no timeout). The waiting
     * is done by a separate thread that reports back; afterwards {@code runInExecutor(null, ...)}
     * fails. {@link Asyncio#run} calls it before closing its loop.
     *
     * @return the coroutine to await
     */
    public Coroutine<Void> shutdownDefaultExecutor() {
        return Coroutine.named("shutdownDefaultExecutor", () -> {
            executorShutdownCalled = true;
            java.util.concurrent.Executor executor = defaultExecutor;
            if (executor == null) {
                return null;
            }
            Future<Void> done = createFuture();
            OutsideWork work = startOutsideWork();
            Thread waiter = Thread.ofPlatform().unstarted(() -> {
                try {
                    shutdownAndWait(executor);
                    reportFromThread(() -> done.setResult(null));
                } catch (Exception e) {
                    reportFromThread(() -> done.setException(e));
                } finally {
                    work.close();
                }
            });
            waiter.start();
            try {
                done.await();
            } finally {
                Threads.joinUninterruptibly(waiter);
            }
            return null;
        });
    }

    /** {@code executor.shutdown(wait=True)} for an ExecutorService; nothing for a plain Executor. */
    private static void shutdownAndWait(java.util.concurrent.Executor executor) throws InterruptedException {
        if (executor instanceof java.util.concurrent.ExecutorService service) {
            service.shutdown();
            while (!service.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS)) {
                // wait as asyncio does: without a limit
            }
        }
    }

    /** Hands {@code callback} to this loop from another thread, unless the loop has closed. */
    private void reportFromThread(Callback callback) {
        try {
            if (!closed) {
                callSoonThreadsafe(callback);
            }
        } catch (IllegalStateException closedMeanwhile) {
            // "Event loop is closed": nobody is left to tell
        }
    }

    // --- Unix signals: unix_events.add_signal_handler, remove_signal_handler

    /** {@code _signal_handlers}: each installed signal and what keeps the loop waiting for it. */
    private final Map<Integer, OutsideWork> signalHandlers = new TreeMap<>();

    /**
     * Runs {@code callback} as a loop callback each time the process receives {@code sig}:
     * {@code loop.add_signal_handler(sig, callback)}. The JVM delivers the signal on a thread of
     * its own, which hands the callback to the loop with {@link #callSoonThreadsafe}; an exception
     * from it goes to the exception handler ("Exception in callback ..."). A second call for the
     * same signal replaces the callback. While installed, the handler is
     * {@linkplain #startOutsideWork outside work}: a virtual clock waits in real time for signals.
     *
     * @param sig a signal number, e.g. {@link Signals#SIGHUP}
     * @param callback what to run on the loop
     * @throws IllegalArgumentException {@code "invalid signal number N"}
     * @throws IllegalStateException {@code "Event loop is closed"}, or {@code "sig N cannot be
     *     caught"} for SIGKILL, SIGSTOP and the signals the JVM keeps for itself (SIGQUIT, ...; see
     *     {@link Signals})
     */
    public void addSignalHandler(int sig, Callback callback) {
        java.util.Objects.requireNonNull(callback, "callback");
        checkSignal(sig);
        checkClosed();
        checkThread();
        if (Signals.uncatchable(sig)) {
            throw new IllegalStateException("sig " + sig + " cannot be caught");
        }
        if (Signals.jvmKeeps(sig)) {
            throw new IllegalStateException("sig " + sig + " cannot be caught: the JVM keeps "
                    + Signals.name(sig) + " for itself");
        }
        SignalHandlers.install(sig, () -> {
            try {
                callSoonThreadsafe(callback);
            } catch (IllegalStateException closedMeanwhile) {
                // "Event loop is closed": the handler is being removed
            }
        });
        OutsideWork previous = signalHandlers.put(sig, startOutsideWork());
        if (previous != null) {
            previous.close();
        }
    }

    /**
     * Removes the handler of {@code sig} and gives the signal back to the JVM's own handling
     * (SIGINT, SIGTERM and SIGHUP end the JVM again): {@code loop.remove_signal_handler(sig)}.
     * {@link #close()} removes every handler the loop installed.
     *
     * @param sig a signal number
     * @return whether a handler was installed
     * @throws IllegalArgumentException {@code "invalid signal number N"}
     */
    public boolean removeSignalHandler(int sig) {
        checkSignal(sig);
        OutsideWork work = signalHandlers.remove(sig);
        if (work == null) {
            return false;
        }
        SignalHandlers.restore(sig);
        work.close();
        return true;
    }

    /** {@code _check_signal}: {@code ValueError('invalid signal number N')}. */
    private static void checkSignal(int sig) {
        if (!Signals.validSignals().contains(sig)) {
            throw new IllegalArgumentException("invalid signal number " + sig);
        }
    }

    // --- subprocesses: base_events.subprocess_exec, subprocess_shell

    /** Transports of children whose connectionLost has not run yet; loop thread only. */
    private final Set<SubprocessTransport> subprocesses = new LinkedHashSet<>();

    /**
     * Starts {@code args} as a child process with all three streams piped to the loop:
     * {@code transport, protocol = await loop.subprocess_exec(factory, *args)}. Call it from a
     * coroutine body; it returns once the protocol has been told {@code connectionMade}.
     *
     * @param protocolFactory makes the protocol
     * @param args the program and its arguments (no shell)
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws java.io.IOException {@code FileNotFoundException("[Errno 2] No such file or directory: 'prog'")}
     *     for a program that does not exist, as Python's {@code FileNotFoundError}
     */
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(
            java.util.function.Supplier<P> protocolFactory, java.util.List<String> args) throws java.io.IOException {
        return subprocessExec(protocolFactory, args, Stdio.PIPE, Stdio.PIPE, Stdio.PIPE);
    }

    /**
     * {@code await loop.subprocess_exec(factory, *args, stdin=stdin, stdout=stdout, stderr=stderr)}.
     *
     * @param protocolFactory makes the protocol
     * @param args the program and its arguments (no shell)
     * @param stdin {@link Stdio#PIPE}, {@link Stdio#DEVNULL} or {@link Stdio#INHERIT}
     * @param stdout {@link Stdio#PIPE}, {@link Stdio#DEVNULL} or {@link Stdio#INHERIT}
     * @param stderr as stdout, or {@link Stdio#STDOUT}
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws java.io.IOException when the program cannot be started
     * @throws IllegalArgumentException for empty {@code args} or misplaced {@link Stdio#STDOUT}
     */
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessExec(java.util.function.Supplier<P> protocolFactory,
            java.util.List<String> args, Stdio stdin, Stdio stdout, Stdio stderr) throws java.io.IOException {
        checkClosed();
        checkThread();
        if (args.isEmpty()) {
            throw new IllegalArgumentException("program arguments must not be empty");
        }
        P protocol = java.util.Objects.requireNonNull(protocolFactory.get(), "protocol");
        SubprocessTransport transport = SubprocessTransport.start(this, protocol, args, stdin, stdout, stderr);
        subprocesses.add(transport);
        Future<Void> connected = createFuture();
        callSoon(() -> connected.setResult(null));  // after connectionMade
        try {
            connected.await();
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        transport.release();  // the child's data and exit reach the loop from the next iteration on
        return new SubprocessConnection<>(transport, protocol);
    }

    /**
     * Runs {@code cmd} with {@code /bin/sh -c}, all three streams piped:
     * {@code await loop.subprocess_shell(factory, cmd)}.
     *
     * @param protocolFactory makes the protocol
     * @param cmd the shell command line
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws java.io.IOException when the shell cannot be started
     */
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(
            java.util.function.Supplier<P> protocolFactory, String cmd) throws java.io.IOException {
        return subprocessShell(protocolFactory, cmd, Stdio.PIPE, Stdio.PIPE, Stdio.PIPE);
    }

    /**
     * {@code await loop.subprocess_shell(factory, cmd, stdin=..., stdout=..., stderr=...)}.
     *
     * @param protocolFactory makes the protocol
     * @param cmd the shell command line
     * @param stdin where stdin comes from
     * @param stdout where stdout goes
     * @param stderr where stderr goes
     * @param <P> the protocol type
     * @return the transport and the protocol
     * @throws java.io.IOException when the shell cannot be started
     */
    public <P extends SubprocessProtocol> SubprocessConnection<P> subprocessShell(java.util.function.Supplier<P> protocolFactory,
            String cmd, Stdio stdin, Stdio stdout, Stdio stderr) throws java.io.IOException {
        if (cmd == null) {
            throw new IllegalArgumentException("cmd must be a string");
        }
        return subprocessExec(protocolFactory, java.util.List.of("/bin/sh", "-c", cmd), stdin, stdout, stderr);
    }

    /** A child's transport called connectionLost: the loop no longer needs to close it. */
    void subprocessFinished(SubprocessTransport transport) {
        subprocesses.remove(transport);
    }

    /** Part of {@link #close()}: {@code executor.shutdown(wait=False)}, signal handlers removed, children's transports closed. */
    private void closeExecutorsAndSignals() {
        executorShutdownCalled = true;
        java.util.concurrent.Executor executor = defaultExecutor;
        defaultExecutor = null;
        if (executor instanceof java.util.concurrent.ExecutorService service) {
            service.shutdown();
        }
        for (int sig : java.util.List.copyOf(signalHandlers.keySet())) {
            removeSignalHandler(sig);
        }
        for (SubprocessTransport t : java.util.List.copyOf(subprocesses)) {
            t.closeWithLoop();
        }
        subprocesses.clear();
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
     * @throws DeadlockError under a virtual clock, when nothing could ever happen again
     * @throws KeyboardInterrupt on Ctrl-C (SIGINT) while it runs outside {@link Asyncio#run}, as
     *     Python's default SIGINT handler raises it (see {@code DefaultIntHandler})
     */
    public void runForever() {
        checkClosed();
        if (running) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
        DefaultIntHandler ctrlC = DefaultIntHandler.install(this);
        try {
            runner.runLoop(this::runForeverHere);
        } catch (KeyboardInterrupt e) {
            if (ctrlC.delivered()) {
                e.fillInStackTrace();  // raised where runForever was called, whichever thread ran the loop
                Tracebacks.exitOnKeyboardInterrupt();
            }
            throw e;
        } finally {
            ctrlC.close();
        }
    }

    private void runForeverHere() {
        Thread me = Thread.currentThread();
        owner = me;
        RUNNING.set(this);
        running = true;
        try {
            for (;;) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            running = false;
            owner = null;
            RUNNING.remove();
            if (poller.takeInterrupt()) {
                me.interrupt();
            }
        }
    }

    /**
     * One iteration: asyncio's {@code _run_once}. Runs exactly the handles that were ready when it
     * began (after due timers joined them); what they schedule waits for the next iteration.
     */
    private void runOnce() {
        unretrieved.reportCollected(this);
        youngCoroutines.flush();
        sweepCancelledTimers();
        drainThreadsafe();
        double blockFor = ready.isEmpty() && !stopping ? idleTime() : 0;
        if (blockFor > 0) {
            if (instruments.active()) {
                instruments.fire(i -> i.beforeIdle(blockFor));
            }
            long start = System.nanoTime();
            poller.poll(blockFor);
            clock.blocked((System.nanoTime() - start) / 1e9);
            if (instruments.active()) {
                instruments.fire(Instrument::afterIdle);
            }
            drainThreadsafe();
        } else {
            poller.poll(0);
        }
        double endTime = clock.time() + CLOCK_RESOLUTION;
        while (!scheduled.isEmpty() && scheduled.peek().when() < endTime) {
            TimerHandle t = scheduled.poll();
            t.scheduled = false;
            ready.addLast(t);
        }
        if (instruments.active()) {
            instruments.fire(Instrument::iterationStarted);
        }
        for (int n = ready.size(); n > 0; n--) {
            Handle handle = ready.pollFirst();
            if (!handle.cancelled()) {
                runHandle(handle);
            }
        }
    }

    /** How long to block: the clock decides, from the next deadline and the outside work. */
    private double idleTime() {
        double deadline = scheduled.isEmpty() ? Double.POSITIVE_INFINITY : scheduled.peek().when();
        // Outside work ends after its last callSoonThreadsafe (FutureChain, executors): read the count
        // first, then the queue, so that work which ended after drainThreadsafe() is still seen
        // through its callback, and a virtual clock neither jumps nor reports a deadlock past it.
        boolean outside = outsideWork.get() > 0;
        outside |= !threadsafe.isEmpty();
        return switch (clock.idle(deadline, outside)) {
            case Clock.Idle.Block(double seconds) -> seconds;
            case Clock.Idle.Stalled() -> throw deadlock();
        };
    }

    private DeadlockError deadlock() {
        StringBuilder text = new StringBuilder("the event loop can never make progress: nothing is ready to run, "
                + "no timer is scheduled and no work outside the loop is outstanding (virtual clock at "
                + Repr.floatRepr(clock.time()) + ")");
        if (pendingTasks.isEmpty()) {
            text.append("; no task is pending (is a loop.stop() missing?)");
        } else {
            text.append("; pending tasks:");
            for (Task<?> t : pendingTasks.snapshot()) {
                text.append("\n  ").append(t);
            }
        }
        return new DeadlockError(text.toString());
    }

    private void sweepCancelledTimers() {
        int n = scheduled.size();
        if (n > MIN_SCHEDULED_TIMER_HANDLES && timerCancelledCount * 2 > n) {
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
    }

    private void drainThreadsafe() {
        Handle h;
        while ((h = threadsafe.poll()) != null) {
            ready.addLast(h);
        }
    }

    /** Runs one handle: asyncio's {@code Handle._run}. An exit propagates; anything else is reported. */
    private void runHandle(Handle handle) {
        boolean instrumented = instruments.active();
        if (instrumented) {
            instruments.fire(i -> i.beforeCallback(handle));
        }
        long start = debug ? System.nanoTime() : 0;
        try {
            handle.run();
        } catch (Throwable e) {
            if (BaseExceptions.isExit(e)) {
                if (instrumented) {
                    instruments.fire(i -> i.afterCallback(handle));  // the callback an exit ends is still a finished step
                }
                throw (Error) e;
            }
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("message", "Exception in callback " + handle.describeCallback());
            ctx.put("exception", e);
            ctx.put("handle", handle);
            callExceptionHandler(ctx);
        }
        if (debug) {
            double took = (System.nanoTime() - start) / 1e9;
            if (took >= slowCallbackDuration) {
                Log.warning("asyncio", "Executing " + handle.describeForSlowLog() + " took "
                        + String.format(java.util.Locale.ROOT, "%.3f", took) + " seconds");
            }
        }
        if (instrumented) {
            instruments.fire(i -> i.afterCallback(handle));
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
        return runUntilComplete(future, false);
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
        return runUntilComplete(task, true);
    }

    /**
     * {@code run_until_complete}; with {@code retrieveOnEscape}, an exit that escapes while the
     * future holds it as its exception is marked retrieved (the future is the caller's own task:
     * run_until_complete's {@code new_task}, and the main task of {@link Asyncio#run}).
     */
    <T> T runUntilComplete(Future<T> future, boolean retrieveOnEscape) {
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
        } catch (Throwable e) {
            if (retrieveOnEscape && future.done() && !future.cancelled()) {
                // The exit escaping here is the task's own: it is not "never retrieved".
                future.exception();
            }
            throw e;
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before Future completed.");
        }
        return future.result();
    }

    /** Stops the loop once the future given to runUntilComplete is done. */
    private static void runUntilCompleteCb(Future<Object> fut) {
        if (!fut.cancelled() && BaseExceptions.isExit(fut.exception())) {
            // The exit already propagated out of runForever: nothing to stop.
            return;
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
     * "Task was destroyed but it is pending!"; unretrieved exceptions not reported yet are reported
     * now. When this returns, no thread started by the loop is alive. Idempotent.
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
        if (debug) {
            Log.debug("asyncio", "Close " + this);
        }
        closed = true;
        unclosed.closed();
        youngCoroutines.flush();
        ready.clear();
        scheduled.clear();
        threadsafe.clear();
        // Each pending task in creation order: its coroutine is closed (finally blocks run, on a
        // closed loop), then the task is reported, as CPython's collector finalizes an abandoned
        // task after its coroutine.
        for (Task<?> t : pendingTasks.snapshot()) {
            t.unwind();
            if (t.logDestroyPending && !t.done()) {
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "Task was destroyed but it is pending!");
                ctx.put("task", t);
                callExceptionHandler(ctx);
            }
        }
        poller.close();
        for (Object t : java.util.List.copyOf(transports.values())) {
            if (t instanceof SocketTransport s) {
                s.loopClosed();
            }
        }
        unretrieved.reportAll(this);
        closeExecutorsAndSignals();
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
     * @param enabled debug mode ({@code loop.set_debug()}): callbacks slower than
     *     {@link #getSlowCallbackDuration()} (0.1 s) are logged,
     *     and futures, tasks and handles created from now on record where user code created them,
     *     which their reprs show ({@code created at Lesson.java:12})
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
        unclosed.debug(enabled);
    }

    /**
     * @return whether debug mode is on ({@code loop.get_debug()})
     */
    public boolean getDebug() {
        return debug;
    }

    /**
     * In debug mode, a callback or task step that runs at least this long is logged as
     * {@code Executing <Task ...> took 0.105 seconds}: {@code loop.slow_callback_duration}.
     *
     * @param seconds the threshold (default 0.1)
     * @throws IllegalArgumentException if negative or NaN
     */
    public void setSlowCallbackDuration(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("slow callback duration must be >= 0, got " + seconds);
        }
        this.slowCallbackDuration = seconds;
    }

    /**
     * @return the slow-callback threshold in seconds ({@code loop.slow_callback_duration})
     */
    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /**
     * Adds an instrument that sees tasks, steps and callbacks from now on.
     *
     * @param added the instrument
     */
    public void addInstrument(Instrument added) {
        instruments.add(java.util.Objects.requireNonNull(added));
    }

    /**
     * @param removed an instrument added earlier
     * @return whether it was present
     */
    public boolean removeInstrument(Instrument removed) {
        return instruments.remove(removed);
    }

    /**
     * The tasks of this loop that are not done, in creation order: {@code asyncio.all_tasks(loop)}.
     *
     * @return a snapshot
     */
    public Set<Task<?>> allTasks() {
        return new LinkedHashSet<>(pendingTasks.snapshot());
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
        return repr(running, closed, debug, clock.kind());
    }

    /** The repr of a loop in this state (also of one collected unclosed, see {@link UnclosedLoop}). */
    static String repr(boolean running, boolean closed, boolean debug, String clockKind) {
        return "<EventLoop running=" + (running ? "True" : "False") + " closed=" + (closed ? "True" : "False")
                + " debug=" + (debug ? "True" : "False") + " clock=" + clockKind + ">";
    }

    // =============================================================================================
    // For Task and Future (package-private)
    // =============================================================================================

    /** The loop running on the calling thread, or null ({@code events._get_running_loop()}). */
    static EventLoop runningOnThisThread() {
        return RUNNING.get();
    }

    /** Binds a coroutine's own thread (thread runner) to this loop, for {@link #runningOnThisThread}. */
    void bindCoroutineThread() {
        if (RUNNING.get() != this) {
            RUNNING.set(this);
        }
    }

    /** The coroutines made during this iteration (see {@link NeverAwaited.Young}). */
    NeverAwaited.Young youngCoroutines() {
        return youngCoroutines;
    }

        CoroutineRunner runner() {
        return runner;
    }

    /** A task's step begins: asyncio's {@code _enter_task}. */
    void enterTask(Task<?> task) {
        if (currentTask != null) {
            throw new IllegalStateException("Cannot enter into task " + task + " while another task "
                    + currentTask + " is being executed.");
        }
        currentTask = task;
        if (instruments.active()) {
            instruments.fire(i -> i.stepStarted(task));
        }
    }

    /** A task's step ends: asyncio's {@code _leave_task}. */
    void leaveTask(Task<?> task) {
        currentTask = null;
        if (instruments.active()) {
            instruments.fire(i -> i.stepEnded(task));
        }
    }

    void taskSuspended(Task<?> task, Future<?> awaiting) {
        if (instruments.active()) {
            instruments.fire(i -> i.taskSuspended(task, awaiting));
        }
    }

    void registerTask(Task<?> task) {
        pendingTasks.add(task);
    }

    void taskDone(Task<?> task) {
        pendingTasks.remove(task);
        if (instruments.active()) {
            instruments.fire(i -> i.taskDone(task));
        }
    }

    void cancelRequested(Task<?> task, String message) {
        if (instruments.active()) {
            instruments.fire(i -> i.cancelRequested(task, message));
        }
    }

    UnretrievedExceptions.Report exceptionSet(Future<?> future, Throwable exception) {
        return unretrieved.track(future, exception);
    }

    void exceptionRetrieved(UnretrievedExceptions.Report report) {
        unretrieved.retrieved(report);
    }

    void timerHandleCancelled() {
        timerCancelledCount++;
    }

    /** Schedules a plain step of {@code task} ({@code task.step(null)}), shown in reprs as {@code Task.taskStep()}. */
    Handle callSoonForTask(Task<?> task) {
        return addReady(new Handle(this, null, null, null, "Task.taskStep()", task));
    }

    /** Schedules {@code action}, a step of {@code task}, shown in reprs as {@code Task.taskStep()}. */
    Handle callSoonForTask(Runnable action, Task<?> task) {
        return addReady(new Handle(this, action, null, null, "Task.taskStep()", task));
    }

    @SuppressWarnings("unchecked")
    <T> void scheduleDoneCallback(DoneCallback<? super T> callback, Future<T> future) {
        DoneCallback<Object> cb = (DoneCallback<Object>) callback;
        Future<Object> fut = (Future<Object>) future;
        // A future completed after its loop closed: the state has changed, the callbacks cannot run
        // (asyncio's call_soon raises the same from __schedule_callbacks).
        checkClosed();
        if (callback instanceof Task.Wakeup<?> w) {
            // No action: Handle.run() wakes the task with args[0] (no lambda per wake-up).
            addReady(new Handle(this, null, null, new Object[] {future}, "Task.taskWakeup()", w.task()));
        } else {
            addReady(new Handle(this, runnable(() -> cb.accept(fut)), callback, new Object[] {future}, null, null));
        }
    }

    /**
     * Throws unless the calling thread may touch this loop now: while the loop runs, only its own
     * thread (and, with the thread runner, the coroutine it is waiting on) may. A loop that is not
     * running may be prepared from any thread, as in asyncio.
     *
     * @throws IllegalStateException asyncio's "Non-thread-safe operation ..." message
     */
    void checkThread() {
        if (running && !ownsCurrentThread()) {
            throw new IllegalStateException("Non-thread-safe operation invoked on an event loop other than the current one");
        }
    }

    private boolean ownsCurrentThread() {
        return Thread.currentThread() == owner;
    }

    /**
     * The calling thread has just been given control of the loop: a coroutine body starting or
     * resuming, or the resumer getting control back. A plain write; with the continuation runner
     * always the same thread.
     */
    void claimThread() {
        owner = Thread.currentThread();
    }

    /** {@return whether the calling thread runs loop code now} */
    boolean isOwnerThread() {
        return Thread.currentThread() == owner;
    }

    // --- helpers --------------------------------------------------------------------------------

    private Handle addReady(Handle h) {
        checkClosed();
        checkThread();
        ready.addLast(h);
        return h;
    }

    private TimerHandle addTimer(double when, Runnable action, Object function, Object[] args) {
        checkClosed();
        checkThread();
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("when cannot be NaN");
        }
        TimerHandle t = new TimerHandle(this, when, timerSequence++, action, function, args);
        t.scheduled = true;
        scheduled.add(t);
        if (instruments.active()) {
            instruments.fire(i -> i.timerScheduled(t));
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
}
