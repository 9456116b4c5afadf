package io.github.asyncioworkbook.loop;

/**
 * Ctrl-C (SIGINT) while a loop runs outside {@link Asyncio#run}: Python's
 * {@code signal.default_int_handler}, which raises {@code KeyboardInterrupt} wherever the main
 * thread is, here inside {@code loop.run_forever()} waiting in its selector. A pre-{@code asyncio.run}
 * program such as PyMOTW-3's echo servers ({@code try: loop.run_forever() finally: server.close()})
 * relies on it to end through its {@code finally} blocks.
 *
 * <p>{@link EventLoop#runForever} installs one for the time it runs, only on the program's main
 * thread (the thread named {@code main}: Python raises KeyboardInterrupt in its main thread only,
 * and a loop run elsewhere, a benchmark's say, pays nothing) and only if SIGINT still has the
 * JVM's own handler ({@link SignalHandlers#installIfDefault}): under {@link Asyncio#run} its
 * {@link InterruptHandler} keeps SIGINT, as does a loop's {@code addSignalHandler(SIGINT, ...)}
 * and a second loop running at the same time. On SIGINT it hands the loop, through
 * {@link EventLoop#callSoonThreadsafe}, a callback that throws {@link KeyboardInterrupt}; the loop
 * lets it through, so it escapes {@code runForever}. Escaping {@code main} as well, it ends the
 * program as Python's does ({@link Tracebacks#exitOnKeyboardInterrupt()}: traceback, status 130).
 * When the run ends the JVM's handler is back, so Ctrl-C between two runs ends the JVM at once.
 */
final class DefaultIntHandler implements AutoCloseable {
    /** The name of the thread the JVM runs {@code main} on: Python raises KeyboardInterrupt in its main thread only. */
    private static final String MAIN = "main";

    private final boolean installed;
    private volatile boolean delivered;

    private DefaultIntHandler(EventLoop loop) {
        this.installed = Signals.SIGINT > 0 && Thread.currentThread().getName().equals(MAIN)
                && SignalHandlers.installIfDefault(Signals.SIGINT, () -> onSigint(loop));
    }

    /**
     * Installs the handler for {@code loop}'s run if SIGINT is free.
     *
     * @param loop the loop about to run
     * @return the handler; {@link #close()} it when the run ends
     */
    static DefaultIntHandler install(EventLoop loop) {
        return new DefaultIntHandler(loop);
    }

    /** {@return whether a SIGINT arrived while installed} */
    boolean delivered() {
        return delivered;
    }

    /** On the JVM's signal thread. */
    private void onSigint(EventLoop loop) {
        delivered = true;
        try {
            loop.callSoonThreadsafe(() -> {
                throw new KeyboardInterrupt();
            });
        } catch (IllegalStateException closed) {
            // the loop is closed: nothing runs it any more
        }
    }

    /** Gives SIGINT back to the JVM, unless a loop's own SIGINT handler has taken it meanwhile. */
    @Override
    public void close() {
        if (installed && !SignalHandlers.isInstalled(Signals.SIGINT)) {
            SignalHandlers.restore(Signals.SIGINT);
        }
    }
}
