package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A listening TCP server: asyncio's {@code asyncio.Server}, made by {@link EventLoop#createServer}
 * (and {@code Asyncio.startServer}). Each accepted connection gets a protocol from the factory
 * and a transport, set up in a task of its own as asyncio does.
 *
 * <p>Guarantees: {@link #close()} stops accepting and closes the listening channels at once, but
 * leaves open connections alone; {@link #waitClosed()} returns once the server is closed and every
 * connection it accepted has called {@code connectionLost}. All methods belong on the loop.
 *
 * <p><b>Difference from CPython 3.11:</b> {@code waitClosed} after {@code close} waits for the
 * accepted connections, as Python 3.12 does; 3.11 returned at once (a known bug, gh-79033).
 */
public final class Server implements AutoCloseable {
    static final int DEFAULT_BACKLOG = 100;
    /** asyncio's {@code ACCEPT_RETRY_DELAY}: after running out of file descriptors, retry in 1 s. */
    private static final double ACCEPT_RETRY_DELAY = 1.0;

    private final EventLoop loop;
    private List<ServerSocketChannel> sockets;
    private final Supplier<? extends BaseProtocol> protocolFactory;
    private final int backlog;
    /** TLS for each accepted connection, or null for plain TCP ({@code ssl=}). */
    private final SslOptions ssl;
    private int activeCount;
    private List<Future<Void>> waiters = new ArrayList<>();
    private boolean serving;
    private Future<Void> servingForever;

    private Server(EventLoop loop, List<ServerSocketChannel> sockets, Supplier<? extends BaseProtocol> factory, int backlog,
            SslOptions ssl) {
        this.loop = loop;
        this.ssl = ssl;
        this.sockets = sockets;
        this.protocolFactory = factory;
        this.backlog = backlog;
    }

    /** {@code create_server(factory, host, port)}: one bound channel per address of {@code host}. */
    static Server create(EventLoop loop, Supplier<? extends BaseProtocol> factory, String host, int port, int backlog,
            boolean startServing) {
        return create(loop, factory, host, port, backlog, startServing, null);
    }

    /** {@code create_server(factory, host, port, ssl=ssl)}; {@code ssl} null for plain TCP. */
    static Server create(EventLoop loop, Supplier<? extends BaseProtocol> factory, String host, int port, int backlog,
            boolean startServing, SslOptions ssl) {
        if (ssl != null) {
            ssl.checkServerSide();  // before anything is bound
        }
        List<InetSocketAddress> addresses;
        try {
            addresses = SocketAddresses.resolve(host, port);
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
        List<ServerSocketChannel> bound = new ArrayList<>();
        try {
            for (InetSocketAddress address : addresses) {
                ServerSocketChannel sock = address.getAddress().isAnyLocalAddress() ? ServerSocketChannel.open()
                        : ServerSocketChannel.open(address.getAddress() instanceof java.net.Inet6Address
                                ? java.net.StandardProtocolFamily.INET6 : java.net.StandardProtocolFamily.INET);
                bound.add(sock);
                sock.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                try {
                    sock.bind(address, backlog);
                } catch (BindException e) {
                    BindException named = new BindException("error while attempting to bind on address "
                            + SocketAddresses.repr(address) + ": " + String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                                    .replaceFirst(" \\(bind failed\\)$", ""));
                    named.initCause(e);
                    throw named;
                }
            }
        } catch (IOException e) {
            bound.forEach(SocketTransport::closeQuietly);
            throw Sneaky.rethrow(e);
        } catch (RuntimeException e) {
            bound.forEach(SocketTransport::closeQuietly);
            throw e;
        }
        return over(loop, factory, bound, backlog, startServing, ssl);
    }

    /** {@code create_server(factory, sock=sock)}. */
    static Server over(EventLoop loop, Supplier<? extends BaseProtocol> factory, List<ServerSocketChannel> sockets, int backlog,
            boolean startServing) {
        return over(loop, factory, sockets, backlog, startServing, null);
    }

    /** {@code create_server(factory, sock=sock, ssl=ssl)} and the end of {@link #create}. */
    static Server over(EventLoop loop, Supplier<? extends BaseProtocol> factory, List<ServerSocketChannel> sockets, int backlog,
            boolean startServing, SslOptions ssl) {
        if (ssl != null) {
            ssl.checkServerSide();
        }
        try {
            for (ServerSocketChannel s : sockets) {
                s.configureBlocking(false);
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
        Server server = new Server(loop, new ArrayList<>(sockets), factory, backlog, ssl);
        if (startServing) {
            server.beginServing();
            // Let the loop accept before create_server returns, as asyncio's sleep(0).
            Asyncio.sleep(0);
        }
        if (loop.getDebug()) {
            Log.info("asyncio", server + " is serving");
        }
        return server;
    }

    /** asyncio's {@code _start_serving}. */
    private void beginServing() {
        if (serving) {
            return;
        }
        serving = true;
        for (ServerSocketChannel sock : sockets) {
            listen(sock);
        }
    }

    private void listen(ServerSocketChannel sock) {
        loop.selector().addReader(sock, loop.ioHandle(() -> {
            try {
                acceptConnections(sock);
            } catch (IOException e) {
                throw Sneaky.rethrow(e);  // the loop reports it and goes on
            }
        }, "Server.acceptConnection()"));
    }

    /**
     * asyncio's {@code _accept_connection}: up to {@code backlog} accepts per readable event, each
     * set up in a task of its own.
     */
    private void acceptConnections(ServerSocketChannel sock) throws IOException {
        for (int i = 0; i < backlog; i++) {
            SocketChannel conn;
            try {
                conn = sock.accept();
                if (conn == null) {
                    return;
                }
                conn.configureBlocking(false);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("Too many open files")) {
                    java.util.Map<String, Object> ctx = new java.util.LinkedHashMap<>();
                    ctx.put("message", "socket.accept() out of system resource");
                    ctx.put("exception", e);
                    ctx.put("socket", sock);
                    loop.callExceptionHandler(ctx);
                    loop.removeIoReader(sock);
                    loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                        if (sockets != null && sockets.contains(sock)) {
                            listen(sock);
                        }
                    });
                    return;
                }
                throw e;
            }
            InetSocketAddress peer = (InetSocketAddress) conn.getRemoteAddress();
            if (loop.getDebug()) {
                Log.debug("asyncio", this + " got a new connection from " + SocketAddresses.repr(peer) + ": " + conn);
            }
            loop.createTask(ssl == null ? SocketTransport.accepted(loop, protocolFactory, conn, peer, this)
                    : SslTransport.accepted(loop, protocolFactory, conn, peer, this, ssl));
        }
    }

    /** A transport of this server opened ({@code _attach}). */
    void attach() {
        activeCount++;
    }

    /** A transport of this server closed ({@code _detach}). */
    void detach() {
        activeCount--;
        if (activeCount == 0 && sockets == null) {
            wakeup();
        }
    }

    private void wakeup() {
        List<Future<Void>> ws = waiters;
        waiters = null;
        if (ws != null) {
            for (Future<Void> w : ws) {
                if (!w.done()) {
                    w.setResult(null);
                }
            }
        }
    }

    /** @return the loop ({@code get_loop()}) */
    public EventLoop getLoop() {
        return loop;
    }

    /** @return whether it accepts connections ({@code is_serving()}) */
    public boolean isServing() {
        return serving;
    }

    /**
     * The listening channels: {@code server.sockets}; empty once closed.
     *
     * @return the channels (their {@code getLocalAddress()} is Python's {@code getsockname()})
     */
    public List<ServerSocketChannel> sockets() {
        return sockets == null ? List.of() : List.copyOf(sockets);
    }

    /**
     * Stops accepting and closes the listening channels: {@code close()}. Open connections stay.
     * Idempotent.
     */
    @Override
    public void close() {
        List<ServerSocketChannel> socks = sockets;
        if (socks == null) {
            return;
        }
        sockets = null;
        for (ServerSocketChannel sock : socks) {
            loop.removeIoReader(sock);
            SocketTransport.closeQuietly(sock);
        }
        serving = false;
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
            servingForever = null;
        }
        if (activeCount == 0) {
            wakeup();
        }
    }

    /** Starts accepting, if not yet: {@code await server.start_serving()}. From a coroutine body. */
    public void startServing() {
        beginServing();
        Asyncio.sleep(0);
    }

    /**
     * Accepts until cancelled, then closes and waits for the connections: {@code await
     * server.serve_forever()}. From a coroutine body.
     *
     * @throws IllegalStateException {@code "server ... is already being awaited on serve_forever()"}
     *     or {@code "server ... is closed"}
     * @throws CancelledError when the calling task is cancelled (after the server closed)
     */
    public void serveForever() {
        if (servingForever != null) {
            throw new IllegalStateException("server " + this + " is already being awaited on serve_forever()");
        }
        if (sockets == null) {
            throw new IllegalStateException("server " + this + " is closed");
        }
        beginServing();
        servingForever = loop.createFuture();
        try {
            servingForever.await();
        } catch (CancelledError e) {
            close();
            waitClosed();
            throw e;
        } finally {
            servingForever = null;
        }
    }

    /**
     * Waits until the server is closed and its connections are gone: {@code await
     * server.wait_closed()}. From a coroutine body.
     */
    public void waitClosed() {
        if (waiters == null) {
            return;
        }
        Future<Void> w = loop.createFuture();
        waiters.add(w);
        w.await();
    }

    /**
     * {@code async with server:}: runs {@code body}, then closes the server and waits for it.
     *
     * @param body what runs while the server is open
     */
    public void asyncWith(Coroutine.VoidBody body) {
        try {
            body.run();
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        } finally {
            close();
            waitClosed();
        }
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        for (ServerSocketChannel s : sockets == null ? List.<ServerSocketChannel>of() : sockets) {
            try {
                names.add(SocketAddresses.repr(s.getLocalAddress()));
            } catch (IOException e) {
                names.add("closed");
            }
        }
        return "<Server sockets=(" + String.join(", ", names) + (names.size() == 1 ? ",)" : ")") + ">";
    }
}
