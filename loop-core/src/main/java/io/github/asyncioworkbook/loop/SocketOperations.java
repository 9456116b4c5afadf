package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The low-level socket coroutines of asyncio's {@code BaseSelectorEventLoop}: {@code sock_accept},
 * {@code sock_connect}, {@code sock_recv}, {@code sock_recv_into}, {@code sock_sendall}, behind
 * {@link EventLoop}'s methods of the same names.
 *
 * <p>Each tries the operation at once; only when it would block does it register a reader or writer
 * and wait on a future, as asyncio does. The future's done callback removes the registration, so
 * a cancelled call leaves nothing registered. Called from a coroutine body on the loop.
 */
final class SocketOperations {
    private SocketOperations() {
    }

    static Accepted accept(EventLoop loop, ServerSocketChannel sock) {
        requireNonBlocking(sock);
        Future<Accepted> fut = loop.createFuture();
        tryAccept(loop, fut, sock);
        return fut.await();
    }

    /** asyncio's {@code _sock_accept}: accept now, or wait for the channel to be readable. */
    private static void tryAccept(EventLoop loop, Future<Accepted> fut, ServerSocketChannel sock) {
        if (fut.done()) {
            return;
        }
        try {
            SocketChannel conn = sock.accept();
            if (conn == null) {
                if (!loop.selector().hasReader(sock)) {
                    waitReadable(loop, fut, sock, () -> tryAccept(loop, fut, sock));
                }
                return;
            }
            conn.configureBlocking(false);
            fut.setResult(new Accepted(conn, conn.getRemoteAddress()));
        } catch (IOException e) {
            fut.setException(e);
        }
    }

    static void connect(EventLoop loop, SocketChannel sock, SocketAddress address) {
        requireNonBlocking(sock);
        SocketAddress target = address;
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            target = new InetSocketAddress(inet.getHostString(), inet.getPort());
        }
        Future<Void> fut = loop.createFuture();
        try {
            if (sock.connect(target)) {
                return;
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(connectFailed(target, e));
        }
        SocketAddress where = target;
        Handle h = loop.ioHandle(() -> finishConnect(fut, sock, where), "sockConnectCb()");
        loop.selector().addWriter(sock, h);
        fut.addDoneCallback(f -> writeDone(loop, sock, h));
        fut.await();
    }

    /** asyncio's {@code _sock_connect_cb}. */
    private static void finishConnect(Future<Void> fut, SocketChannel sock, SocketAddress address) {
        if (fut.done()) {
            return;
        }
        try {
            if (sock.finishConnect()) {
                fut.setResult(null);
            }
        } catch (IOException e) {
            fut.setException(connectFailed(address, e));
        }
    }

    /** asyncio's {@code OSError(err, f'Connect call failed {address}')}, in Java terms. */
    static IOException connectFailed(SocketAddress address, IOException cause) {
        ConnectException e = new ConnectException("Connect call failed " + SocketAddresses.repr(address)
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        e.initCause(cause);
        return e;
    }

    static byte[] recv(EventLoop loop, SocketChannel sock, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative buffersize in recv");
        }
        requireNonBlocking(sock);
        if (n == 0) {
            return new byte[0];
        }
        if (n <= SocketTransport.MAX_SIZE) {
            try {
                byte[] now = readNow(loop, sock, n);
                if (now != null) {
                    return now;
                }
            } catch (IOException e) {
                throw Sneaky.rethrow(e);
            }
            Future<byte[]> fut = loop.createFuture();
            waitReadable(loop, fut, sock, () -> {
                if (fut.done()) {
                    return;
                }
                try {
                    byte[] got = readNow(loop, sock, n);
                    if (got != null) {
                        fut.setResult(got);
                    }
                } catch (IOException e) {
                    fut.setException(e);
                }
            });
            return fut.await();
        }
        ByteBuffer buf = ByteBuffer.allocate(n);
        int got = recvInto(loop, sock, buf);
        return got == buf.capacity() ? buf.array() : Arrays.copyOf(buf.array(), got);
    }

    /**
     * One read of up to {@code n} bytes through the loop's direct buffer, copied out before
     * returning (the buffer is shared by the loop's I/O callbacks).
     *
     * @return the bytes, empty at end of stream, or null when the read would block
     */
    private static byte[] readNow(EventLoop loop, SocketChannel sock, int n) throws IOException {
        ByteBuffer io = loop.ioBuffer();
        io.clear().limit(n);
        int r = sock.read(io);
        if (r == 0) {
            return null;
        }
        if (r < 0) {
            return new byte[0];
        }
        byte[] out = new byte[r];
        io.flip().get(out);
        return out;
    }

    static int recvInto(EventLoop loop, SocketChannel sock, ByteBuffer buf) {
        requireNonBlocking(sock);
        if (!buf.hasRemaining()) {
            return 0;
        }
        try {
            int n = sock.read(buf);
            if (n != 0) {
                return Math.max(n, 0);
            }
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
        Future<Integer> fut = loop.createFuture();
        waitReadable(loop, fut, sock, () -> {
            if (fut.done()) {
                return;
            }
            try {
                int n = sock.read(buf);
                if (n != 0) {
                    fut.setResult(Math.max(n, 0));
                }
            } catch (IOException e) {
                fut.setException(e);
            }
        });
        return fut.await();
    }

    static void sendall(EventLoop loop, SocketChannel sock, ByteBuffer data) {
        requireNonBlocking(sock);
        try {
            sock.write(data);
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
        if (!data.hasRemaining()) {
            return;
        }
        Future<Void> fut = loop.createFuture();
        Handle h = loop.ioHandle(() -> {
            if (fut.done()) {
                return;
            }
            try {
                sock.write(data);
                if (!data.hasRemaining()) {
                    fut.setResult(null);
                }
            } catch (IOException e) {
                fut.setException(e);
            }
        }, "sockSendall()");
        loop.selector().addWriter(sock, h);
        fut.addDoneCallback(f -> writeDone(loop, sock, h));
        fut.await();
    }

    /** Registers {@code action} as the reader until {@code fut} is done: asyncio's {@code _sock_read_done}. */
    private static void waitReadable(EventLoop loop, Future<?> fut, SelectableChannel sock, Runnable action) {
        loop.checkNoTransport(sock);
        Handle h = loop.ioHandle(action, "sockRead()");
        loop.selector().addReader(sock, h);
        fut.addDoneCallback(f -> {
            if (!h.cancelled()) {
                loop.removeIoReader(sock);
            }
        });
    }

    private static void writeDone(EventLoop loop, SelectableChannel sock, Handle h) {
        if (!h.cancelled()) {
            loop.removeIoWriter(sock);
        }
    }

    private static void requireNonBlocking(SelectableChannel sock) {
        if (sock.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking");
        }
    }
}
