package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The transport a protocol sees on a TLS connection: asyncio's {@code _SSLProtocolTransport}. It
 * sends through an {@link SslProtocol}, which sits on the connection's {@link SocketTransport}.
 *
 * <p>Differences from a plain TCP transport, all as in asyncio:
 * <ul>
 * <li>{@code connectionMade} comes after the TLS handshake; a failed handshake raises from
 *     {@code createConnection} (a {@link javax.net.ssl.SSLHandshakeException}) and, on a server, drops
 *     the connection without calling the protocol factory's protocol at all.</li>
 * <li>{@link #close()} sends what is buffered, then close_notify, then waits (at most the shutdown
 *     timeout) for the peer's close_notify before closing the socket; the peer's close_notify calls
 *     {@code eofReceived}, whose return value cannot keep the connection open.</li>
 * <li>No half-close: {@link #canWriteEof()} is false and {@link #writeEof()} raises.</li>
 * <li>{@code getExtraInfo} adds {@code "sslcontext"} (the {@link javax.net.ssl.SSLContext}) and, once
 *     the handshake is done, {@code "peercert"} (the peer's {@link java.security.cert.Certificate}, or
 *     null when it sent none), {@code "cipher"} (the cipher suite's name) and {@code "ssl_object"}
 *     (the {@link javax.net.ssl.SSLEngine}: its session has the protocol version and the whole
 *     chain); other keys come from the socket transport.</li>
 * <li>Write flow control counts the record bytes not yet handed to the socket (512 KiB high-water
 *     mark by default).</li>
 * </ul>
 */
final class SslTransport implements Transport {
    private final SslProtocol ssl;
    private boolean closed;

    SslTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    // --- creation (asyncio's _make_ssl_transport and its callers) --------------------------------

    /** {@code create_connection(factory, host, port, ssl=..., server_hostname=...)}. */
    static <P extends BaseProtocol> Connection<P> connect(EventLoop loop, Supplier<P> factory, String host, int port,
            SslOptions options) {
        Objects.requireNonNull(options, "ssl");
        String serverHostname = options.serverHostname() != null ? options.serverHostname() : host;
        return start(loop, factory, SocketTransport.openConnected(loop, host, port), options, serverHostname);
    }

    /** {@code create_connection(factory, sock=sock, ssl=..., server_hostname=...)}. */
    static <P extends BaseProtocol> Connection<P> over(EventLoop loop, Supplier<P> factory, SocketChannel sock,
            SslOptions options) {
        if (options.serverHostname() == null) {
            throw new IllegalArgumentException("You must set server_hostname when using ssl without a host");
        }
        try {
            sock.configureBlocking(false);
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
        return start(loop, factory, sock, options, options.serverHostname());
    }

    /** asyncio's {@code _create_connection_transport} with TLS: returns once the handshake is done. */
    private static <P extends BaseProtocol> Connection<P> start(EventLoop loop, Supplier<P> factory, SocketChannel sock,
            SslOptions options, String serverHostname) {
        P app = factory.get();
        Future<Void> waiter = loop.createFuture();
        SslProtocol ssl;
        try {
            ssl = new SslProtocol(loop, app, options, waiter, false, serverHostname);
            SocketTransport.open(loop, sock, ssl, null, null);
        } catch (IOException | RuntimeException e) {
            SocketTransport.closeQuietly(sock);
            throw Sneaky.rethrow(e);
        }
        try {
            waiter.await();
        } catch (Throwable e) {
            ssl.appTransport().close();
            throw e;
        }
        return new Connection<>(ssl.appTransport(), app);
    }

    /** The accepted side with TLS, asyncio's {@code _accept_connection2}: a task per connection. */
    static Coroutine<Void> accepted(EventLoop loop, Supplier<? extends BaseProtocol> factory, SocketChannel conn,
            InetSocketAddress peer, Server server, SslOptions options) {
        return Coroutine.named("acceptConnection", () -> {
            boolean opened = false;
            try {
                BaseProtocol app = factory.get();
                Future<Void> waiter = loop.createFuture();
                SslProtocol ssl = new SslProtocol(loop, app, options, waiter, true, null);
                SocketTransport.open(loop, conn, ssl, peer, server);
                opened = true;  // from here on the socket transport closes the channel
                try {
                    waiter.await();
                } catch (Throwable e) {
                    ssl.appTransport().close();
                    throw e;
                }
            } catch (Throwable e) {
                if (!opened) {
                    SocketTransport.closeQuietly(conn);
                }
                SocketTransport.acceptFailed(loop, e);
            }
            return null;
        });
    }

    // --- the transport ---------------------------------------------------------------------------

    /** The SSL layer closed this transport (its close started, or the connection is gone). */
    void markClosed() {
        closed = true;
    }

    @Override
    public Object getExtraInfo(String name, Object defaultValue) {
        return ssl.extraInfo(name, defaultValue);
    }

    @Override
    public boolean isClosing() {
        return closed;
    }

    /** Flushes, sends close_notify and closes once the peer answers (or the shutdown timeout passes). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ssl.startShutdown();
        }
    }

    @Override
    public void abort() {
        closed = true;
        ssl.abort();
    }

    @Override
    public void setProtocol(BaseProtocol protocol) {
        ssl.setAppProtocol(protocol);
    }

    @Override
    public BaseProtocol getProtocol() {
        return ssl.appProtocol();
    }

    @Override
    public boolean isReading() {
        return !ssl.appReadingPaused();
    }

    @Override
    public void pauseReading() {
        ssl.pauseAppReading();
    }

    @Override
    public void resumeReading() {
        ssl.resumeAppReading();
    }

    @Override
    public void write(byte[] data) {
        write(ByteBuffer.wrap(Objects.requireNonNull(data, "data")));
    }

    @Override
    public void write(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        if (data.hasRemaining()) {
            ssl.writeAppData(List.of(data));
        }
    }

    /** As asyncio's {@code _SSLProtocolTransport.writelines}: the chunks go in as they are. */
    @Override
    public void writelines(List<byte[]> data) {
        List<ByteBuffer> chunks = new ArrayList<>(data.size());
        for (byte[] chunk : data) {
            chunks.add(ByteBuffer.wrap(chunk));
        }
        ssl.writeAppData(chunks);
    }

    /**
     * Not supported over TLS, as in asyncio (where it raises {@code NotImplementedError}).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("write_eof() is not supported over TLS (can_write_eof() is false)");
    }

    /** @return false: a TLS connection cannot half-close */
    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public int getWriteBufferSize() {
        return (int) Math.min(ssl.writeBufferSize(), Integer.MAX_VALUE);
    }

    /** {@code set_write_buffer_limits}: defaults 512 KiB and 128 KiB over TLS. */
    @Override
    public void setWriteBufferLimits(Integer high, Integer low) {
        ssl.setWriteBufferLimits(high, low);
        ssl.applyWriteBufferLimits();
    }

    @Override
    public int[] getWriteBufferLimits() {
        return ssl.writeBufferLimits();
    }

    @Override
    public String toString() {
        return "<SslTransport " + (closed ? "closed " : "") + ssl + ">";
    }
}
