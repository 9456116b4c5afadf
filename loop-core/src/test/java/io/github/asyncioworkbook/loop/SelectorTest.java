package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The selector poller and the low-level socket coroutines (asyncio's add_reader/add_writer and
 * sock_accept, sock_connect, sock_recv, sock_recv_into, sock_sendall), over loopback.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SelectorTest {

    @Test
    @DisplayName("sock_accept, sock_connect, sock_recv, sock_recv_into and sock_sendall echo a message")
    void sockOperationsEcho() throws Exception {
        try (EventLoop loop = Loops.virtualLoop(); ServerSocketChannel listener = Net.listener()) {
            int port = Net.port(listener);
            Task<Void> server = loop.createTask(Coroutine.of(() -> {
                Accepted a = loop.sockAccept(listener);
                try (SocketChannel conn = a.conn()) {
                    assertFalse(conn.isBlocking());
                    assertEquals(conn.getRemoteAddress(), a.address());
                    ByteBuffer buf = ByteBuffer.allocate(64);
                    int n = loop.sockRecvInto(conn, buf);
                    loop.sockSendall(conn, buf.flip());
                    assertTrue(n > 0);
                }
            }));
            byte[] reply = loop.runUntilComplete(Coroutine.of(() -> {
                try (SocketChannel client = SocketChannel.open()) {
                    client.configureBlocking(false);
                    loop.sockConnect(client, new InetSocketAddress(Net.HOST, port));
                    loop.sockSendall(client, "ping".getBytes(StandardCharsets.US_ASCII));
                    byte[] got = loop.sockRecv(client, 100);
                    byte[] end = loop.sockRecv(client, 100);
                    assertEquals(0, end.length, "end of stream is an empty read");
                    return got;
                }
            }));
            loop.runUntilComplete(server);
            assertArrayEquals("ping".getBytes(StandardCharsets.US_ASCII), reply);
        }
    }

    @Test
    @DisplayName("sock_sendall of 8 MiB waits for the writer while the peer reads slowly; all bytes arrive in order")
    void sendallWaitsForTheWriter() throws Exception {
        byte[] data = new byte[8 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        try (EventLoop loop = Loops.virtualLoop(); ServerSocketChannel listener = Net.listener()) {
            int port = Net.port(listener);
            Task<byte[]> reader = loop.createTask(Coroutine.of(() -> {
                try (SocketChannel conn = loop.sockAccept(listener).conn()) {
                    ByteBuffer all = ByteBuffer.allocate(data.length);
                    while (all.hasRemaining()) {
                        if (loop.sockRecvInto(conn, all) == 0) {
                            break;
                        }
                    }
                    return all.array();
                }
            }));
            loop.runUntilComplete(Coroutine.of(() -> {
                try (SocketChannel client = SocketChannel.open()) {
                    client.configureBlocking(false);
                    loop.sockConnect(client, new InetSocketAddress(Net.HOST, port));
                    loop.sockSendall(client, data);
                }
            }));
            assertArrayEquals(data, loop.runUntilComplete(reader));
        }
    }

    @Test
    @DisplayName("sock_connect to a port nobody listens on raises ConnectException naming the address as asyncio does")
    void connectionRefused() {
        int port = Net.freePort();
        try (EventLoop loop = Loops.virtualLoop()) {
            var e = assertThrows(java.net.ConnectException.class, () -> loop.runUntilComplete(Coroutine.of(() -> {
                try (SocketChannel client = SocketChannel.open()) {
                    client.configureBlocking(false);
                    loop.sockConnect(client, new InetSocketAddress(Net.HOST, port));
                }
            })));
            assertTrue(e.getMessage().startsWith("Connect call failed ('127.0.0.1', " + port + ")"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a cancelled sock_recv leaves no reader registered")
    void cancelledRecvUnregisters() throws Exception {
        try (EventLoop loop = Loops.virtualLoop(); ServerSocketChannel listener = Net.listener();
                SocketChannel client = SocketChannel.open(listener.getLocalAddress())) {
            SocketChannel conn = null;
            while (conn == null) {
                conn = listener.accept();
            }
            conn.configureBlocking(false);
            SocketChannel c = conn;
            Task<byte[]> recv = loop.createTask(Coroutine.of(() -> loop.sockRecv(c, 10)));
            loop.runUntilComplete(Coroutine.of(() -> Asyncio.sleep(0)));
            assertTrue(loop.selector().hasReader(conn));
            recv.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(recv));
            assertFalse(loop.selector().hasReader(conn));
            conn.close();
        }
    }

    @Test
    @DisplayName("add_reader calls back on each readable event; remove_reader stops it; a second reader replaces the first")
    void readerCallbacks() throws Exception {
        try (EventLoop loop = Loops.virtualLoop(); ServerSocketChannel listener = Net.listener()) {
            List<String> calls = new ArrayList<>();
            Handle first = loop.addReader(listener, () -> calls.add("first"));
            loop.addReader(listener, () -> {
                calls.add("second " + (listener.accept() != null));
                loop.removeReader(listener);
                loop.stop();
            });
            assertTrue(first.cancelled(), "the replaced reader is cancelled");
            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress())) {
                loop.runForever();
            }
            assertEquals(List.of("second true"), calls);
            assertFalse(loop.removeReader(listener));
        }
    }

    @Test
    @DisplayName("a registered reader is outside work for the virtual clock: no DeadlockError while it waits, one after it is removed")
    void readerIsOutsideWork() throws Exception {
        try (EventLoop loop = Loops.virtualLoop(); ServerSocketChannel listener = Net.listener()) {
            Future<String> accepted = loop.createFuture();
            loop.addReader(listener, () -> {
                if (listener.accept() != null && !accepted.done()) {
                    accepted.setResult("accepted");
                }
            });
            Thread connector = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200);
                    SocketChannel.open(listener.getLocalAddress()).close();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals("accepted", loop.runUntilComplete(accepted));
            connector.join();
            loop.removeReader(listener);
            Future<Void> never = loop.createFuture();
            assertThrows(DeadlockError.class, () -> loop.runUntilComplete(never));
        }
    }

    @Test
    @DisplayName("call_soon_threadsafe from another thread wakes a loop blocked in select")
    void threadsafeWakesTheSelector() throws Exception {
        try (EventLoop loop = new EventLoop(new Clock.Real()); ServerSocketChannel listener = Net.listener()) {
            loop.addReader(listener, () -> { });
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                loop.callSoonThreadsafe(loop::stop);
            });
            long start = System.nanoTime();
            loop.runForever();
            other.join();
            double took = (System.nanoTime() - start) / 1e9;
            assertTrue(took < 10, "woken after " + took + " s");
        }
    }

    @Test
    @DisplayName("closing outside work from another thread wakes a virtual-clock loop blocked in select")
    void outsideWorkCloseWakesTheSelector() throws Exception {
        try (EventLoop loop = Loops.virtualLoop(); ServerSocketChannel listener = Net.listener()) {
            loop.addReader(listener, () -> { });
            var work = loop.startOutsideWork();
            loop.removeReader(listener);  // the selector stays, now with no registration
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                work.close();
            });
            // Blocks in select while the work is open; its close wakes the loop, which then finds
            // nothing that could ever happen.
            Future<Void> never = loop.createFuture();
            assertThrows(DeadlockError.class, () -> loop.runUntilComplete(never));
            other.join();
        }
    }

    @Test
    @DisplayName("loops without I/O open no selector; a loop with I/O releases its descriptors on close")
    void noDescriptorLeft() throws Exception {
        var before = Net.openFds();
        for (int i = 0; i < 50; i++) {
            try (EventLoop loop = Loops.virtualLoop()) {
                loop.runUntilComplete(Coroutine.of(() -> Asyncio.sleep(1)));
            }
        }
        Net.assertNoFdLeft(before, "loops without I/O hold no descriptor");
        for (int i = 0; i < 5; i++) {
            try (EventLoop loop = Loops.virtualLoop(); ServerSocketChannel listener = Net.listener()) {
                int port = Net.port(listener);
                Task<Void> server = loop.createTask(Coroutine.of(() -> {
                    try (SocketChannel conn = loop.sockAccept(listener).conn()) {
                        loop.sockSendall(conn, new byte[] {1});
                    }
                }));
                loop.runUntilComplete(Coroutine.of(() -> {
                    try (SocketChannel client = SocketChannel.open()) {
                        client.configureBlocking(false);
                        loop.sockConnect(client, new InetSocketAddress(Net.HOST, port));
                        loop.sockRecv(client, 1);
                    }
                }));
                loop.runUntilComplete(server);
            }
        }
        Net.assertNoFdLeft(before, "sockets and selectors are closed");
    }
}
