package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads a byte stream with coroutines: asyncio's {@code asyncio.StreamReader}, fed by a
 * {@link StreamReaderProtocol}. Made by {@link Asyncio#openConnection} and
 * {@link Asyncio#startServer}.
 *
 * <p>Guarantees, with asyncio's limit rules: a reader buffers at most about twice its limit before
 * it pauses the transport's reading, and resumes it once the buffer is back under the limit;
 * {@link #readuntil} raises {@link LimitOverrunError} when the separator is not within
 * {@code limit} bytes; only one coroutine may wait for data at a time. The read methods wait
 * where Python awaits, so call them from a coroutine body.
 */
public final class StreamReader {
    /** asyncio's {@code _DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 1 << 16;

    private final EventLoop loop;
    private final int limit;
    private byte[] buf = new byte[256];
    private int start;
    private int end;
    private boolean eof;
    private Future<Void> waiter;
    private Exception exception;
    private Transport transport;
    private boolean paused;

    /** A reader with the default limit on the running loop (or this thread's loop). */
    public StreamReader() {
        this(DEFAULT_LIMIT);
    }

    /**
     * @param limit the buffer limit in bytes
     * @throws IllegalArgumentException {@code "Limit cannot be <= 0"}
     */
    public StreamReader(int limit) {
        this(limit, Asyncio.getEventLoop());
    }

    /**
     * @param limit the buffer limit in bytes
     * @param loop the loop
     */
    public StreamReader(int limit, EventLoop loop) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        this.limit = limit;
        this.loop = loop;
    }

    /** @return the error set by {@link #setException}, or null ({@code exception()}) */
    public Exception exception() {
        return exception;
    }

    /**
     * Makes pending and later reads raise {@code exc}: {@code set_exception(exc)}.
     *
     * @param exc the error
     */
    public void setException(Exception exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setException(exc);
            }
        }
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setResult(null);
            }
        }
    }

    /**
     * @param t the transport to pause and resume ({@code set_transport})
     * @throws IllegalStateException {@code "Transport already set"}
     */
    public void setTransport(Transport t) {
        if (transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        transport = t;
    }

    private void maybeResumeTransport() {
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** The stream ended: {@code feed_eof()}. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** @return whether the stream ended and the buffer is empty ({@code at_eof()}) */
    public boolean atEof() {
        return eof && size() == 0;
    }

    /**
     * Adds bytes: {@code feed_data(data)}. Pauses the transport past twice the limit.
     *
     * @param data the bytes
     * @throws IllegalStateException {@code "feed_data after feed_eof"}
     */
    public void feedData(byte[] data) {
        if (eof) {
            throw new IllegalStateException("feed_data after feed_eof");
        }
        if (data.length == 0) {
            return;
        }
        append(data);
        wakeupWaiter();
        if (transport != null && !paused && size() > 2 * limit) {
            transport.pauseReading();
            paused = true;
        }
    }

    /** asyncio's {@code _wait_for_data}: one waiter at a time; resumes a paused transport first. */
    private void waitForData(String funcName) {
        if (waiter != null) {
            throw new IllegalStateException(funcName + "() called while another coroutine is already waiting for incoming data");
        }
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        waiter = loop.createFuture();
        try {
            waiter.await();
        } finally {
            waiter = null;
        }
    }

    /**
     * Reads one line ending in {@code \n}, or what is left at the end of the stream:
     * {@code await readline()}.
     *
     * @return the line with its {@code \n}; empty at the end of the stream
     * @throws IllegalArgumentException when the line is longer than the limit (asyncio's ValueError);
     *     the buffer is cleared up to and including the separator, if found, else wholly
     * @throws IOException the error set with {@link #setException}
     */
    public byte[] readline() throws IOException {
        byte[] sep = {'\n'};
        try {
            return readuntil(sep);
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            if (startsWith(sep, e.consumed())) {
                consume(e.consumed() + sep.length);
            } else {
                start = end = 0;
            }
            maybeResumeTransport();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * {@code await readuntil(b"\n")}.
     *
     * @return the bytes up to and including the separator
     * @throws IOException see {@link #readuntil(byte[])}
     */
    public byte[] readuntil() throws IOException {
        return readuntil(new byte[] {'\n'});
    }

    /**
     * Reads up to and including {@code separator}: {@code await readuntil(separator)}.
     *
     * @param separator one or more bytes
     * @return the bytes, separator included
     * @throws IncompleteReadError the stream ended first (its partial bytes are consumed)
     * @throws LimitOverrunError {@code "Separator is not found, and chunk exceed the limit"} or
     *     {@code "Separator is found, but chunk is longer than limit"}; the bytes stay buffered
     * @throws IOException the error set with {@link #setException}
     */
    public byte[] readuntil(byte[] separator) throws IOException {
        int seplen = separator.length;
        if (seplen == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        int offset = 0;
        int isep;
        for (;;) {
            int buflen = size();
            if (buflen - offset >= seplen) {
                isep = find(separator, offset);
                if (isep != -1) {
                    break;
                }
                offset = buflen + 1 - seplen;
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                byte[] chunk = take(size());
                throw new IncompleteReadError(chunk, null);
            }
            waitForData("readuntil");
            throwIfFailed();
        }
        if (isep > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
        }
        byte[] chunk = take(isep + seplen);
        maybeResumeTransport();
        return chunk;
    }

    /**
     * Reads up to {@code n} bytes, or until the end of the stream when {@code n} is negative:
     * {@code await read(n)}.
     *
     * @param n the most to read; -1 for everything
     * @return the bytes; empty at the end of the stream
     * @throws IOException the error set with {@link #setException}
     */
    public byte[] read(int n) throws IOException {
        throwIfFailed();
        if (n == 0) {
            return new byte[0];
        }
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (;;) {
                byte[] block = read(limit);
                if (block.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(block);
            }
        }
        if (size() == 0 && !eof) {
            waitForData("read");
            throwIfFailed();
        }
        byte[] data = take(Math.min(n, size()));
        maybeResumeTransport();
        return data;
    }

    /**
     * {@code await read()}: everything until the end of the stream.
     *
     * @return the bytes
     * @throws IOException the error set with {@link #setException}
     */
    public byte[] read() throws IOException {
        return read(-1);
    }

    /**
     * Reads exactly {@code n} bytes: {@code await readexactly(n)}.
     *
     * @param n how many
     * @return the bytes
     * @throws IncompleteReadError the stream ended first (with the bytes read)
     * @throws IOException the error set with {@link #setException}
     */
    public byte[] readexactly(int n) throws IOException {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        throwIfFailed();
        if (n == 0) {
            return new byte[0];
        }
        while (size() < n) {
            if (eof) {
                byte[] incomplete = take(size());
                throw new IncompleteReadError(incomplete, n);
            }
            waitForData("readexactly");
            throwIfFailed();
        }
        byte[] data = take(n);
        maybeResumeTransport();
        return data;
    }

    private void throwIfFailed() {
        if (exception != null) {
            throw Sneaky.rethrow(exception);
        }
    }

    // --- the buffer: bytes [start, end) of buf ----------------------------------------------------

    int size() {
        return end - start;
    }

    private void append(byte[] data) {
        if (end + data.length > buf.length) {
            int live = size();
            if (live + data.length <= buf.length / 2) {
                System.arraycopy(buf, start, buf, 0, live);
            } else {
                byte[] grown = new byte[Math.max(2 * buf.length, live + data.length)];
                System.arraycopy(buf, start, grown, 0, live);
                buf = grown;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(data, 0, buf, end, data.length);
        end += data.length;
    }

    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        consume(n);
        return out;
    }

    private void consume(int n) {
        start += n;
        if (start == end) {
            start = end = 0;
        }
    }

    private int find(byte[] sep, int from) {
        outer:
        for (int i = start + from; i <= end - sep.length; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    private boolean startsWith(byte[] sep, int at) {
        return at + sep.length <= size() && find(sep, at) == at;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<StreamReader");
        if (size() > 0) {
            s.append(' ').append(size()).append(" bytes");
        }
        if (eof) {
            s.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            s.append(" limit=").append(limit);
        }
        if (waiter != null) {
            s.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            s.append(" exception=").append(Repr.repr(exception));
        }
        if (transport != null) {
            s.append(" transport=").append(transport);
        }
        if (paused) {
            s.append(" paused");
        }
        return s.append('>').toString();
    }
}
