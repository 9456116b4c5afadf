package io.github.asyncioworkbook.loop;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Unix signal numbers of this platform, as Python's {@code signal} module names them
 * ({@code signal.SIGHUP}, {@code signal.valid_signals()}, {@code signal.raise_signal()}), for
 * {@link EventLoop#addSignalHandler}. The numbers are read from the JVM at start-up, so they are
 * right on Linux and macOS alike (SIGUSR1 is 10 on one and 30 on the other).
 *
 * <p>Some signals cannot be handled in Java: SIGKILL and SIGSTOP (the OS forbids it, as for
 * Python), and the ones the JVM keeps for itself (SIGQUIT prints a thread dump; SIGSEGV, SIGBUS,
 * SIGFPE, SIGILL, SIGUSR2, SIGPIPE, SIGXFSZ are used by the JVM's own machinery). See
 * {@link #jvmKeeps(int)}.
 */
public final class Signals {
    /** Hang-up. */
    public static final int SIGHUP = number("HUP");
    /** Interrupt (Ctrl-C). */
    public static final int SIGINT = number("INT");
    /** Quit (Ctrl-\); kept by the JVM for thread dumps. */
    public static final int SIGQUIT = number("QUIT");
    /** Kill; cannot be caught. */
    public static final int SIGKILL = number("KILL");
    /** User-defined signal 1. */
    public static final int SIGUSR1 = number("USR1");
    /** User-defined signal 2; kept by the JVM. */
    public static final int SIGUSR2 = number("USR2");
    /** Alarm clock. */
    public static final int SIGALRM = number("ALRM");
    /** Termination request. */
    public static final int SIGTERM = number("TERM");
    /** Child stopped or exited. */
    public static final int SIGCHLD = number("CHLD");
    /** Continue. */
    public static final int SIGCONT = number("CONT");
    /** Stop; cannot be caught. */
    public static final int SIGSTOP = number("STOP");
    /** Window size change. */
    public static final int SIGWINCH = number("WINCH");

    /** Every name the platform might know, without the SIG prefix (POSIX and common extras). */
    private static final String[] CANDIDATES = {
        "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
        "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
        "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS", "EMT", "INFO",
    };
    /** Signals the JVM handles itself, by name: a handler of ours would break it. */
    private static final Set<String> JVM_KEEPS = Set.of("QUIT", "SEGV", "BUS", "FPE", "ILL", "USR2", "PIPE", "XFSZ");
    /** Signals no process can catch. */
    private static final Set<String> UNCATCHABLE = Set.of("KILL", "STOP");

    private static final class Table {
        static final Map<Integer, String> NAMES = names();

        private static Map<Integer, String> names() {
            Map<Integer, String> names = new TreeMap<>();
            for (String n : CANDIDATES) {
                try {
                    names.putIfAbsent(new sun.misc.Signal(n).getNumber(), n);
                } catch (IllegalArgumentException unknownHere) {
                    // not a signal of this platform
                }
            }
            return Collections.unmodifiableMap(names);
        }
    }

    /** Whether a loop's addSignalHandler currently handles the signal. */
    private static final java.util.function.IntPredicate HANDLED_BY_LOOPS = SignalHandlers::isInstalled;

    private Signals() {
    }

    private static int number(String name) {
        try {
            return new sun.misc.Signal(name).getNumber();
        } catch (IllegalArgumentException unknownHere) {
            return -1;
        }
    }

    /**
     * {@code signal.valid_signals()}.
     *
     * @return the signal numbers this platform knows, ascending
     */
    public static Set<Integer> validSignals() {
        return Table.NAMES.keySet();
    }

    /**
     * {@code signal.Signals(sig).name}.
     *
     * @param sig a signal number
     * @return its name with the {@code SIG} prefix ({@code "SIGHUP"})
     * @throws IllegalArgumentException {@code "invalid signal number 99"}
     */
    public static String name(int sig) {
        String n = Table.NAMES.get(sig);
        if (n == null) {
            throw new IllegalArgumentException("invalid signal number " + sig);
        }
        return "SIG" + n;
    }

    /**
     * @param sig a valid signal number
     * @return whether the JVM handles {@code sig} itself, so that loop-core must not replace its
     *     handler
     */
    public static boolean jvmKeeps(int sig) {
        return JVM_KEEPS.contains(Table.NAMES.get(sig));
    }

    /**
     * @param sig a valid signal number
     * @return whether no process can catch it (SIGKILL, SIGSTOP)
     */
    public static boolean uncatchable(int sig) {
        return UNCATCHABLE.contains(Table.NAMES.get(sig));
    }

    /**
     * Sends {@code sig} to this process: {@code signal.raise_signal(sig)} (or
     * {@code os.kill(os.getpid(), sig)}). As in Python, a signal that a loop handles has been
     * delivered when this returns: its callback is queued on the loop. A signal no Java handler
     * takes is sent with the {@code kill} command, so the OS applies its default action.
     *
     * @param sig a signal number
     * @throws IllegalArgumentException for an invalid number
     */
    public static void raiseSignal(int sig) {
        sun.misc.Signal signal = signal(sig);
        try {
            if (HANDLED_BY_LOOPS.test(sig)) {
                SignalHandlers.raiseAndWait(signal, sig);
            } else {
                sun.misc.Signal.raise(signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalArgumentException noJavaHandler) {
            // The JVM raises only signals it handles; the OS delivers the others (default action).
            killSelf(sig);
        }
    }

    private static void killSelf(int sig) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + sig + " failed: " + out.strip());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot run kill to raise " + name(sig), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while raising " + name(sig), e);
        }
    }

    /** The JVM's handle on {@code sig}. */
    static sun.misc.Signal signal(int sig) {
        return new sun.misc.Signal(name(sig).substring(3));
    }
}
