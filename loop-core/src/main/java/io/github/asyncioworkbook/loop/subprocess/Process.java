package io.github.asyncioworkbook.loop.subprocess;

import io.github.asyncioworkbook.loop.Asyncio;
import io.github.asyncioworkbook.loop.Coroutine;
import io.github.asyncioworkbook.loop.EventLoop;
import io.github.asyncioworkbook.loop.Log;
import io.github.asyncioworkbook.loop.Stdio;
import io.github.asyncioworkbook.loop.StreamReader;
import io.github.asyncioworkbook.loop.StreamWriter;
import io.github.asyncioworkbook.loop.SubprocessConnection;
import io.github.asyncioworkbook.loop.SubprocessTransport;
import java.io.IOException;
import java.util.List;

/**
 * A child process with stream pipes: asyncio's {@code asyncio.subprocess.Process}, made by
 * {@link Asyncio#createSubprocessExec} and {@link Asyncio#createSubprocessShell}.
 *
 * <p>Piped streams are {@link #stdin()} (a {@link StreamWriter}), {@link #stdout()} and
 * {@link #stderr()} ({@link StreamReader}s); a stream that is not a {@link Stdio#PIPE} is
 * {@code null}, as in Python. {@link #waitForExit()} and {@link #communicate(byte[])} wait where
 * Python awaits, so call them from a coroutine body; the other methods belong on the loop's thread.
 *
 * <p>As in asyncio, {@code waitForExit} with {@code stdout=PIPE} or {@code stderr=PIPE} can hang
 * when nobody reads the pipe and the child fills it; {@code communicate} reads both pipes while it
 * feeds stdin and then waits, so it cannot. Its result holds the whole output, while the streams in
 * between hold at most about twice their limit each.
 *
 * <p><b>Differences from asyncio.</b> {@code wait()} is {@link #waitForExit()} (Java's
 * {@code Object.wait} is final), and the {@code (stdout, stderr)} tuple is an {@link Output}.
 */
public final class Process {
    private final SubprocessTransport transport;
    private final EventLoop loop;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final long pid;

    private Process(SubprocessTransport transport, SubprocessStreamProtocol protocol, EventLoop loop) {
        this.transport = transport;
        this.loop = loop;
        this.stdin = protocol.stdin();
        this.stdout = protocol.stdout();
        this.stderr = protocol.stderr();
        this.pid = transport.getPid();
    }

    /**
     * What {@link #communicate(byte[])} returns: Python's {@code (stdout_data, stderr_data)}.
     *
     * @param stdout everything the child wrote to stdout, or {@code null} when stdout is not a pipe
     * @param stderr everything the child wrote to stderr, or {@code null} when stderr is not a pipe
     */
    public record Output(byte[] stdout, byte[] stderr) {
    }

    /**
     * Starts {@code args} on the running loop: {@code await asyncio.create_subprocess_exec(*args,
     * stdin=..., stdout=..., stderr=..., limit=...)}. Use {@link Asyncio#createSubprocessExec}.
     *
     * @param args the program and its arguments
     * @param stdin where stdin comes from
     * @param stdout where stdout goes
     * @param stderr where stderr goes ({@link Stdio#STDOUT}: with stdout)
     * @param limit the stream readers' buffer limit
     * @return the process
     * @throws IOException when the program cannot be started ({@code FileNotFoundException
     *     "[Errno 2] No such file or directory: 'prog'"} as Python's {@code FileNotFoundError})
     */
    public static Process exec(List<String> args, Stdio stdin, Stdio stdout, Stdio stderr, int limit) throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        SubprocessConnection<SubprocessStreamProtocol> c = loop.subprocessExec(
                () -> new SubprocessStreamProtocol(limit, loop), args, stdin, stdout, stderr);
        return new Process(c.transport(), c.protocol(), loop);
    }

    /**
     * Runs {@code cmd} with the shell on the running loop: {@code await
     * asyncio.create_subprocess_shell(cmd, ...)}. Use {@link Asyncio#createSubprocessShell}.
     *
     * @param cmd the shell command line
     * @param stdin where stdin comes from
     * @param stdout where stdout goes
     * @param stderr where stderr goes
     * @param limit the stream readers' buffer limit
     * @return the process
     * @throws IOException when the shell cannot be started
     */
    public static Process shell(String cmd, Stdio stdin, Stdio stdout, Stdio stderr, int limit) throws IOException {
        EventLoop loop = Asyncio.getRunningLoop();
        SubprocessConnection<SubprocessStreamProtocol> c = loop.subprocessShell(
                () -> new SubprocessStreamProtocol(limit, loop), cmd, stdin, stdout, stderr);
        return new Process(c.transport(), c.protocol(), loop);
    }

    /** {@return the writer of the child's stdin, or {@code null}} ({@code proc.stdin}) */
    public StreamWriter stdin() {
        return stdin;
    }

    /** {@return the reader of the child's stdout, or {@code null}} ({@code proc.stdout}) */
    public StreamReader stdout() {
        return stdout;
    }

    /** {@return the reader of the child's stderr, or {@code null}} ({@code proc.stderr}) */
    public StreamReader stderr() {
        return stderr;
    }

    /** {@return the child's process id} ({@code proc.pid}) */
    public long pid() {
        return pid;
    }

    /**
     * {@return the exit status, or {@code null} while the child runs} ({@code proc.returncode});
     * {@code -N} when a signal N sent through this process ended it
     */
    public Integer returncode() {
        return transport.getReturncode();
    }

    /**
     * Waits for the child to exit: {@code await proc.wait()}.
     *
     * @return the return code
     */
    public int waitForExit() {
        return transport.waitForExit();
    }

    /**
     * Sends a signal: {@code proc.send_signal(sig)}.
     *
     * @param sig a signal number ({@link io.github.asyncioworkbook.loop.Signals})
     */
    public void sendSignal(int sig) {
        transport.sendSignal(sig);
    }

    /** Sends SIGTERM: {@code proc.terminate()}. */
    public void terminate() {
        transport.terminate();
    }

    /** Sends SIGKILL: {@code proc.kill()}. */
    public void kill() {
        transport.kill();
    }

    /**
     * {@code await proc.communicate()}: reads stdout and stderr (those that are pipes) to their end,
     * closes stdin, then waits for the child to exit.
     *
     * @return what the child wrote
     * @throws IOException a pipe's read error
     */
    public Output communicate() throws IOException {
        return communicate(null);
    }

    /**
     * {@code await proc.communicate(input)}: writes {@code input} to stdin (when stdin is a pipe)
     * and closes it, while it reads stdout and stderr to their end, all at once; then waits for the
     * child to exit. A child that exits without reading its input is not an error (asyncio ignores
     * {@code BrokenPipeError} and {@code ConnectionResetError} here).
     *
     * @param input bytes for stdin, or {@code null}
     * @return what the child wrote
     * @throws IOException a pipe's read error
     */
    public Output communicate(byte[] input) throws IOException {
        Coroutine<Void> feed = stdin != null ? Coroutine.named("_feed_stdin", () -> feedStdin(input)) : noop();
        Coroutine<byte[]> out = stdout != null ? Coroutine.named("_read_stream", () -> readStream(1)) : noop();
        Coroutine<byte[]> err = stderr != null ? Coroutine.named("_read_stream", () -> readStream(2)) : noop();
        List<Object> results = Asyncio.gather(feed, out, err).await();
        waitForExit();
        return new Output((byte[]) results.get(1), (byte[]) results.get(2));
    }

    private static <T> Coroutine<T> noop() {
        return Coroutine.named("_noop", () -> null);
    }

    /** asyncio's {@code _feed_stdin}. */
    private Void feedStdin(byte[] input) {
        boolean debug = loop.getDebug();
        try {
            if (input != null) {
                stdin.write(input);
                if (debug) {
                    Log.debug("asyncio", this + " communicate: feed stdin (" + input.length + " bytes)");
                }
            }
            stdin.drain();
        } catch (IOException e) {
            // BrokenPipeError, ConnectionResetError: the child does not read its input any more.
            if (debug) {
                Log.debug("asyncio", this + " communicate: stdin got " + e);
            }
        }
        if (debug) {
            Log.debug("asyncio", this + " communicate: close stdin");
        }
        stdin.close();
        return null;
    }

    /** asyncio's {@code _read_stream}: everything until the end, then the pipe closed. */
    private byte[] readStream(int fd) throws IOException {
        String name = fd == 1 ? "stdout" : "stderr";
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " communicate: read " + name);
        }
        byte[] output = (fd == 1 ? stdout : stderr).read();
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " communicate: close " + name);
        }
        transport.getPipeTransport(fd).close();
        return output;
    }

    /** {@return {@code <Process PID>}, as asyncio's repr} */
    @Override
    public String toString() {
        return "<Process " + pid + ">";
    }
}
