package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * UDP endpoints (asyncio's create_datagram_endpoint and _SelectorDatagramTransport) over loopback:
 * echo, call order, errorReceived for an ICMP refusal, close and abort ordering, the write queue's
 * accounting and flow control, options, and no file descriptor left. Orders and messages were
 * checked against CPython 3.11.7.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DatagramTest extends Loops.Scenario {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(Net.HOST, port);
    }

    /** A UDP port nothing listens on (bound, then released). */
    private static int freeUdpPort() {
        try (DatagramChannel c = DatagramChannel.open()) {
            c.bind(loopback(0));
            return ((InetSocketAddress) c.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs every callback; echoes when asked; completes {@link #lost} and {@link #next}. */
    static final class Recorder implements DatagramProtocol {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final EventLoop loop;
        DatagramTransport transport;
        boolean echo;
        Future<Object> next;
        final Future<Void> lost;

        Recorder(EventLoop loop) {
            this.loop = loop;
            this.next = loop.createFuture();
            this.lost = loop.createFuture();
        }

        @Override
        public void connectionMade(DatagramTransport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void datagramReceived(byte[] data, InetSocketAddress addr) {
            String text = new String(data, StandardCharsets.US_ASCII);
            events.add("data " + text + " from " + SocketAddresses.repr(addr));
            if (echo) {
                transport.sendto(data, addr);
            }
            settle(text);
        }

        @Override
        public void errorReceived(Exception exc) {
            events.add("error " + exc.getClass().getSimpleName());
            settle(exc);
        }

        @Override
        public void connectionLost(Exception exc) {
            events.add("lost " + exc);
            lost.setResult(null);
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }

        private void settle(Object value) {
            if (!next.done()) {
                next.setResult(value);
            }
        }

        /** Waits for the next datagram or error. */
        Object awaitNext() {
            Object value = next.await();
            next = loop.createFuture();
            return value;
        }
    }

    /** Waits (in loop time, which runs with real time while sockets are registered) for {@code n} events. */
    private static Void awaitEvents(Recorder r, int n) {
        for (int i = 0; i < 500 && r.events.size() < n; i++) {
            Asyncio.sleep(0.01);
        }
        assertTrue(r.events.size() >= n, () -> "expected " + n + " events: " + r.events);
        return null;
    }

    private DatagramEndpoint<Recorder> echoServer() {
        return run(() -> loop.createDatagramEndpoint(() -> {
            Recorder r = new Recorder(loop);
            r.echo = true;
            return r;
        }, loopback(0), null));
    }

    private static InetSocketAddress sockname(DatagramEndpoint<?> e) {
        return (InetSocketAddress) e.transport().getExtraInfo("sockname");
    }

    @Test
    @DisplayName("echo: connected client and bound server, call order made/data/lost, addresses on both sides")
    void echo() {
        DatagramEndpoint<Recorder> server = echoServer();
        InetSocketAddress serverAddr = sockname(server);
        DatagramEndpoint<Recorder> client = run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), null, serverAddr);
            assertEquals(List.of("made"), c.protocol().events, "connectionMade ran before the endpoint was returned");
            c.transport().sendto(ascii("hello"));
            assertEquals("hello", c.protocol().awaitNext());
            c.transport().sendto(ascii("again"), serverAddr);
            assertEquals("again", c.protocol().awaitNext());
            c.transport().close();
            c.protocol().lost.await();
            return c;
        });
        InetSocketAddress clientAddr = sockname(client);
        assertEquals(serverAddr, client.transport().getExtraInfo("peername"));
        assertNull(server.transport().getExtraInfo("peername"), "a bound-only endpoint has no peer");
        assertInstanceOf(DatagramChannel.class, client.transport().getExtraInfo("socket"));
        assertEquals("dflt", client.transport().getExtraInfo("nope", "dflt"));
        String from = SocketAddresses.repr(serverAddr);
        assertEquals(List.of("made", "data hello from " + from, "data again from " + from, "lost null"), client.protocol().events);
        String peer = SocketAddresses.repr(clientAddr);
        assertEquals(List.of("made", "data hello from " + peer, "data again from " + peer), server.protocol().events);
        server.transport().close();
        run(() -> server.protocol().lost.await());
    }

    @Test
    @DisplayName("sendto a closed port on a connected endpoint: errorReceived(PortUnreachableException), the endpoint stays open")
    void icmpRefusalIsErrorReceived() {
        int port = freeUdpPort();
        run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), null, loopback(port));
            c.transport().sendto(ascii("x"));
            Object outcome = c.protocol().awaitNext();
            assertInstanceOf(PortUnreachableException.class, outcome);
            assertFalse(c.transport().isClosing());
            c.transport().close();
            c.protocol().lost.await();
            assertEquals(List.of("made", "error PortUnreachableException", "lost null"), c.protocol().events);
            return null;
        });
    }

    @Test
    @DisplayName("close: isClosing at once, connectionLost once on the next iteration; later sends dropped, the fifth warns (asyncio's order)")
    void closeOrdering() {
        DatagramEndpoint<Recorder> server = echoServer();
        InetSocketAddress serverAddr = sockname(server);
        List<String> order = new ArrayList<>();
        String err = Net.captureErr(() -> run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), null, serverAddr);
            var bad = assertThrows(IllegalArgumentException.class, () -> c.transport().sendto(ascii("y"), loopback(1)));
            assertEquals("Invalid address: must be None or " + SocketAddresses.repr(serverAddr), bad.getMessage());
            c.transport().close();
            assertTrue(c.transport().isClosing());
            for (int i = 0; i < 6; i++) {
                c.transport().sendto(ascii("late"));
            }
            c.transport().close();
            c.transport().abort();
            order.add("after close: " + c.protocol().events);
            Asyncio.sleep(0);
            order.add("one iteration later: " + c.protocol().events);
            Asyncio.sleep(0);
            assertTrue(c.transport().toString().contains("closed"), c.transport().toString());
            return null;
        }));
        assertEquals(List.of("after close: [made]", "one iteration later: [made, lost null]"), order);
        assertEquals(2, err.split("socket.send\\(\\) raised exception.", -1).length - 1, err);
        server.transport().abort();
        run(() -> server.protocol().lost.await());
        assertEquals(List.of("made", "lost null"), server.protocol().events);
    }

    @Test
    @DisplayName("a socket without room: datagrams queue with their byte count, pause/resume at the marks, close waits for the queue")
    void writeQueueAccounting() {
        DatagramEndpoint<Recorder> server = echoServer();
        InetSocketAddress serverAddr = sockname(server);
        List<Integer> sizes = new ArrayList<>();
        run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), null, serverAddr);
            var t = (SelectorDatagramTransport) c.transport();
            DatagramChannel channel = (DatagramChannel) t.getExtraInfo("socket");
            boolean[] full = {true};
            t.sendWith((data, target) -> full[0] ? 0 : channel.write(data));
            t.setWriteBufferLimits(10, 4);
            assertArrayEquals(new int[] {4, 10}, t.getWriteBufferLimits());
            t.sendto(ascii("12345"));
            t.sendto(ascii("6789"));
            sizes.add(t.getWriteBufferSize());
            t.sendto(ascii("ab"));
            sizes.add(t.getWriteBufferSize());
            assertTrue(t.toString().contains("write=<polling, bufsize=11>"), t.toString());
            full[0] = false;
            t.close();
            assertEquals(List.of("made", "pause"), c.protocol().events, "close waits for the queue");
            c.protocol().lost.await();
            sizes.add(t.getWriteBufferSize());
            assertEquals(List.of("made", "pause", "resume", "lost null"), c.protocol().events);
            return null;
        });
        assertEquals(List.of(9, 11, 0), sizes);
        var bad = assertThrows(IllegalArgumentException.class, () -> server.transport().setWriteBufferLimits(1, 2));
        assertEquals("high (1) must be >= low (2) must be >= 0", bad.getMessage());
        run(() -> awaitEvents(server.protocol(), 4));
        server.transport().close();
        run(() -> server.protocol().lost.await());
        List<String> received = server.protocol().events.subList(1, 4);
        assertEquals(List.of("12345", "6789", "ab"), received.stream().map(e -> e.split(" ")[1]).toList(), "sent in order");
    }

    @Test
    @DisplayName("abort drops the queue and calls connectionLost(null) on the next iteration; the byte count stays, as in CPython 3.11")
    void abortDropsTheQueue() {
        DatagramEndpoint<Recorder> server = echoServer();
        run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), null, sockname(server));
            var t = (SelectorDatagramTransport) c.transport();
            t.sendWith((data, target) -> 0);
            t.sendto(ascii("queued"));
            t.abort();
            assertEquals(List.of("made"), c.protocol().events);
            c.protocol().lost.await();
            assertEquals(List.of("made", "lost null"), c.protocol().events);
            assertEquals(6, t.getWriteBufferSize());
            return null;
        });
        server.transport().close();
        run(() -> server.protocol().lost.await());
        assertEquals(List.of("made", "lost null"), server.protocol().events, "nothing was sent");
    }

    @Test
    @DisplayName("options: reusePort lets two endpoints bind one port; without it the second bind fails; allowBroadcast does not connect")
    void options() {
        DatagramEndpoint<Recorder> first = run(() -> loop.createDatagramEndpoint(() -> new Recorder(loop), loopback(0), null,
                DatagramOptions.DEFAULT.withReusePort(true)));
        InetSocketAddress shared = sockname(first);
        DatagramEndpoint<Recorder> second = run(() -> loop.createDatagramEndpoint(() -> new Recorder(loop), shared, null,
                DatagramOptions.DEFAULT.withReusePort(true)));
        assertEquals(shared, sockname(second));
        assertThrows(java.net.BindException.class, () -> run(() -> loop.createDatagramEndpoint(() -> new Recorder(loop),
                shared, null)));
        DatagramEndpoint<Recorder> broadcast = run(() -> loop.createDatagramEndpoint(() -> new Recorder(loop), null, shared,
                DatagramOptions.DEFAULT.withAllowBroadcast(true)));
        assertNull(broadcast.transport().getExtraInfo("peername"), "allowBroadcast: not connected");
        run(() -> {
            second.transport().close(); // with SO_REUSEPORT the kernel may pick either socket
            second.protocol().lost.await();
            broadcast.transport().sendto(ascii("to the default"));
            assertEquals("to the default", first.protocol().awaitNext());
            return null;
        });
        var otherFamily = assertThrows(GaiError.class, () -> run(() -> loop.createDatagramEndpoint(() -> new Recorder(loop),
                loopback(0), null, DatagramOptions.DEFAULT.withFamily(SocketConstants.AF_INET6))));
        assertEquals("[Errno -9] Address family for hostname not supported", otherFamily.getMessage());
        var noFamily = assertThrows(IllegalArgumentException.class,
                () -> run(() -> loop.createDatagramEndpoint(() -> new Recorder(loop), null, null)));
        assertEquals("unexpected address family", noFamily.getMessage());
        DatagramEndpoint<Recorder> unbound = run(() -> loop.createDatagramEndpoint(() -> new Recorder(loop), null, null,
                DatagramOptions.DEFAULT.withFamily(SocketConstants.AF_INET)));
        for (var e : List.of(first, broadcast, unbound)) {
            e.transport().close();
        }
        run(() -> {
            for (var e : List.of(first, broadcast, unbound)) {
                e.protocol().lost.await();
            }
            return null;
        });
    }

    @Test
    @DisplayName("a host name or a literal in an unresolved address is resolved; the channel of an endpoint refuses addReader")
    void resolvedAndOwned() {
        DatagramEndpoint<Recorder> server = run(() -> loop.createDatagramEndpoint(() -> {
            Recorder r = new Recorder(loop);
            r.echo = true;
            return r;
        }, InetSocketAddress.createUnresolved("localhost", 0), null));
        InetSocketAddress bound = sockname(server);
        assertTrue(bound.getAddress().isLoopbackAddress(), bound.toString());
        String host = bound.getAddress().getHostAddress();
        int p = bound.getPort();
        run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), null, InetSocketAddress.createUnresolved(host, p));
            DatagramChannel channel = (DatagramChannel) c.transport().getExtraInfo("socket");
            var e = assertThrows(IllegalStateException.class, () -> loop.addReader(channel, () -> { }));
            assertTrue(e.getMessage().startsWith("File descriptor "), e.getMessage());
            c.transport().sendto(ascii("ping"));
            assertEquals("ping", c.protocol().awaitNext());
            c.transport().close();
            c.protocol().lost.await();
            return null;
        });
        server.transport().close();
        run(() -> server.protocol().lost.await());
    }

    @Test
    @DisplayName("sendto an unconnected endpoint: a literal (host, port) is used as is; an unknown name reaches errorReceived as GaiError")
    void sendtoAddresses() {
        DatagramEndpoint<Recorder> server = echoServer();
        int port = sockname(server).getPort();
        run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), null, null,
                    DatagramOptions.DEFAULT.withFamily(SocketConstants.AF_INET));
            assertNull(c.transport().getExtraInfo("peername"));
            assertEquals("('0.0.0.0', 0)", SocketAddresses.repr((InetSocketAddress) c.transport().getExtraInfo("sockname")),
                    "not bound yet: Python's name of an unbound socket");
            c.transport().sendto(ascii("literal"), InetSocketAddress.createUnresolved(Net.HOST, port));
            assertEquals("literal", c.protocol().awaitNext());
            c.transport().sendto(ascii("nobody"), InetSocketAddress.createUnresolved("no-such-host.invalid", port));
            Object error = c.protocol().awaitNext();
            assertInstanceOf(GaiError.class, error);
            assertEquals("[Errno -2] Name or service not known", ((GaiError) error).getMessage());
            assertFalse(c.transport().isClosing(), "an error in sendto leaves the endpoint open");
            c.transport().close();
            c.protocol().lost.await();
            assertEquals(List.of("made", "data literal from " + SocketAddresses.repr(sockname(server)), "error GaiError",
                    "lost null"), c.protocol().events);
            return null;
        });
        server.transport().close();
        run(() -> server.protocol().lost.await());
    }

    @Test
    @DisplayName("no file descriptor is left open after endpoints, their traffic and the loop are closed")
    void noDescriptorLeft() {
        var before = Net.openFds();
        DatagramEndpoint<Recorder> server = echoServer();
        InetSocketAddress serverAddr = sockname(server);
        int refused = freeUdpPort();
        run(() -> {
            List<DatagramEndpoint<Recorder>> clients = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                clients.add(loop.createDatagramEndpoint(() -> new Recorder(loop), null, serverAddr));
            }
            for (var c : clients) {
                c.transport().sendto(ascii("hi"));
                assertEquals("hi", c.protocol().awaitNext());
                c.transport().close();
            }
            var lonely = loop.createDatagramEndpoint(() -> new Recorder(loop), null, loopback(refused));
            lonely.transport().sendto(ascii("anyone?"));
            lonely.protocol().awaitNext();
            lonely.transport().abort();
            for (var c : clients) {
                c.protocol().lost.await();
            }
            server.transport().close();
            server.protocol().lost.await();
            return null;
        });
        loop.close();
        Net.assertNoFdLeft(before, "descriptors opened by this test and still open");
    }

    @Test
    @DisplayName("an existing channel: createDatagramEndpoint(factory, sock) makes it non-blocking and reads from it")
    void existingChannel() throws IOException {
        DatagramEndpoint<Recorder> server = echoServer();
        DatagramChannel sock = DatagramChannel.open();
        sock.connect(sockname(server));
        run(() -> {
            var c = loop.createDatagramEndpoint(() -> new Recorder(loop), sock);
            assertFalse(sock.isBlocking());
            c.transport().sendto(ascii("mine"), null);
            assertEquals("mine", c.protocol().awaitNext());
            c.transport().close();
            c.protocol().lost.await();
            return null;
        });
        assertFalse(sock.isOpen(), "the transport closes the channel it was given");
    }
}
