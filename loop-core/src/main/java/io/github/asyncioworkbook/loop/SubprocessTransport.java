package io.github.asyncioworkbook.loop;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A running child process seen from the loop: asyncio's {@code asyncio.SubprocessTransport}
 * ({@code base_subprocess.BaseSubprocessTransport}). Made by {@link EventLoop#subprocessExec} and
 * {@link EventLoop#subprocessShell}; it calls the {@link SubprocessProtocol} in asyncio's order and
 * gives access to the child's pipes, pid and return code. Use it on the loop's thread.
 *
 * <p>The child's exit is noticed by the JDK's process reaper, and each pipe has a thread
 * ({@link SubprocessPipe}); all of them report with {@link EventLoop#callSoonThreadsafe}. Until the
 * exit and every pipe's end have been reported, the child is
 * {@linkplain EventLoop#startOutsideWork outside work} of the loop.
 *
 * <p>Nothing the child does reaches the loop before {@code subprocessExec} has returned to its
 * caller: the pipes' threads and the exit report wait until then ({@link #release()}). In asyncio
 * the caller resumes a few loop iterations after the fork, which in practice is long before a
 * real program's first output; here a warming-up JVM could let a fast child (such as
 * {@code df}) win that race, so the order is made certain. The exit is also reported only after
 * each reading pipe has handed over what the child wrote before it exited.
 *
 * <p><b>Differences from asyncio.</b> A child killed by a signal that this transport sent
 * ({@link #sendSignal}, {@link #terminate}, {@link #kill}) has return code {@code -N}, as in
 * Python; killed by anyone else, it has the JVM's {@code 128 + N}, because Java does not say
 * whether a child exited or was killed. Closing the loop closes the transports it still has (which
 * kills children that are still running, as asyncio's transport does when it is collected), and in
 * debug mode logs asyncio's "Close running child process: kill ..."; when such a child's exit is
 * then noticed, asyncio's child watcher warning "Loop ... that handles pid N is closed" is
 * logged, in any mode, as CPython 3.11 does.
 */
public final class SubprocessTransport {
    private final EventLoop loop;
    private final SubprocessProtocol protocol;
    private final Process proc;
    private final List<String> args;
    private final Map<Integer, SubprocessPipe> pipes = new TreeMap<>();
    private final EventLoop.OutsideWork work;
    private Integer returncode;
    private int signalSent;
    private boolean closed;
    private boolean finished;
    private List<Future<Integer>> exitWaiters = new ArrayList<>();
    /** Opened when the creator has resumed (or the transport closed): pipes and exit may report. */
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);
    /** Reports this transport if the JVM collects it before {@link #close()} ({@code ResourceWarning}). */
    private final Unclosed unclosed;

    private SubprocessTransport(EventLoop loop, SubprocessProtocol protocol, Process proc, List<String> args) {
        this.loop = loop;
        this.protocol = protocol;
        this.proc = proc;
        this.args = args;
        this.work = loop.startOutsideWork();
        this.unclosed = Unclosed.follow(this, "transport", () -> collectedRepr(proc), () -> {
            if (proc.isAlive()) {
                proc.destroyForcibly();
            }
        }, loop.getDebug());
    }

    /** The repr of a transport collected unclosed: its child's pid and exit status then. */
    private static String collectedRepr(Process proc) {
        return "<SubprocessTransport pid=" + proc.pid()
                + (proc.isAlive() ? " running" : " returncode=" + proc.exitValue()) + ">";
    }

    /**
     * Starts {@code args} and connects its pipes ({@code _make_subprocess_transport}). Runs on the
     * loop's thread; {@code connectionMade} is scheduled before any pipe or exit callback.
     */
    static SubprocessTransport start(EventLoop loop, SubprocessProtocol protocol, List<String> args,
            Stdio stdin, Stdio stdout, Stdio stderr) throws IOException {
        if (stdin == Stdio.STDOUT || stdout == Stdio.STDOUT) {
            throw new IllegalArgumentException("STDOUT can only be used for stderr");
        }
        ProcessBuilder pb = new ProcessBuilder(args);
        pb.redirectInput(switch (stdin) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.from(new File("/dev/null"));
            default -> ProcessBuilder.Redirect.INHERIT;
        });
        pb.redirectOutput(output(stdout));
        if (stderr == Stdio.STDOUT) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(output(stderr));
        }
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            throw translate(e, args.get(0));
        }
        SubprocessTransport t = new SubprocessTransport(loop, protocol, proc, List.copyOf(args));
        if (stdin == Stdio.PIPE) {
            t.pipes.put(0, SubprocessPipe.writing(t, proc.getOutputStream()));
        }
        if (stdout == Stdio.PIPE) {
            t.pipes.put(1, SubprocessPipe.reading(t, 1, proc.getInputStream()));
        }
        if (stderr == Stdio.PIPE) {
            t.pipes.put(2, SubprocessPipe.reading(t, 2, proc.getErrorStream()));
        }
        loop.callSoon(() -> protocol.connectionMade(t));
        for (SubprocessPipe p : t.pipes.values()) {
            p.start(proc.pid());
        }
        proc.onExit().whenCompleteAsync((p, e) -> t.exitNoticed(p),
                r -> Thread.ofVirtual().name("subprocess-" + proc.pid() + "-exit").start(r));
        return t;
    }

    /** How long the exit report waits for reading pipes to hand over what they read (see below). */
    private static final long SETTLE_NANOS = 250_000_000L;

    /**
     * Off the loop, once the JDK has reaped the child: waits (at most 0.25 s) until each reading
     * pipe has handed over what it read, then reports the exit. The child wrote that data before
     * it exited, and asyncio's selector sees it first in practice; without the wait the pipe's
     * thread and the reaper would race. A pipe that a grandchild keeps open holds the report back
     * for the whole 0.25 s, since its thread waits in {@code read} whether or not data is coming.
     */
    private void exitNoticed(Process p) {
        try {
            awaitReleased();
        } catch (InterruptedException e) {
            return;
        }
        long deadline = System.nanoTime() + SETTLE_NANOS;
        for (SubprocessPipe pipe : pipes.values()) {
            while (!pipe.settled() && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(200_000L);
            }
        }
        if (!post(() -> processExited(p.exitValue()))) {
            // asyncio's child watcher, when the child outlives its loop (always logged).
            Log.warning("asyncio", "Loop " + loop + " that handles pid " + p.pid() + " is closed");
        }
    }

    private static ProcessBuilder.Redirect output(Stdio where) {
        return switch (where) {
            case PIPE -> ProcessBuilder.Redirect.PIPE;
            case DEVNULL -> ProcessBuilder.Redirect.DISCARD;
            default -> ProcessBuilder.Redirect.INHERIT;
        };
    }

    /** Python's {@code FileNotFoundError: [Errno 2] No such file or directory: 'prog'}. */
    private static IOException translate(IOException e, String program) {
        java.util.regex.Matcher errno = java.util.regex.Pattern.compile("error[=:] ?(\\d+)").matcher(String.valueOf(e.getMessage()));
        String code = errno.find() ? errno.group(1) : "";
        IOException python;
        if (code.equals("2")) {
            python = new FileNotFoundException("[Errno 2] No such file or directory: '" + program + "'");
        } else if (code.equals("13")) {
            python = new java.nio.file.AccessDeniedException(program, null, "[Errno 13] Permission denied: '" + program + "'");
        } else {
            return e;
        }
        python.initCause(e);
        return python;
    }

    // --- asyncio's SubprocessTransport API ---------------------------------------------------------

    /** {@return the child's process id} ({@code get_pid()}) */
    public long getPid() {
        return proc.pid();
    }

    /**
     * {@return the return code, or {@code null} while the child runs} ({@code get_returncode()});
     * negative for a signal this transport sent
     */
    public Integer getReturncode() {
        return returncode;
    }

    /**
     * The pipe for {@code fd}: {@code get_pipe_transport(fd)}.
     *
     * @param fd 0, 1 or 2
     * @return the pipe, or {@code null} when that stream is not a {@link Stdio#PIPE}
     */
    public SubprocessPipe getPipeTransport(int fd) {
        return pipes.get(fd);
    }

    /**
     * Sends {@code sig} to the child: {@code send_signal(sig)}.
     *
     * @param sig a signal number ({@link Signals})
     * @throws IllegalStateException {@code ProcessLookupError} in Python: the child has exited
     */
    public void sendSignal(int sig) {
        checkProc();
        Signals.name(sig);
        try {
            Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(proc.pid())).redirectErrorStream(true).start();
            kill.getInputStream().readAllBytes();
            if (kill.waitFor() != 0 && proc.isAlive()) {
                throw new IllegalStateException("kill -" + sig + " " + proc.pid() + " failed");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signalSent = sig;
    }

    /**
     * SIGTERM: {@code terminate()}. Sent through the process handle: {@code Process.destroy}
     * would also close the pipes, and the readers would see an error instead of the child's end.
     */
    public void terminate() {
        checkProc();
        signalSent = Signals.SIGTERM;
        proc.toHandle().destroy();
    }

    /** SIGKILL: {@code kill()}; the pipes stay open until the child's end closes them. */
    public void kill() {
        checkProc();
        signalSent = Signals.SIGKILL;
        proc.toHandle().destroyForcibly();
    }

    private void checkProc() {
        if (closed && returncode != null) {
            throw new IllegalStateException("ProcessLookupError: the child has exited");
        }
    }

    /** {@return whether {@link #close()} was called} ({@code is_closing()}) */
    public boolean isClosing() {
        return closed;
    }

    /**
     * Closes the pipes and kills the child if it still runs: {@code close()}.
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        unclosed.closed();
        for (SubprocessPipe p : pipes.values()) {
            p.close();
        }
        release();
        if (returncode == null && proc.isAlive()) {
            if (loop.getDebug()) {
                Log.warning("asyncio", "Close running child process: kill " + this);
            }
            signalSent = Signals.SIGKILL;
            proc.destroyForcibly();  // also closes this end of every pipe
        } else {
            // The child is gone, but a descendant may hold its stdout or stderr open: give this
            // end of them up now, as asyncio closes its pipe transports.
            for (SubprocessPipe p : pipes.values()) {
                p.releaseReadEnd();
            }
        }
    }

    /**
     * Waits for the child to exit: what {@code Process.wait()} awaits ({@code _wait()}). Call it
     * from a coroutine body.
     *
     * @return the return code
     */
    public int waitForExit() {
        if (returncode != null) {
            return returncode;
        }
        Future<Integer> waiter = loop.createFuture();
        exitWaiters.add(waiter);
        return waiter.await();
    }

    // --- reports from the threads (on the loop) ---------------------------------------------------

    EventLoop loop() {
        return loop;
    }

    /**
     * Lets the pipes and the exit report reach the loop: called once {@code subprocessExec}'s
     * caller has resumed, and by {@link #close()}.
     */
    void release() {
        released.countDown();
    }

    /** Off the loop: waits until {@link #release()}. */
    void awaitReleased() throws InterruptedException {
        released.await();
    }

    /**
     * Hands {@code step} to the loop from a thread, once {@link #release() released}; false once
     * the loop is closed.
     */
    boolean post(Callback step) {
        try {
            awaitReleased();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (loop.isClosed()) {
                return false;
            }
            loop.callSoonThreadsafe(step);
            return true;
        } catch (IllegalStateException closedMeanwhile) {
            return false;
        }
    }

    void pauseWriting() {
        protocol.pauseWriting();
    }

    void resumeWriting() {
        protocol.resumeWriting();
    }

    void pipeDataReceived(int fd, byte[] data) {
        protocol.pipeDataReceived(fd, data);
    }

    void pipeConnectionLost(int fd, Exception exc) {
        loop.callSoon(() -> protocol.pipeConnectionLost(fd, exc));
        tryFinish();
    }

    /** {@code _process_exited(returncode)}. */
    private void processExited(int exitValue) {
        SubprocessPipe stdin = pipes.get(0);
        if (stdin != null && !stdin.disconnected) {
            stdin.peerGone();  // reported before the exit, as asyncio's selector sees the pipe close first
        }
        returncode = signalSent != 0 && exitValue == 128 + signalSent ? -signalSent : exitValue;
        if (loop.getDebug()) {
            Log.info("asyncio", this + " exited with return code " + returncode);
        }
        loop.callSoon(protocol::processExited);
        tryFinish();
        for (Future<Integer> w : exitWaiters) {
            if (!w.cancelled()) {
                w.setResult(returncode);
            }
        }
        exitWaiters = List.of();
    }

    /** {@code _try_finish}: connectionLost once the child exited and every pipe closed. */
    private void tryFinish() {
        if (finished || returncode == null) {
            return;
        }
        for (SubprocessPipe p : pipes.values()) {
            if (!p.disconnected) {
                return;
            }
        }
        finished = true;
        loop.callSoon(() -> {
            try {
                protocol.connectionLost(null);
            } finally {
                loop.subprocessFinished(this);
                work.close();
            }
        });
    }

    /** Part of loop close: closes the transport and gives up its outside work. */
    void closeWithLoop() {
        close();
        work.close();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<SubprocessTransport");
        if (closed) {
            s.append(" closed");
        }
        s.append(" pid=").append(proc.pid());
        s.append(returncode != null ? " returncode=" + returncode : " running");
        for (Map.Entry<Integer, SubprocessPipe> e : pipes.entrySet()) {
            s.append(e.getKey() == 0 ? " stdin=" : e.getKey() == 1 ? " stdout=" : " stderr=").append(e.getValue());
        }
        return s.append('>').toString();
    }

    /** {@code args} as given, for reprs of the high-level process. */
    List<String> args() {
        return args;
    }
}
