package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pipe between the loop and a child process, as {@link SubprocessTransport#getPipeTransport}
 * returns it: asyncio's read and write pipe transports of a subprocess
 * ({@code _UnixReadPipeTransport}/{@code _UnixWritePipeTransport} with
 * {@code ReadSubprocessPipeProto}/{@code WriteSubprocessPipeProto}).
 *
 * <p>A thread of its own does the blocking reads or writes and reports to the loop with
 * {@link EventLoop#callSoonThreadsafe}, since plain {@code java.lang.Process} streams cannot be
 * registered with a selector. A reading pipe hands over at most one chunk (up to 256 KiB, asyncio's
 * {@code max_size}) at a time: it reads the next only after the loop has delivered the previous
 * one and reading is not paused, so a child that writes faster than the protocol consumes blocks on
 * a full pipe instead of filling this JVM's memory. A writing pipe tells the protocol
 * {@code pauseWriting} when more than 64 KiB wait to be written and {@code resumeWriting} once
 * 16 KiB or less are left, as asyncio's write pipe transport does. Methods other than the thread's
 * own are called on the loop's thread.
 */
public final class SubprocessPipe {
    private static final int MAX_SIZE = 256 * 1024;
    private static final byte[] EOF = new byte[0];
    /** The write buffer sizes of asyncio's flow control: pause above, resume at or below. */
    private static final int HIGH_WATER = 64 * 1024;
    private static final int LOW_WATER = 16 * 1024;
    /** Reading thread states, for {@link #settled()}. */
    private static final int READING = 0;
    private static final int HOLDING = 1;
    private static final int POSTED = 2;
    private static final int ENDED = 3;

    private final SubprocessTransport owner;
    private final int fd;
    private final InputStream in;
    private final OutputStream out;
    /** Reading: one permit per chunk the thread may read; held while a chunk is in flight or paused. */
    private final Semaphore mayRead = new Semaphore(0);
    /** Writing: what the loop wrote and the thread has not written yet; {@link #EOF} ends it. */
    private final LinkedBlockingQueue<byte[]> toWrite = new LinkedBlockingQueue<>();
    private final AtomicLong buffered = new AtomicLong();
    private Thread thread;
    private volatile boolean paused;
    /** Writing: whether the protocol was told {@code pauseWriting}; set on the loop's thread. */
    private volatile boolean writingPaused;
    /** Reading: where the thread is (READING, HOLDING, POSTED or ENDED). */
    private volatile int readState = READING;
    private volatile boolean closing;
    /** Whether the pipe has reported its loss (asyncio's {@code disconnected}); loop thread only. */
    boolean disconnected;

    private SubprocessPipe(SubprocessTransport owner, int fd, InputStream in, OutputStream out) {
        this.owner = owner;
        this.fd = fd;
        this.in = in;
        this.out = out;
    }

    static SubprocessPipe reading(SubprocessTransport owner, int fd, InputStream in) {
        return new SubprocessPipe(owner, fd, in, null);
    }

    static SubprocessPipe writing(SubprocessTransport owner, OutputStream out) {
        return new SubprocessPipe(owner, 0, null, out);
    }

    /** Starts the pipe's thread. */
    void start(long pid) {
        String name = "subprocess-" + pid + (fd == 0 ? "-stdin" : fd == 1 ? "-stdout" : "-stderr");
        thread = Thread.ofPlatform().daemon().name(name).start(in != null ? this::readLoop : this::writeLoop);
    }

    /** {@return 0, 1 or 2} */
    public int fd() {
        return fd;
    }

    // --- reading (fd 1 and 2) --------------------------------------------------------------------

    private void readLoop() {
        byte[] buf = new byte[MAX_SIZE];
        Exception failure = null;
        try {
            for (;;) {
                readState = READING;
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                if (n == 0 || closing) {
                    continue;  // a closed pipe drains what the child still writes, until it ends
                }
                readState = HOLDING;
                byte[] chunk = Arrays.copyOf(buf, n);
                if (!owner.post(() -> delivered(chunk))) {
                    return;
                }
                readState = POSTED;
                mayRead.acquire();
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            return;
        } finally {
            closeQuietly();
        }
        Exception exc = failure;
        owner.post(() -> lost(exc));
        readState = ENDED;
    }

    /**
     * Whether everything this reading pipe's thread has read is already on its way to the loop:
     * it has handed a chunk over, reached the end, or is paused or closed. Called from the thread
     * that reports the child's exit, so the exit follows the data the child wrote before it.
     * A writing pipe is always settled.
     */
    boolean settled() {
        return in == null || closing || paused || readState >= POSTED;
    }

    /** On the loop: hands a chunk to the protocol, then lets the thread read on unless paused. */
    private void delivered(byte[] chunk) {
        if (!closing) {
            owner.pipeDataReceived(fd, chunk);
        }
        if (closing || !paused) {
            mayRead.release();
        }
    }

    /**
     * Stops handing data to the protocol until {@link #resumeReading()}: {@code pause_reading()}.
     * The child then blocks once the OS pipe is full.
     */
    public void pauseReading() {
        if (in == null || closing || paused) {
            return;
        }
        paused = true;
    }

    /** {@code resume_reading()}. */
    public void resumeReading() {
        if (in == null || closing || !paused) {
            return;
        }
        paused = false;
        if (mayRead.availablePermits() == 0) {
            mayRead.release();
        }
    }

    /** {@return whether reading is not paused} ({@code is_reading()}) */
    public boolean isReading() {
        return in != null && !paused && !closing;
    }

    // --- writing (fd 0) --------------------------------------------------------------------------

    private void writeLoop() {
        Exception failure = null;
        try {
            for (;;) {
                byte[] data = toWrite.take();
                if (data == EOF) {
                    break;
                }
                for (int off = 0; off < data.length; off += HIGH_WATER) {
                    int n = Math.min(HIGH_WATER, data.length - off);
                    out.write(data, off, n);
                    out.flush();
                    if (buffered.addAndGet(-n) <= LOW_WATER && writingPaused) {
                        owner.post(this::maybeResumeWriting);
                    }
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            // closed by the transport
        } finally {
            closeQuietly();
        }
        Exception exc = failure;
        owner.post(() -> lost(exc));
    }

    /**
     * Queues {@code data} for the child's stdin: {@code write(data)}.
     *
     * @param data the bytes
     * @throws IllegalStateException for a reading pipe
     */
    public void write(byte[] data) {
        if (out == null) {
            throw new IllegalStateException("pipe " + fd + " is not writable");
        }
        if (closing || data.length == 0) {
            return;
        }
        long size = buffered.addAndGet(data.length);
        if (!writingPaused && size > HIGH_WATER) {
            // Before the data is queued, so the thread that writes it sees the flag and reports
            // the drop to the low-water mark.
            writingPaused = true;
            owner.pauseWriting();
        }
        toWrite.add(data.clone());
    }

    /** On the loop: {@code resumeWriting} once the buffer is back at the low-water mark. */
    private void maybeResumeWriting() {
        if (writingPaused && buffered.get() <= LOW_WATER) {
            writingPaused = false;
            if (!disconnected) {
                owner.resumeWriting();
            }
        }
    }

    /** {@return how many bytes are queued and not yet written} ({@code get_write_buffer_size()}) */
    public long getWriteBufferSize() {
        return buffered.get();
    }

    /** Closes stdin after what was written: {@code write_eof()}. */
    public void writeEof() {
        close();
    }

    // --- both ------------------------------------------------------------------------------------

    /**
     * Closes the pipe: {@code close()}. A writing pipe first writes what is queued; a reading pipe
     * stops at once. The protocol then gets {@code pipeConnectionLost(fd, null)}.
     */
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (out != null) {
            toWrite.add(EOF);
        } else {
            // The thread may be blocked in read(): it drains and drops the rest until the child
            // ends (closing a stream another thread reads may block). The protocol hears now.
            paused = false;
            mayRead.release();
            if (!owner.loop().isClosed()) {
                owner.loop().callSoon(() -> lost(null));
            }
        }
    }

    /**
     * The child has exited, so nobody reads its stdin any more: stop writing and report the loss
     * now (asyncio's write pipe sees its peer close: {@code pipe_connection_lost(0, None)}).
     */
    void peerGone() {
        if (!closing) {
            closing = true;
            toWrite.add(EOF);
        }
        lost(null);
    }

    /** {@return whether {@link #close()} was called} ({@code is_closing()}) */
    public boolean isClosing() {
        return closing;
    }

    /** On the loop: the thread has ended. */
    private void lost(Exception exc) {
        if (!disconnected) {
            disconnected = true;
            closing = true;
            owner.pipeConnectionLost(fd, exc);
        }
    }

    /** Waits for the pipe's thread to end (after the loop closed the pipe). */
    void join() throws InterruptedException {
        if (thread != null) {
            thread.join(java.time.Duration.ofSeconds(5));
        }
    }

    /**
     * After {@link #close()} of a reading pipe whose child has exited: closes this end now rather
     * than when the pipe's thread sees the end, which a descendant that keeps the pipe open may
     * delay. The file descriptor is freed at once; a thread blocked in {@code read} ends when the
     * descendant writes or exits, since a blocked read cannot be interrupted.
     */
    void releaseReadEnd() {
        if (in != null && closing) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            if (in != null) {
                in.close();
            } else {
                out.close();
            }
        } catch (IOException ignored) {
            // nothing left to do with a pipe that fails to close
        }
    }

    @Override
    public String toString() {
        return "<SubprocessPipe fd=" + fd + (closing ? " closing" : "") + ">";
    }
}
