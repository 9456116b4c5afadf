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
 * <p><b>Differences from asyncio.</b> A child killed by a signal that this transport sent
 * ({@link #sendSignal}, {@link #terminate}, {@link #kill}) has return code {@code -N}, as in
 * Python; killed by anyone else, it has the JVM's {@code 128 + N}, because Java does not say
 * whether a child exited or was killed. Closing the loop closes the transports it still has (which
 * kills children that are still running, as asyncio's transport does when it is collected), and in
 * debug mode logs asyncio's "Close running child process: kill ...".
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
        proc.onExit().whenComplete((p, e) -> t.post(() -> t.processExited(p.exitValue())));
        return t;
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

    /** SIGTERM: {@code terminate()}. */
    public void terminate() {
        checkProc();
        signalSent = Signals.SIGTERM;
        proc.destroy();
    }

    /** SIGKILL: {@code kill()}. */
    public void kill() {
        checkProc();
        signalSent = Signals.SIGKILL;
        proc.destroyForcibly();
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
        if (returncode == null && proc.isAlive()) {
            if (loop.getDebug()) {
                Log.warning("asyncio", "Close running child process: kill " + this);
            }
            signalSent = Signals.SIGKILL;
            proc.destroyForcibly();
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

    /** Hands {@code step} to the loop from a thread; false once the loop is closed. */
    boolean post(Callback step) {
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
