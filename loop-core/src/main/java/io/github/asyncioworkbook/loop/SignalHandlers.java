package io.github.asyncioworkbook.loop;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide side of signal handling: installs a JVM handler for a signal and puts back the
 * JVM's own one later, as {@code signal.signal(sig, handler)} and {@code signal.signal(sig,
 * SIG_DFL)} do under asyncio's {@code add_signal_handler}/{@code remove_signal_handler}. The JVM
 * runs signal handlers on a thread of its own, so what a handler does must be thread-safe; loop-core's
 * handlers only call {@link EventLoop#callSoonThreadsafe}.
 *
 * <p>"The JVM's own handler" is the one that was installed before loop-core first touched the
 * signal: for SIGHUP, SIGINT and SIGTERM, the one that starts the JVM's shutdown (exit status
 * 128 + signal number); for the others, the OS default.
 */
final class SignalHandlers {
    /** The handler the JVM had before loop-core replaced it, per signal number. */
    private static final ConcurrentHashMap<Integer, sun.misc.SignalHandler> ORIGINAL = new ConcurrentHashMap<>();

    /** Signals a loop's handler owns now. */
    private static final java.util.Set<Integer> INSTALLED = ConcurrentHashMap.newKeySet();

    private SignalHandlers() {
    }

    /** {@return whether a loop's handler owns {@code sig} now} */
    static boolean isInstalled(int sig) {
        return INSTALLED.contains(sig);
    }

    /**
     * Makes {@code onSignal} run (on the JVM's signal thread) each time {@code sig} arrives.
     *
     * @param sig a valid signal number that the JVM lets programs handle
     * @param onSignal what to do
     * @throws IllegalStateException {@code "sig N cannot be caught"} if the JVM or OS refuses
     */
    static synchronized void install(int sig, Runnable onSignal) {
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(Signals.signal(sig), s -> {
                try {
                    onSignal.run();
                } finally {
                    delivered(sig);
                }
            });
        } catch (IllegalArgumentException refused) {
            throw new IllegalStateException("sig " + sig + " cannot be caught (" + refused.getMessage() + ")", refused);
        }
        ORIGINAL.putIfAbsent(sig, previous);
        INSTALLED.add(sig);
    }

    /** Signals handled so far, per number: lets {@link #raiseAndWait} wait for its delivery. */
    private static final ConcurrentHashMap<Integer, Long> DELIVERED = new ConcurrentHashMap<>();
    private static final Object DELIVERY = new Object();

    private static void delivered(int sig) {
        synchronized (DELIVERY) {
            DELIVERED.merge(sig, 1L, Long::sum);
            DELIVERY.notifyAll();
        }
    }

    /**
     * Raises {@code sig} in this process and, if loop-core handles it, returns only once the
     * handler has run (at most 5 s), so its callback is already queued on the loop. This is
     * what {@code os.kill(os.getpid(), sig)} guarantees in Python, where the signal is delivered
     * before {@code kill} returns; the JVM runs Java handlers on a thread of its own, later.
     *
     * @param signal the signal
     * @param sig its number
     * @return whether loop-core's handler ran
     */
    static boolean raiseAndWait(sun.misc.Signal signal, int sig) throws InterruptedException {
        long before;
        synchronized (DELIVERY) {
            before = DELIVERED.getOrDefault(sig, 0L);
        }
        sun.misc.Signal.raise(signal);
        long deadline = System.nanoTime() + 5_000_000_000L;
        synchronized (DELIVERY) {
            while (DELIVERED.getOrDefault(sig, 0L) == before) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                DELIVERY.wait(left);
            }
        }
        return true;
    }

    /**
     * Puts back the JVM's own handler of {@code sig} (a no-op if loop-core never replaced it).
     *
     * @param sig a signal number
     */
    static synchronized void restore(int sig) {
        INSTALLED.remove(sig);
        sun.misc.SignalHandler original = ORIGINAL.get(sig);
        if (original != null) {
            sun.misc.Signal.handle(Signals.signal(sig), original);
        }
    }

    /**
     * Installs {@code onSignal} only if the JVM's own handler is in place for {@code sig} (nobody,
     * loop-core included, has installed one, and the signal is not ignored, as it is for a
     * program started in the background by a shell): CPython's runner installs its SIGINT handler
     * only when {@code signal.getsignal(SIGINT) is signal.default_int_handler}.
     *
     * @param sig a signal number
     * @param onSignal what to do
     * @return whether it was installed
     */
    static synchronized boolean installIfDefault(int sig, Runnable onSignal) {
        sun.misc.SignalHandler mine = s -> onSignal.run();
        sun.misc.SignalHandler previous;
        try {
            previous = sun.misc.Signal.handle(Signals.signal(sig), mine);
        } catch (IllegalArgumentException refused) {
            return false;  // e.g. the JVM runs with -Xrs
        }
        sun.misc.SignalHandler original = ORIGINAL.putIfAbsent(sig, previous);
        if (previous == sun.misc.SignalHandler.SIG_IGN || original != null && !sameHandler(previous, original)) {
            sun.misc.Signal.handle(Signals.signal(sig), previous);  // someone else's: leave it
            return false;
        }
        return true;
    }

    /**
     * Whether two handlers {@code sun.misc.Signal.handle} returned are the same handler. A handler
     * installed through {@code sun.misc.Signal} comes back as itself, but the JVM's own one (its
     * shutdown handler) comes back in a new wrapper on every call, whose {@code toString} is that of
     * the handler it wraps: so the second loop run of a program would otherwise find SIGINT taken.
     */
    private static boolean sameHandler(sun.misc.SignalHandler a, sun.misc.SignalHandler b) {
        return a == b || a.getClass() == b.getClass() && a.getClass().getEnclosingClass() == sun.misc.Signal.class
                && a.toString().equals(b.toString());
    }
}
