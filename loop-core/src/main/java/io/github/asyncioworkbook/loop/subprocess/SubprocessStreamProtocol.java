package io.github.asyncioworkbook.loop.subprocess;

import io.github.asyncioworkbook.loop.EventLoop;
import io.github.asyncioworkbook.loop.StreamReader;
import io.github.asyncioworkbook.loop.StreamReaderProtocol;
import io.github.asyncioworkbook.loop.StreamWriter;
import io.github.asyncioworkbook.loop.SubprocessPipe;
import io.github.asyncioworkbook.loop.SubprocessProtocol;
import io.github.asyncioworkbook.loop.SubprocessTransport;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol between a child's transport and its streams: asyncio's
 * {@code asyncio.subprocess.SubprocessStreamProtocol}. On {@code connectionMade} it makes a
 * {@link StreamReader} for each piped output (stdout, stderr) and a {@link StreamWriter} for a
 * piped stdin; it feeds what the child writes into the readers, ends them when the pipes close,
 * and closes the transport once the child has exited and both output pipes are closed.
 *
 * <p>Flow control of stdin (asyncio's {@code FlowControlMixin}) is a {@link StreamReaderProtocol}
 * without a reader: the stdin pipe's {@code pauseWriting}/{@code resumeWriting} reach it, so
 * {@link StreamWriter#drain()} waits while more than 64 KiB are unwritten, and the loss of the
 * stdin pipe makes later drains fail with {@code "Connection lost"} (asyncio's
 * {@code ConnectionResetError}). Runs on the loop's thread.
 */
public final class SubprocessStreamProtocol implements SubprocessProtocol {
    private final int limit;
    private final EventLoop loop;
    private final StreamReaderProtocol stdinFlow;
    private StreamWriter stdin;
    private StreamReader stdout;
    private StreamReader stderr;
    private SubprocessTransport transport;
    private boolean processExited;
    private final List<Integer> pipeFds = new ArrayList<>();

    /**
     * @param limit the readers' buffer limit ({@code limit}, {@link StreamReader#DEFAULT_LIMIT} by default)
     * @param loop the loop
     */
    public SubprocessStreamProtocol(int limit, EventLoop loop) {
        this.limit = limit;
        this.loop = loop;
        this.stdinFlow = new StreamReaderProtocol(null, null, loop);
    }

    @Override
    public void connectionMade(SubprocessTransport t) {
        transport = t;
        SubprocessPipe out = t.getPipeTransport(1);
        if (out != null) {
            stdout = reader(out);
            pipeFds.add(1);
        }
        SubprocessPipe err = t.getPipeTransport(2);
        if (err != null) {
            stderr = reader(err);
            pipeFds.add(2);
        }
        SubprocessPipe in = t.getPipeTransport(0);
        if (in != null) {
            PipeTransport pipe = new PipeTransport(in);
            stdinFlow.connectionMade(pipe);
            stdin = new StreamWriter(pipe, stdinFlow, null, loop);
        }
    }

    private StreamReader reader(SubprocessPipe pipe) {
        StreamReader r = new StreamReader(limit, loop);
        r.setTransport(new PipeTransport(pipe));
        return r;
    }

    @Override
    public void pipeDataReceived(int fd, byte[] data) {
        StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (r != null) {
            r.feedData(data);
        }
    }

    @Override
    public void pipeConnectionLost(int fd, Exception exc) {
        if (fd == 0) {
            if (stdin != null) {
                stdin.close();
            }
            stdinFlow.connectionLost(exc);
            return;
        }
        StreamReader r = fd == 1 ? stdout : fd == 2 ? stderr : null;
        if (r != null) {
            if (exc == null) {
                r.feedEof();
            } else {
                r.setException(exc);
            }
        }
        pipeFds.remove(Integer.valueOf(fd));
        maybeCloseTransport();
    }

    @Override
    public void processExited() {
        processExited = true;
        maybeCloseTransport();
    }

    private void maybeCloseTransport() {
        if (pipeFds.isEmpty() && processExited && transport != null) {
            transport.close();
            transport = null;
        }
    }

    @Override
    public void pauseWriting() {
        stdinFlow.pauseWriting();
    }

    @Override
    public void resumeWriting() {
        stdinFlow.resumeWriting();
    }

    /** {@return the writer of the child's stdin, or {@code null} when stdin is not a pipe} */
    public StreamWriter stdin() {
        return stdin;
    }

    /** {@return the reader of the child's stdout, or {@code null} when stdout is not a pipe} */
    public StreamReader stdout() {
        return stdout;
    }

    /** {@return the reader of the child's stderr, or {@code null} when stderr is not a pipe} */
    public StreamReader stderr() {
        return stderr;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<SubprocessStreamProtocol");
        if (stdin != null) {
            s.append(" stdin=").append(stdin);
        }
        if (stdout != null) {
            s.append(" stdout=").append(stdout);
        }
        if (stderr != null) {
            s.append(" stderr=").append(stderr);
        }
        return s.append('>').toString();
    }
}
