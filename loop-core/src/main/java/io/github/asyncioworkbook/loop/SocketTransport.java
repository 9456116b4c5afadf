package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The transport of a TCP connection: asyncio's {@code _SelectorSocketTransport} (with
 * {@code _SelectorTransport} and the write flow control of {@code _FlowControlMixin}).
 *
 * <p>Guarantees, in asyncio's order:
 * <ul>
 * <li>Creation schedules, in this order, the protocol's {@code connectionMade}, the start of
 *     reading, and the waiter's result; so {@code createConnection} returns after
 *     {@code connectionMade} ran, and no data arrives before it.</li>
 * <li>Each readable event reads at most {@value #MAX_SIZE} bytes and calls {@code dataReceived}
 *     (or {@code getBuffer}/{@code bufferUpdated}) once; end of stream calls {@code eofReceived},
 *     whose {@code false} closes the transport.</li>
 * <li>{@code write} sends at once when nothing is buffered; the rest is buffered (copied) and
 *     sent by a writer callback with one gathering write per writable event.
 *     {@code pauseWriting} is called when the buffer exceeds the high-water mark,
 *     {@code resumeWriting} when it is back at the low-water mark.</li>
 * <li>{@code close} stops reading at once, sends what is buffered, then calls
 *     {@code connectionLost(null)} and closes the channel; {@code abort} and I/O errors drop the
 *     buffer and call {@code connectionLost(exc)} on the next iteration. connectionLost runs once.</li>
 * </ul>
 */
final class SocketTransport implements Transport {
    /** The most one read takes: asyncio's {@code max_size}, 256 KiB. */
    static final int MAX_SIZE = 256 * 1024;
    /** Writes after the connection is lost: from this one on, each logs a warning. */
    static final int LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;
    private static final int DEFAULT_HIGH_WATER = 64 * 1024;

    private final EventLoop loop;
    private final SocketChannel sock;
    private final Map<String, Object> extra = new HashMap<>();
    private BaseProtocol protocol;
    private boolean buffered;
    private Server server;
    private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();
    private long bufferSize;
    /** Set when connectionLost is scheduled, then counts writes made after it. */
    private int connLost;
    private boolean closing;
    private boolean paused;
    private boolean eof;
    private boolean sockClosed;
    private int highWater;
    private int lowWater;
    private boolean protocolPaused;
    /** Reports this transport if the JVM collects it before its socket is closed ({@code ResourceWarning}). */
    private final Unclosed unclosed;
    /** The socket, for {@link #unclosed} to close (held strongly only once the loop is closed). */
    private final ClosedLater release;

    private SocketTransport(EventLoop loop, SocketChannel sock, BaseProtocol protocol, Future<Void> waiter,
            InetSocketAddress peername, Server server) throws IOException {
        this.loop = loop;
        this.sock = sock;
        extra.put("socket", sock);
        extra.put("sockname", sock.getLocalAddress());
        extra.put("peername", peername != null ? peername : sock.getRemoteAddress());
        String collectedRepr = "<SocketTransport sockname=" + SocketAddresses.repr((java.net.SocketAddress) extra.get("sockname"))
                + " peername=" + SocketAddresses.repr((java.net.SocketAddress) extra.get("peername")) + ">";
        this.release = new ClosedLater(sock);
        this.unclosed = Unclosed.follow(this, "transport", () -> collectedRepr, release, loop.getDebug());
        setProtocol(protocol);
        this.server = server;
        if (server != null) {
            server.attach();
        }
        loop.transportOpened(sock, this);
        setWriteBufferLimits(null, null);
        // Small writes go out without waiting for the peer's ACK (asyncio's _set_nodelay).
        sock.setOption(StandardSocketOptions.TCP_NODELAY, true);
        BaseProtocol p = protocol;
        loop.callSoon(() -> p.connectionMade(this));
        // Read only once connectionMade has run.
        loop.callSoon(this::startReading);
        if (waiter != null) {
            loop.callSoon(() -> {
                if (!waiter.cancelled()) {
                    waiter.setResult(null);
                }
            });
        }
    }

    // --- creation ---------------------------------------------------------------------------------

    /** {@code create_connection(factory, host, port)}: the first address that accepts wins. */
    static <P extends BaseProtocol> Connection<P> connect(EventLoop loop, Supplier<P> factory, String host, int port) {
        SocketChannel sock = openConnected(loop, host, port);
        try {
            return start(loop, factory, sock, null);
        } catch (IOException e) {
            closeQuietly(sock);
            throw Sneaky.rethrow(e);
        } catch (Throwable e) {
            closeQuietly(sock);
            throw e;
        }
    }

    /**
     * The connecting half of {@code create_connection}: a non-blocking channel connected to the
     * first address of {@code host} that accepts (shared with TLS connections).
     */
    static SocketChannel openConnected(EventLoop loop, String host, int port) {
        List<InetSocketAddress> addresses;
        try {
            addresses = SocketAddresses.resolve(java.util.Objects.requireNonNull(host, "host"), port);
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
        List<IOException> errors = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            SocketChannel sock = null;
            try {
                sock = SocketChannel.open(address.getAddress() instanceof java.net.Inet6Address
                        ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
                sock.configureBlocking(false);
                loop.sockConnect(sock, address);
                return sock;
            } catch (IOException e) {
                closeQuietly(sock);
                errors.add(e);
            } catch (Throwable e) {
                closeQuietly(sock);
                throw e;
            }
        }
        if (errors.size() == 1 || errors.stream().allMatch(e -> String.valueOf(e.getMessage()).equals(errors.get(0).getMessage()))) {
            throw Sneaky.rethrow(errors.get(0));
        }
        IOException all = new IOException("Multiple exceptions: "
                + String.join(", ", errors.stream().map(e -> String.valueOf(e.getMessage())).toList()));
        errors.forEach(all::addSuppressed);
        throw Sneaky.rethrow(all);
    }

    /** {@code create_connection(factory, sock=sock)}. */
    static <P extends BaseProtocol> Connection<P> over(EventLoop loop, Supplier<P> factory, SocketChannel sock) {
        try {
            sock.configureBlocking(false);
            return start(loop, factory, sock, null);
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    /**
     * A transport over a connected channel for a protocol that reports readiness itself (no
     * waiter): how the TLS layer ({@link SslProtocol}) goes under a socket transport.
     */
    static SocketTransport open(EventLoop loop, SocketChannel sock, BaseProtocol protocol, InetSocketAddress peername,
            Server server) throws IOException {
        return new SocketTransport(loop, sock, protocol, null, peername, server);
    }

    /** asyncio's {@code _create_connection_transport}: returns once connectionMade has run. */
    private static <P extends BaseProtocol> Connection<P> start(EventLoop loop, Supplier<P> factory, SocketChannel sock,
            Server server) throws IOException {
        P protocol = factory.get();
        Future<Void> waiter = loop.createFuture();
        SocketTransport transport = new SocketTransport(loop, sock, protocol, waiter, null, server);
        try {
            waiter.await();
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        return new Connection<>(transport, protocol);
    }

    /** The accepted side, asyncio's {@code _accept_connection2}: a task per connection. */
    static Coroutine<Void> accepted(EventLoop loop, Supplier<? extends BaseProtocol> factory, SocketChannel conn,
            InetSocketAddress peer, Server server) {
        return Coroutine.named("acceptConnection", () -> {
            try {
                BaseProtocol protocol = factory.get();
                Future<Void> waiter = loop.createFuture();
                SocketTransport transport = new SocketTransport(loop, conn, protocol, waiter, peer, server);
                try {
                    waiter.await();
                } catch (Throwable e) {
                    transport.close();
                    throw e;
                }
            } catch (Throwable e) {
                closeQuietly(conn);
                acceptFailed(loop, e);
            }
            return null;
        });
    }

    /**
     * The end of {@code _accept_connection2} when setting a connection up failed: exits go on,
     * anything else is reported in debug mode only (shared with TLS connections).
     */
    static void acceptFailed(EventLoop loop, Throwable e) {
        if (BaseExceptions.isExit(e)) {
            throw Sneaky.rethrow(e);
        }
        if (loop.getDebug()) {
            Map<String, Object> ctx = new java.util.LinkedHashMap<>();
            ctx.put("message", "Error on transport creation for incoming connection");
            ctx.put("exception", e);
            loop.callExceptionHandler(ctx);
        }
    }

    static void closeQuietly(java.nio.channels.Channel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is best effort here, as socket.close() in asyncio's error paths
            }
        }
    }

    // --- reading ----------------------------------------------------------------------------------

    private void startReading() {
        if (isReading()) {
            // A new handle each time: removing a reader cancels its handle, as in asyncio.
            loop.selector().addReader(sock, loop.ioHandle(this::readReady, "SocketTransport.readReady()"));
        }
    }

    /** asyncio's {@code _read_ready}: one read, one protocol call. */
    private void readReady() {
        if (connLost != 0) {
            return;
        }
        if (buffered) {
            readIntoProtocolBuffer();
            return;
        }
        ByteBuffer buf = loop.ioBuffer();
        buf.clear();
        int n = readOnce(buf);
        if (n <= 0) {
            return;
        }
        byte[] data = new byte[n];
        buf.flip().get(data);
        try {
            ((Protocol) protocol).dataReceived(data);
        } catch (Exception e) {
            fatalError(e, "Fatal error: protocol.data_received() call failed.");
        }
    }

    private void readIntoProtocolBuffer() {
        BufferedProtocol p = (BufferedProtocol) protocol;
        ByteBuffer buf;
        try {
            buf = p.getBuffer(-1);
            if (buf == null || !buf.hasRemaining()) {
                throw new IllegalStateException("get_buffer() returned an empty buffer");
            }
        } catch (Exception e) {
            fatalError(e, "Fatal error: protocol.get_buffer() call failed.");
            return;
        }
        int n = readOnce(buf);
        if (n <= 0) {
            return;
        }
        try {
            p.bufferUpdated(n);
        } catch (Exception e) {
            fatalError(e, "Fatal error: protocol.buffer_updated() call failed.");
        }
    }

    /**
     * One read into {@code buf}.
     *
     * @return the bytes read; 0 when there was nothing to read, or when the end of the stream or
     *     an error was met and handled (eofReceived, or the fatal error path)
     */
    private int readOnce(ByteBuffer buf) {
        int n;
        try {
            n = sock.read(buf);
        } catch (IOException e) {
            fatalError(e, "Fatal read error on socket transport");
            return 0;
        }
        if (n < 0) {
            onEof();
            return 0;
        }
        return n;
    }

    /** asyncio's {@code _read_ready__on_eof}. */
    private void onEof() {
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " received EOF");
        }
        boolean keepOpen;
        try {
            keepOpen = protocol instanceof BufferedProtocol b ? b.eofReceived() : ((Protocol) protocol).eofReceived();
        } catch (Exception e) {
            fatalError(e, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (keepOpen) {
            // The peer sends no more, but this side may still write: stop reading only.
            loop.removeIoReader(sock);
        } else {
            close();
        }
    }

    @Override
    public boolean isReading() {
        return !closing && !paused;
    }

    @Override
    public void pauseReading() {
        if (!isReading()) {
            return;
        }
        paused = true;
        loop.removeIoReader(sock);
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " pauses reading");
        }
    }

    @Override
    public void resumeReading() {
        if (closing || !paused) {
            return;
        }
        paused = false;
        startReading();
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " resumes reading");
        }
    }

    // --- writing ----------------------------------------------------------------------------------

    @Override
    public void write(byte[] data) {
        write(ByteBuffer.wrap(java.util.Objects.requireNonNull(data, "data")));
    }

    @Override
    public void write(ByteBuffer data) {
        java.util.Objects.requireNonNull(data, "data");
        if (eof) {
            throw new IllegalStateException("Cannot call write() after write_eof()");
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (connLost != 0) {
            warnWriteAfterLost();
            return;
        }
        if (buffer.isEmpty()) {
            // Send now; buffer only what the socket did not take.
            try {
                send(data);
            } catch (IOException e) {
                fatalError(e, "Fatal write error on socket transport");
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            addWriter();
        }
        appendCopy(data);
        maybePauseProtocol();
    }

    /** As CPython 3.11's {@code WriteTransport.writelines}: one {@link #write} of the joined chunks. */
    @Override
    public void writelines(List<byte[]> data) {
        int total = 0;
        for (byte[] chunk : data) {
            total = Math.addExact(total, chunk.length);
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (byte[] chunk : data) {
            joined.put(chunk);
        }
        write(joined.flip());
    }

    private void addWriter() {
        loop.selector().addWriter(sock, loop.ioHandle(this::writeReady, "SocketTransport.writeReady()"));
    }

    private void warnWriteAfterLost() {
        if (connLost >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
            Log.warning("asyncio", "socket.send() raised exception.");
        }
        connLost++;
    }

    private void appendCopy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data).flip();
        buffer.addLast(copy);
        bufferSize += copy.remaining();
    }

    /**
     * Writes as much of {@code data} as the socket takes now, through the loop's direct buffer
     * (a heap buffer handed to the channel would go through the JDK's thread-local one).
     */
    private void send(ByteBuffer data) throws IOException {
        if (data.isDirect()) {
            sock.write(data);
            return;
        }
        ByteBuffer io = loop.ioBuffer();
        while (data.hasRemaining()) {
            int len = Math.min(data.remaining(), io.capacity());
            io.clear();
            io.put(data.slice(data.position(), len)).flip();
            int written = sock.write(io);
            data.position(data.position() + written);
            if (written < len) {
                return;
            }
        }
    }

    /**
     * asyncio's {@code _write_ready} ({@code _write_sendmsg}): one write of as much of the buffer
     * as fits the loop's direct buffer (a gathering write by copy).
     */
    private void writeReady() {
        if (connLost != 0 || buffer.isEmpty()) {
            return;
        }
        ByteBuffer io = loop.ioBuffer();
        io.clear();
        for (ByteBuffer b : buffer) {
            int len = Math.min(b.remaining(), io.remaining());
            io.put(io.position(), b, b.position(), len).position(io.position() + len);
            if (!io.hasRemaining()) {
                break;
            }
        }
        io.flip();
        long written;
        try {
            written = sock.write(io);
        } catch (IOException e) {
            loop.removeIoWriter(sock);
            buffer.clear();
            bufferSize = 0;
            fatalError(e, "Fatal write error on socket transport");
            return;
        }
        bufferSize -= written;
        while (written > 0) {
            ByteBuffer first = buffer.peekFirst();
            int step = (int) Math.min(first.remaining(), written);
            first.position(first.position() + step);
            written -= step;
            if (!first.hasRemaining()) {
                buffer.pollFirst();
            }
        }
        maybeResumeProtocol(); // may write more
        if (buffer.isEmpty()) {
            loop.removeIoWriter(sock);
            if (closing) {
                callConnectionLost(null);
            } else if (eof) {
                shutdownOutput();
            }
        }
    }

    @Override
    public void writeEof() {
        if (closing || eof) {
            return;
        }
        eof = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            sock.shutdownOutput();
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(bufferSize, Integer.MAX_VALUE);
    }

    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        int h;
        int l;
        if (high == null) {
            h = low == null ? DEFAULT_HIGH_WATER : 4 * low;
        } else {
            h = high;
        }
        l = low == null ? h / 4 : low;
        if (!(h >= l && l >= 0)) {
            throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        highWater = h;
        lowWater = l;
        maybePauseProtocol();
    }

    @Override
    public int[] getWriteBufferLimits() {
        return new int[] {lowWater, highWater};
    }

    /** asyncio's {@code _maybe_pause_protocol}. */
    private void maybePauseProtocol() {
        if (bufferSize <= highWater || protocolPaused) {
            return;
        }
        protocolPaused = true;
        try {
            protocol.pauseWriting();
        } catch (Exception e) {
            reportFlowControlFailure("protocol.pause_writing() failed", e);
        }
    }

    /** asyncio's {@code _maybe_resume_protocol}. */
    private void maybeResumeProtocol() {
        if (protocolPaused && bufferSize <= lowWater) {
            protocolPaused = false;
            try {
                protocol.resumeWriting();
            } catch (Exception e) {
                reportFlowControlFailure("protocol.resume_writing() failed", e);
            }
        }
    }

    private void reportFlowControlFailure(String message, Exception e) {
        report(loop, message, e, this, protocol);
    }

    /** The exception handler's context of a transport's failure: message, exception, transport, protocol. */
    static void report(EventLoop loop, String message, Throwable exc, Object transport, Object protocol) {
        Map<String, Object> ctx = new java.util.LinkedHashMap<>();
        ctx.put("message", message);
        ctx.put("exception", exc);
        ctx.put("transport", transport);
        ctx.put("protocol", protocol);
        loop.callExceptionHandler(ctx);
    }

    // --- closing ----------------------------------------------------------------------------------

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeIoReader(sock);
        if (buffer.isEmpty()) {
            connLost++;
            loop.removeIoWriter(sock);
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    @Override
    public void abort() {
        forceClose(null);
    }

    /** asyncio's {@code _fatal_error}: I/O errors close quietly; anything else is reported first. */
    private void fatalError(Exception exc, String message) {
        if (exc instanceof IOException) {
            if (loop.getDebug()) {
                Log.log(Log.Level.DEBUG, "asyncio", this + ": " + message, exc);
            }
        } else {
            report(loop, message, exc, this, protocol);
        }
        forceClose(exc);
    }

    /** asyncio's {@code _force_close} (the TLS layer calls it too). */
    void forceClose(Exception exc) {
        if (connLost != 0) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear();
            bufferSize = 0;
            loop.removeIoWriter(sock);
        }
        if (!closing) {
            closing = true;
            loop.removeIoReader(sock);
        }
        connLost++;
        loop.callSoon(() -> callConnectionLost(exc));
    }

    /** asyncio's {@code _call_connection_lost}: tells the protocol once, then closes the socket. */
    private void callConnectionLost(Exception exc) {
        if (sockClosed) {
            return;
        }
        try {
            protocol.connectionLost(exc);
        } finally {
            sockClosed = true;
            unclosed.closed();
            loop.removeIoReader(sock);
            loop.removeIoWriter(sock);
            closeQuietly(sock);
            loop.transportClosed(sock, this);
            Server s = server;
            if (s != null) {
                server = null;
                s.detach();
            }
        }
    }

    // --- the rest ---------------------------------------------------------------------------------

    /** The loop closed its selector: the socket may now be held for closing if this transport is dropped. */
    void loopClosed() {
        release.pin();
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return extra.getOrDefault(name, defaultValue);
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        if (!(protocol instanceof Protocol) && !(protocol instanceof BufferedProtocol)) {
            throw new IllegalArgumentException("the protocol must be a Protocol or a BufferedProtocol: " + protocol);
        }
        this.protocol = protocol;
        this.buffered = protocol instanceof BufferedProtocol;
    }

    @Override
    public BaseProtocol getProtocol() {
        return protocol;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<SocketTransport");
        if (sockClosed) {
            s.append(" closed");
        } else if (closing) {
            s.append(" closing");
        }
        if (!loop.isClosed() && !sockClosed) {
            SelectorPoller p = loop.selector();
            s.append(p.hasReader(sock) ? " read=polling" : " read=idle");
            s.append(" write=<").append(p.hasWriter(sock) ? "polling" : "idle").append(", bufsize=")
                    .append(bufferSize).append('>');
        }
        return s.append('>').toString();
    }
}
