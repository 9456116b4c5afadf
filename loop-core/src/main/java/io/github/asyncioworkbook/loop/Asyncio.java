package io.github.asyncioworkbook.loop;

import java.util.Collection;
import java.util.List;
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
     * returns are cancelled and waited for, then the default executor is shut down
     * ({@link EventLoop#shutdownDefaultExecutor()}), then the loop closes.
     *
     * <p><b>Ctrl-C</b>, as CPython 3.11's {@code asyncio.Runner}: the first SIGINT cancels the main
     * task, so its {@code finally} blocks run; unless the task took the cancellation back, this
     * method then throws {@link KeyboardInterrupt}, which, escaping {@code main}, prints a
     * Python-style traceback ending in {@code KeyboardInterrupt} and exits with status 130. A second
     * Ctrl-C raises the KeyboardInterrupt at once; a third ends the JVM.
     *
     * @param main the coroutine
     * @param <T> result type
     * @return its result
     * @throws IllegalStateException {@code "asyncio.run() cannot be called from a running event loop"}
     * @throws KeyboardInterrupt after Ctrl-C
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, null);
    }

    /**
     * {@code asyncio.run(main, debug=debug)}: as {@link #run(Coroutine)}, with the loop's
     * {@linkplain EventLoop#setDebug debug mode} set to {@code debug} ({@code null}: as the
     * environment says, {@code -Dloopcore.debug} or {@code LOOPCORE_DEBUG}).
     *
     * @param main the coroutine
     * @param debug debug mode, or {@code null}
     * @param <T> result type
     * @return its result
     */
    public static <T> T run(Coroutine<T> main, Boolean debug) {
        if (runningLoopOrNull() != null) {
            throw new IllegalStateException("asyncio.run() cannot be called from a running event loop");
        }
        EventLoop loop = newEventLoop();
        setEventLoop(loop);
        if (debug != null) {
            loop.setDebug(debug);
        }
        try {
            Task<T> task = loop.createTask(main);
            InterruptHandler ctrlC = InterruptHandler.install(loop, task);
            try {
                return loop.runUntilComplete(task, true);
            } catch (CancelledError e) {
                if (ctrlC.interrupted() && task.uncancel() == 0) {
                    throw new KeyboardInterrupt(e);
                }
                throw e;
            } finally {
                ctrlC.remove();
            }
        } catch (KeyboardInterrupt e) {
            Tracebacks.exitOnKeyboardInterrupt();
            throw e;
        } finally {
            try {
                cancelAllTasks(loop);
                loop.runUntilComplete(loop.shutdownAsyncgens());
                loop.runUntilComplete(loop.shutdownDefaultExecutor());
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
        loop.runUntilComplete(Gather.gather(toCancel, true));
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
     * {@code asyncio.create_task(coro)}: wraps a coroutine in a task on the running loop.
     *
     * @param coro a coroutine that has not started
     * @param <T> result type
     * @return the new task, which starts on the loop's next iteration
     * @throws IllegalStateException {@code "no running event loop"} outside a running loop
     */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return getRunningLoop().createTask(coro);
    }

    /**
     * {@code asyncio.create_task(coro, name=name)}.
     *
     * @param coro a coroutine that has not started
     * @param name the task's name, or {@code null} for {@code Task-N}
     * @param <T> result type
     * @return the new task
     * @throws IllegalStateException {@code "no running event loop"} outside a running loop
     */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return getRunningLoop().createTask(coro, name);
    }

    /**
     * {@code asyncio.isfuture(obj)}: whether {@code obj} is a {@link Future} (a {@link Task} is
     * one). A {@link Coroutine} is not.
     *
     * @param obj any value
     * @return whether it is a future
     */
    public static boolean isFuture(Object obj) {
        return obj instanceof Future<?>;
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

    // --- subprocesses: asyncio.create_subprocess_exec, create_subprocess_shell ---------------------

    /**
     * {@code await asyncio.create_subprocess_exec(*args, stdin=..., stdout=..., stderr=...)}: starts
     * {@code args} (no shell) on the running loop. Call it from a coroutine body.
     *
     * @param args the program and its arguments
     * @param stdin {@link Stdio#PIPE} (then {@code stdin()} is a writer), {@link Stdio#DEVNULL} or
     *     {@link Stdio#INHERIT} (Python's {@code None}, the default there)
     * @param stdout {@link Stdio#PIPE} (then {@code stdout()} is a reader), {@link Stdio#DEVNULL} or {@link Stdio#INHERIT}
     * @param stderr as stdout, or {@link Stdio#STDOUT} to share stdout's pipe or file
     * @return the process ({@code asyncio.subprocess.Process})
     * @throws java.io.IOException when the program cannot be started:
     *     {@code FileNotFoundException("[Errno 2] No such file or directory: 'prog'")} for a
     *     program that does not exist, as Python's {@code FileNotFoundError}
     */
    public static io.github.asyncioworkbook.loop.subprocess.Process createSubprocessExec(List<String> args,
            Stdio stdin, Stdio stdout, Stdio stderr) throws java.io.IOException {
        return io.github.asyncioworkbook.loop.subprocess.Process.exec(args, stdin, stdout, stderr, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * {@code await asyncio.create_subprocess_exec(*args, stdin=..., stdout=..., stderr=..., limit=limit)}.
     *
     * @param args the program and its arguments
     * @param stdin where stdin comes from
     * @param stdout where stdout goes
     * @param stderr where stderr goes
     * @param limit the buffer limit of the stdout and stderr readers
     * @return the process
     * @throws java.io.IOException when the program cannot be started
     */
    public static io.github.asyncioworkbook.loop.subprocess.Process createSubprocessExec(List<String> args,
            Stdio stdin, Stdio stdout, Stdio stderr, int limit) throws java.io.IOException {
        return io.github.asyncioworkbook.loop.subprocess.Process.exec(args, stdin, stdout, stderr, limit);
    }

    /**
     * {@code await asyncio.create_subprocess_shell(cmd, stdin=..., stdout=..., stderr=...)}: runs
     * {@code cmd} with {@code /bin/sh -c} on the running loop. Call it from a coroutine body.
     *
     * @param cmd the shell command line
     * @param stdin where stdin comes from
     * @param stdout where stdout goes
     * @param stderr where stderr goes
     * @return the process ({@code asyncio.subprocess.Process})
     * @throws java.io.IOException when the shell cannot be started
     */
    public static io.github.asyncioworkbook.loop.subprocess.Process createSubprocessShell(String cmd,
            Stdio stdin, Stdio stdout, Stdio stderr) throws java.io.IOException {
        return io.github.asyncioworkbook.loop.subprocess.Process.shell(cmd, stdin, stdout, stderr, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * {@code await asyncio.create_subprocess_shell(cmd, stdin=..., stdout=..., stderr=..., limit=limit)}.
     *
     * @param cmd the shell command line
     * @param stdin where stdin comes from
     * @param stdout where stdout goes
     * @param stderr where stderr goes
     * @param limit the buffer limit of the stdout and stderr readers
     * @return the process
     * @throws java.io.IOException when the shell cannot be started
     */
    public static io.github.asyncioworkbook.loop.subprocess.Process createSubprocessShell(String cmd,
            Stdio stdin, Stdio stdout, Stdio stderr, int limit) throws java.io.IOException {
        return io.github.asyncioworkbook.loop.subprocess.Process.shell(cmd, stdin, stdout, stderr, limit);
    }

    // --- threads: to_thread, wrap_future, run_coroutine_threadsafe -------------------------------

    /**
     * {@code await asyncio.to_thread(func)}: runs the blocking {@code func} on the running loop's
     * default executor and waits for it without blocking the loop.
     *
     * @param func the blocking function
     * @param <T> result type
     * @return what {@code func} returned
     * @throws IllegalStateException when not called from a coroutine body
     */
    public static <T> T toThread(java.util.concurrent.Callable<T> func) {
        return getRunningLoop().runInExecutor(null, func).await();
    }

    /**
     * {@code await asyncio.to_thread(func)} for a function that returns nothing.
     *
     * @param func the blocking function
     */
    public static void toThread(Callback func) {
        getRunningLoop().runInExecutor(null, func).await();
    }

    /**
     * {@code asyncio.wrap_future(future)}: a future of the current loop ({@link #getEventLoop()})
     * that takes {@code future}'s outcome; cancelling it cancels {@code future}.
     *
     * @param future a thread-safe future, completed by any thread
     * @param <T> result type
     * @return the loop future
     */
    public static <T> Future<T> wrapFuture(java.util.concurrent.CompletableFuture<T> future) {
        return wrapFuture(future, getEventLoop());
    }

    /**
     * {@code asyncio.wrap_future(future, loop=loop)}. The outcome crosses to the loop with
     * {@link EventLoop#callSoonThreadsafe}: a result, an exception (a
     * {@link java.util.concurrent.CompletionException} unwrapped), or a cancellation. Until
     * {@code future} completes, the loop counts it as outside work
     * ({@link EventLoop#startOutsideWork}).
     *
     * @param future a thread-safe future
     * @param loop the loop of the returned future
     * @param <T> result type
     * @return the loop future
     */
    public static <T> Future<T> wrapFuture(java.util.concurrent.CompletableFuture<T> future, EventLoop loop) {
        java.util.Objects.requireNonNull(future, "future");
        return FutureChain.toLoop(future, loop);
    }

    /**
     * {@code asyncio.wrap_future(future)} of an asyncio future: returned as it is.
     *
     * @param future a loop future
     * @param <T> result type
     * @return {@code future}
     */
    public static <T> Future<T> wrapFuture(Future<T> future) {
        return future;
    }

    /**
     * Submits {@code coro} to {@code loop} from another thread:
     * {@code asyncio.run_coroutine_threadsafe(coro, loop)}. The loop wraps it in a task on its next
     * iteration; the returned future takes the task's outcome, and cancelling it cancels the task.
     * If the loop closes before it took the coroutine, the future stays pending, as in asyncio.
     *
     * @param coro a coroutine that has not started
     * @param loop the loop to run it on (running, or run later)
     * @param <T> result type
     * @return a thread-safe future ({@code concurrent.futures.Future})
     * @throws IllegalStateException {@code "Event loop is closed"}
     */
    public static <T> ConcurrentFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, EventLoop loop) {
        java.util.Objects.requireNonNull(coro, "coro");
        ConcurrentFuture<T> future = new ConcurrentFuture<>();
        loop.callSoonThreadsafe(() -> {
            try {
                FutureChain.toConcurrent(loop.createTask(coro), future);
            } catch (Throwable e) {
                if (!BaseExceptions.isExit(e) && future.setRunningOrNotifyCancel()) {
                    future.completeExceptionally(e);
                }
                throw e;
            }
        });
        return future;
    }

    // --- streams --------------------------------------------------------------------------------

    /**
     * Opens a TCP connection as a reader and writer: {@code reader, writer = await
     * asyncio.open_connection(host, port)}. Call it from a coroutine body.
     *
     * @param host a host name or address
     * @param port the port
     * @return the reader and the writer
     * @throws java.net.ConnectException {@code "Connect call failed ('127.0.0.1', 10000): ..."}
     */
    public static StreamPair openConnection(String host, int port) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * {@code await asyncio.open_connection(host, port, limit=limit)}.
     *
     * @param host a host name or address
     * @param port the port
     * @param limit the reader's buffer limit
     * @return the reader and the writer
     */
    public static StreamPair openConnection(String host, int port, int limit) {
        EventLoop loop = getRunningLoop();
        StreamReader reader = new StreamReader(limit, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        Transport transport = loop.createConnection(() -> protocol, host, port).transport();
        return new StreamPair(reader, new StreamWriter(transport, protocol, reader, loop));
    }

    /**
     * Opens a TLS connection as a reader and writer: {@code reader, writer = await
     * asyncio.open_connection(host, port, ssl=context, server_hostname=...)}. Call it from a
     * coroutine body. The writer cannot half-close ({@code canWriteEof()} is false).
     *
     * @param host a host name or address
     * @param port the port
     * @param ssl the context, server host name and timeouts (see {@link SslOptions})
     * @return the reader and the writer
     * @throws javax.net.ssl.SSLHandshakeException a certificate that is not trusted or does not name
     *     the server host
     */
    public static StreamPair openConnection(String host, int port, SslOptions ssl) {
        EventLoop loop = getRunningLoop();
        StreamReader reader = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(reader, null, loop);
        Transport transport = loop.createConnection(() -> protocol, host, port, ssl).transport();
        return new StreamPair(reader, new StreamWriter(transport, protocol, reader, loop));
    }

    /**
     * A TLS server that hands each connection, once its handshake is done, to
     * {@code clientConnected}: {@code await asyncio.start_server(client_connected_cb, host, port,
     * ssl=context)}. Call it from a coroutine body.
     *
     * @param clientConnected called for each connection; a coroutine it returns runs as a task
     * @param host a host name or address, or {@code null} for all interfaces
     * @param port a port, 0 for any free one
     * @param ssl the context (with the server's key and certificate) and timeouts
     * @return the server
     */
    public static Server startServer(StreamReaderProtocol.ClientConnected clientConnected, String host, int port, SslOptions ssl) {
        EventLoop loop = getRunningLoop();
        return loop.createServer(() -> new StreamReaderProtocol(new StreamReader(StreamReader.DEFAULT_LIMIT, loop), clientConnected, loop),
                host, port, ssl);
    }

    /**
     * Starts a TCP server that hands each connection to {@code clientConnected} as a reader and a
     * writer: {@code await asyncio.start_server(client_connected_cb, host, port)}. Call it from a
     * coroutine body.
     *
     * @param clientConnected called for each connection; a coroutine it returns runs as a task
     * @param host a host name or address, or {@code null} for all interfaces
     * @param port a port, 0 for any free one
     * @return the server
     */
    public static Server startServer(StreamReaderProtocol.ClientConnected clientConnected, String host, int port) {
        return startServer(clientConnected, host, port, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * {@code await asyncio.start_server(client_connected_cb, host, port, limit=limit)}.
     *
     * @param clientConnected called for each connection
     * @param host a host name or address, or {@code null}
     * @param port a port
     * @param limit each reader's buffer limit
     * @return the server
     */
    public static Server startServer(StreamReaderProtocol.ClientConnected clientConnected, String host, int port, int limit) {
        EventLoop loop = getRunningLoop();
        return loop.createServer(() -> new StreamReaderProtocol(new StreamReader(limit, loop), clientConnected, loop), host, port);
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
        // The same as sleep(delay, null), written out: a sleeping task keeps this frame in its stack
        // chunk, and one frame is less memory than two (see Task.suspend).
        Task<?> task = sleepingTask(delay);
        if (delay <= 0) {
            task.yieldNow();
            return;
        }
        Future<Object> future = task.loop.createFuture();
        TimerHandle h = task.loop.callLater(delay, Future::setResultUnlessCancelled, future, null);
        try {
            future.await();
        } finally {
            h.cancel();
        }
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
        Task<?> task = sleepingTask(delay);
        if (delay <= 0) {
            task.yieldNow();
            return result;
        }
        Future<T> future = task.loop.createFuture();
        TimerHandle h = task.loop.callLater(delay, Future::setResultUnlessCancelled, future, result);
        try {
            return future.await();
        } finally {
            h.cancel();
        }
    }

    private static Task<?> sleepingTask(double delay) {
        Task<?> task = Task.runningOnThisThread("sleep()");
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("Invalid delay: NaN (not a number)");
        }
        return task;
    }

    // --- combinators: Gather, Wait, Timeout (CPython 3.11; guarantees in those classes) ---------

    /** {@code asyncio.FIRST_COMPLETED}: {@code Asyncio.wait(fs, FIRST_COMPLETED)}. */
    public static final ReturnWhen FIRST_COMPLETED = ReturnWhen.FIRST_COMPLETED;
    /** {@code asyncio.FIRST_EXCEPTION}. */
    public static final ReturnWhen FIRST_EXCEPTION = ReturnWhen.FIRST_EXCEPTION;
    /** {@code asyncio.ALL_COMPLETED}. */
    public static final ReturnWhen ALL_COMPLETED = ReturnWhen.ALL_COMPLETED;

    /**
     * {@code asyncio.gather(*aws)} (rules as in asyncio).
     *
     * @param aws futures, tasks or coroutines
     * @return a future of the results in argument order
     */
    public static Future<List<Object>> gather(Object... aws) {
        return Gather.gather(aws);
    }

    /**
     * {@code asyncio.gather(*aws)} for a collection (rules as in asyncio).
     *
     * @param aws futures, tasks or coroutines
     * @return a future of the results in argument order
     */
    public static Future<List<Object>> gather(Collection<?> aws) {
        return Gather.gather(aws);
    }

    /**
     * {@code asyncio.gather(*aws, return_exceptions=returnExceptions)} (rules as in asyncio).
     *
     * @param aws futures, tasks or coroutines
     * @param returnExceptions collect exceptions in the list instead of failing
     * @return a future of the results in argument order
     */
    public static Future<List<Object>> gather(Collection<?> aws, boolean returnExceptions) {
        return Gather.gather(aws, returnExceptions);
    }

    /**
     * {@code await asyncio.wait(fs)} (rules as in asyncio). Call
     * it as {@code Asyncio.wait(...)}: inside a class a bare {@code wait(...)} finds Object.wait.
     *
     * @param fs futures or tasks
     * @return the done and pending sets
     */
    public static WaitResult wait(Collection<?> fs) {
        return Wait.wait(fs);
    }

    /**
     * {@code await asyncio.wait(fs, timeout=timeout)}.
     *
     * @param fs futures or tasks
     * @param timeout seconds, or {@code null} for none
     * @return the done and pending sets
     */
    public static WaitResult wait(Collection<?> fs, Double timeout) {
        return Wait.wait(fs, timeout);
    }

    /**
     * {@code await asyncio.wait(fs, return_when=returnWhen)}.
     *
     * @param fs futures or tasks
     * @param returnWhen when to return
     * @return the done and pending sets
     */
    public static WaitResult wait(Collection<?> fs, ReturnWhen returnWhen) {
        return Wait.wait(fs, returnWhen);
    }

    /**
     * {@code await asyncio.wait(fs, timeout=timeout, return_when=returnWhen)}.
     *
     * @param fs futures or tasks
     * @param timeout seconds, or {@code null} for none
     * @param returnWhen when to return
     * @return the done and pending sets
     */
    public static WaitResult wait(Collection<?> fs, Double timeout, ReturnWhen returnWhen) {
        return Wait.wait(fs, timeout, returnWhen);
    }

    /**
     * {@code await asyncio.wait_for(fut, timeout)} (rules as in asyncio).
     *
     * @param fut a future or task
     * @param timeout seconds, or {@code null} for a plain await
     * @param <T> result type
     * @return its result
     */
    public static <T> T waitFor(Future<T> fut, Double timeout) {
        return Wait.waitFor(fut, timeout);
    }

    /**
     * {@code await asyncio.wait_for(coro, timeout)} (rules as in asyncio).
     *
     * @param coro a coroutine
     * @param timeout seconds, or {@code null} for a plain await
     * @param <T> result type
     * @return its result
     */
    public static <T> T waitFor(Coroutine<T> coro, Double timeout) {
        return Wait.waitFor(coro, timeout);
    }

    /**
     * {@code asyncio.as_completed(fs)} (rules as in asyncio).
     *
     * @param fs futures, tasks or coroutines
     * @return coroutines to await, giving results in completion order
     */
    public static Iterable<Coroutine<Object>> asCompleted(Collection<?> fs) {
        return Wait.asCompleted(fs);
    }

    /**
     * {@code asyncio.as_completed(fs, timeout=timeout)}.
     *
     * @param fs futures, tasks or coroutines
     * @param timeout seconds, or {@code null} for none
     * @return coroutines to await, giving results in completion order
     */
    public static Iterable<Coroutine<Object>> asCompleted(Collection<?> fs, Double timeout) {
        return Wait.asCompleted(fs, timeout);
    }

    /**
     * {@code asyncio.shield(fut)} (rules as in asyncio).
     *
     * @param fut a future or task
     * @param <T> result type
     * @return the future to await instead
     */
    public static <T> Future<T> shield(Future<T> fut) {
        return Wait.shield(fut);
    }

    /**
     * {@code asyncio.shield(coro)}.
     *
     * @param coro a coroutine, wrapped in a task
     * @param <T> result type
     * @return the future to await instead
     */
    public static <T> Future<T> shield(Coroutine<T> coro) {
        return Wait.shield(coro);
    }

    /**
     * {@code asyncio.timeout(delay)}; enter it with {@link Timeout#asyncWith(Coroutine.Body)}.
     *
     * @param delay seconds, or {@code null} for none
     * @return the timeout, not yet entered
     */
    public static Timeout timeout(Double delay) {
        return Timeout.timeout(delay);
    }

    /**
     * {@code async with asyncio.timeout(delay): return body}.
     *
     * @param delay seconds, or {@code null} for none
     * @param body the block
     * @param <T> its value type
     * @return the block's value
     */
    public static <T> T timeout(Double delay, Coroutine.Body<T> body) {
        return Timeout.timeout(delay, body);
    }

    /**
     * {@code async with asyncio.timeout(delay): body}.
     *
     * @param delay seconds, or {@code null} for none
     * @param body the block
     */
    public static void timeout(Double delay, Coroutine.VoidBody body) {
        Timeout.timeout(delay, body);
    }

    /**
     * {@code asyncio.timeout_at(when)}; enter it with {@link Timeout#asyncWith(Coroutine.Body)}.
     *
     * @param when a loop time, or {@code null} for none
     * @return the timeout, not yet entered
     */
    public static Timeout timeoutAt(Double when) {
        return Timeout.timeoutAt(when);
    }

    // --- helpers --------------------------------------------------------------------------------

    static EventLoop runningLoopOrNull() {
        EventLoop loop = EventLoop.runningOnThisThread();
        return loop != null && loop.isRunning() ? loop : null;
    }
}
