package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Transports, protocols and servers (asyncio's create_server/create_connection,
 * _SelectorSocketTransport, Server) over loopback: call order, flow control, half-close, and the
 * faults of the sockets issue. Orders and messages were checked against CPython 3.11.7 with
 * src/test/python/sockets_reference.py.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TransportTest extends Loops.Scenario {
    private final List<Net.Recorder> serverSide = new ArrayList<>();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private Server echoServer() {
        return loop.runUntilComplete(Coroutine.of(() -> loop.createServer(Net.supplyOnce(serverSide, () -> {
            Net.Recorder r = new Net.Recorder(loop);
            r.echo = true;
            return r;
        }), Net.HOST, 0)));
    }

    private static int port(Server server) {
        return Net.port(server.sockets().get(0));
    }

    @Test
    @DisplayName("protocol call order on both sides: made, data, eof, lost; createConnection returns after connectionMade")
    void callOrder() {
        Server server = echoServer();
        int port = port(server);
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port);
            assertEquals(List.of("made"), c.protocol().order(), "connectionMade ran before createConnection returned");
            c.transport().write(ascii("This is the message. "));
            c.transport().writelines(List.of(ascii("It will be sent "), ascii("in parts.")));
            c.transport().writeEof();
            c.protocol().closed.await();
            return c.protocol();
        }));
        assertEquals("This is the message. It will be sent in parts.", client.text());
        assertEquals(List.of("made", "data", "eof", "lost"), client.order());
        Net.Recorder peer = serverSide.get(0);
        assertEquals(List.of("made", "data", "eof", "lost"), peer.order());
        assertEquals("This is the message. It will be sent in parts.", peer.text());
        assertInstanceOf(InetSocketAddress.class, peer.transport.getExtraInfo("peername"));
        assertEquals(client.transport.getExtraInfo("sockname"), peer.transport.getExtraInfo("peername"));
        assertInstanceOf(SocketChannel.class, client.transport.getExtraInfo("socket"));
        assertEquals("dflt", client.transport.getExtraInfo("nope", "dflt"));
        assertTrue(client.transport.isClosing());
        server.close();
        loop.runUntilComplete(Coroutine.of(server::waitClosed));
    }

    @Test
    @DisplayName("create_connection over an existing socket; BufferedProtocol receives into its own buffer")
    void existingSocketAndBufferedProtocol() throws Exception {
        ByteBuffer own = ByteBuffer.allocate(1 << 20);
        List<String> calls = new ArrayList<>();
        Future<Void> done = loop.createFuture();
        Server server = loop.runUntilComplete(Coroutine.of(() -> loop.createServer(() -> new BufferedProtocol() {
            Transport t;

            @Override
            public void connectionMade(Transport transport) {
                t = transport;
            }

            @Override
            public ByteBuffer getBuffer(int sizeHint) {
                calls.add("get " + sizeHint);
                return own;
            }

            @Override
            public void bufferUpdated(int nbytes) {
                calls.add("updated");
            }

            @Override
            public boolean eofReceived() {
                calls.add("eof");
                return false;
            }

            @Override
            public void connectionLost(Exception exc) {
                done.setResult(null);
            }
        }, Net.HOST, 0)));
        SocketChannel sock = SocketChannel.open(new InetSocketAddress(Net.HOST, port(server)));
        loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), sock);
            c.transport().write(ascii("buffered"));
            c.transport().close();
            done.await();
        }));
        assertEquals("buffered", new String(own.array(), 0, own.position(), StandardCharsets.US_ASCII));
        assertEquals("get -1", calls.get(0));
        assertEquals("eof", calls.get(calls.size() - 1));
        server.close();
    }

    @Test
    @DisplayName("port in use: BindException with asyncio's 'error while attempting to bind on address' message")
    void portInUse() throws Exception {
        try (ServerSocketChannel taken = Net.listener()) {
            int port = Net.port(taken);
            var e = assertThrows(java.net.BindException.class, () -> loop.runUntilComplete(Coroutine.of(
                    () -> loop.createServer(() -> new Net.Recorder(loop), Net.HOST, port))));
            assertTrue(e.getMessage().startsWith("error while attempting to bind on address ('127.0.0.1', " + port
                    + "): address already in use"), e.getMessage());
        }
    }

    @Test
    @DisplayName("connection refused: ConnectException naming the address; no socket left open")
    void connectionRefused() {
        int port = Net.freePort();
        var before = Net.openFds();
        var e = assertThrows(java.net.ConnectException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port))));
        assertTrue(e.getMessage().startsWith("Connect call failed ('127.0.0.1', " + port + ")"), e.getMessage());
        loop.close();
        Net.assertNoFdLeft(before, "descriptors opened by this test and still open");
    }

    @Test
    @DisplayName("writing to a lost connection drops the data; from the fifth write on each logs 'socket.send() raised exception.'")
    void writeAfterLostWarns() {
        Server server = echoServer();
        int port = port(server);
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port);
            c.transport().abort();
            c.protocol().closed.await();
            return c.protocol();
        }));
        List<Integer> warnedAt = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String err = Net.captureErr(() -> client.transport.write(ascii("x")));
            if (err.contains("socket.send() raised exception.")) {
                warnedAt.add(i);
            }
        }
        assertEquals(List.of(5, 6, 7), warnedAt);
        assertEquals(List.of("made", "lost"), client.order());
        server.close();
    }

    @Test
    @DisplayName("write after write_eof raises asyncio's message; set_write_buffer_limits checks its arguments")
    void writeRules() {
        Server server = echoServer();
        int port = port(server);
        loop.runUntilComplete(Coroutine.of(() -> {
            Transport t = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port).transport();
            assertTrue(t.canWriteEof());
            assertEquals(List.of(16384, 65536), List.of(t.getWriteBufferLimits()[0], t.getWriteBufferLimits()[1]));
            t.setWriteBufferLimits(null, 1000);
            assertEquals(List.of(1000, 4000), List.of(t.getWriteBufferLimits()[0], t.getWriteBufferLimits()[1]));
            var bad = assertThrows(IllegalArgumentException.class, () -> t.setWriteBufferLimits(1, 2));
            assertEquals("high (1) must be >= low (2) must be >= 0", bad.getMessage());
            t.writeEof();
            var e = assertThrows(IllegalStateException.class, () -> t.write(ascii("late")));
            assertEquals("Cannot call write() after write_eof()", e.getMessage());
            t.close();
        }));
        server.close();
    }

    @Test
    @DisplayName("a fast writer to a reader that stopped: pauseWriting at the high-water mark, buffer and heap bounded, 1 GiB arrives in order")
    void flowControlBoundsTheBuffer() {
        long total = 1L << 30;
        int chunk = 16 * 1024;
        byte[] pattern = new byte[chunk + 251];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i % 251);
        }
        long[] heapPeak = {0};
        long[] received = {0};
        long[] mismatches = {0};
        Future<Void> serverDone = loop.createFuture();
        Transport[] serverTransport = new Transport[1];
        Server server = loop.runUntilComplete(Coroutine.of(() -> loop.createServer(() -> new Protocol() {
            @Override
            public void connectionMade(Transport t) {
                serverTransport[0] = t;
                t.pauseReading();  // a reader that stops reading
            }

            @Override
            public void dataReceived(byte[] data) {
                for (byte b : data) {
                    if (b != (byte) (received[0]++ % 251)) {
                        mismatches[0]++;
                    }
                }
            }

            @Override
            public void connectionLost(Exception exc) {
                serverDone.setResult(null);
            }
        }, Net.HOST, 0)));
        int port = port(server);
        long[] maxBuffered = {0};
        List<String> flow = new ArrayList<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            Future<?>[] resumed = {null};
            var c = loop.createConnection(() -> new Protocol() {
                @Override
                public void pauseWriting() {
                    flow.add("pause");
                    resumed[0] = loop.createFuture();
                }

                @Override
                public void resumeWriting() {
                    flow.add("resume");
                    @SuppressWarnings("unchecked")
                    Future<Object> r = (Future<Object>) resumed[0];
                    resumed[0] = null;
                    r.setResult(null);
                }
            }, Net.HOST, port);
            Transport t = c.transport();
            long sent = 0;
            boolean resumedReader = false;
            while (sent < total) {
                int from = (int) (sent % 251);
                t.write(Arrays.copyOfRange(pattern, from, from + chunk));
                sent += chunk;
                maxBuffered[0] = Math.max(maxBuffered[0], t.getWriteBufferSize());
                if (sent % (64L << 20) == 0) {
                    heapPeak[0] = Math.max(heapPeak[0], usedHeapAfterGc());
                }
                if (resumed[0] != null) {
                    if (!resumedReader) {
                        assertEquals(List.of("pause"), flow);
                        assertTrue(t.getWriteBufferSize() > 65536);
                        serverTransport[0].resumeReading();
                        resumedReader = true;
                    }
                    resumed[0].await();
                }
            }
            t.close();
            serverDone.await();
        }));
        assertEquals(total, received[0]);
        assertEquals(0, mismatches[0]);
        assertTrue(maxBuffered[0] <= 65536 + chunk, "write buffer peaked at " + maxBuffered[0]);
        assertTrue(heapPeak[0] < 256L << 20, "live heap reached " + (heapPeak[0] >> 20) + " MiB during a 1 GiB transfer");
        assertTrue(flow.size() >= 2 && flow.get(0).equals("pause") && flow.get(1).equals("resume"), flow.toString());
        server.close();
    }

    @Test
    @DisplayName("half-close from the client: the server's eofReceived keeps it open, it answers, then closes")
    void halfCloseFromClient() {
        Server server = loop.runUntilComplete(Coroutine.of(() -> loop.createServer(Net.supplyOnce(serverSide, () -> new Net.Recorder(loop) {
            @Override
            public boolean eofReceived() {
                super.eofReceived();
                transport.write(("got " + text()).getBytes(StandardCharsets.US_ASCII));
                transport.close();
                return true;
            }
        }), Net.HOST, 0)));
        int port = port(server);
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port);
            c.transport().write(ascii("question"));
            c.transport().writeEof();
            c.protocol().closed.await();
            return c.protocol();
        }));
        assertEquals("got question", client.text());
        assertEquals(List.of("made", "data", "eof", "lost"), client.order());
        assertEquals(List.of("made", "data", "eof", "lost"), serverSide.get(0).order());
        server.close();
    }

    @Test
    @DisplayName("half-close from the server: the client keeps writing after eofReceived, the server reads it all")
    void halfCloseFromServer() {
        Server server = loop.runUntilComplete(Coroutine.of(() -> loop.createServer(Net.supplyOnce(serverSide, () -> new Net.Recorder(loop) {
            @Override
            public void connectionMade(Transport t) {
                super.connectionMade(t);
                t.write(ascii("hello"));
                t.writeEof();
            }
        }), Net.HOST, 0)));
        int port = port(server);
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop) {
                @Override
                public boolean eofReceived() {
                    super.eofReceived();
                    transport.write(ascii("bye after eof"));
                    transport.close();
                    return true;
                }
            }, Net.HOST, port);
            c.protocol().closed.await();
            serverSide.get(0).closed.await();
            return c.protocol();
        }));
        assertEquals("hello", client.text());
        assertEquals("bye after eof", serverSide.get(0).text());
        assertEquals(List.of("made", "data", "eof", "lost"), serverSide.get(0).order());
        server.close();
    }

    @Test
    @DisplayName("peer reset in the middle of a write: connectionLost gets the IOException, the handler hears nothing")
    void peerResetMidWrite() throws Exception {
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        try (ServerSocketChannel raw = Net.listener()) {
            int port = Net.port(raw);
            Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
                var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port);
                SocketChannel peer = null;
                while (peer == null) {
                    peer = raw.accept();
                }
                c.transport().write(new byte[32 << 20]);  // far more than the socket buffers take
                assertTrue(c.transport().getWriteBufferSize() > 0);
                peer.setOption(StandardSocketOptions.SO_LINGER, 0);
                peer.close();  // RST
                c.protocol().closed.await();
                return c.protocol();
            }));
            assertInstanceOf(IOException.class, client.lost);
            assertEquals(1, client.order().stream().filter(e -> e.startsWith("lost")).count());
            assertEquals(0, client.transport.getWriteBufferSize());
            assertTrue(errors.isEmpty(), errors.toString());
        }
    }

    @Test
    @DisplayName("a protocol that throws in dataReceived: 'Fatal error: protocol.data_received() call failed.' then connectionLost(exc)")
    void protocolFailureIsFatal() {
        List<Map<String, Object>> errors = Loops.captureErrors(loop);
        RuntimeException boom = new RuntimeException("boom");
        Server server = loop.runUntilComplete(Coroutine.of(() -> loop.createServer(Net.supplyOnce(serverSide, () -> new Net.Recorder(loop) {
            @Override
            public void dataReceived(byte[] data) {
                throw boom;
            }
        }), Net.HOST, 0)));
        int port = port(server);
        loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port);
            c.transport().write(ascii("x"));
            serverSide.get(0).closed.await();
            c.protocol().closed.await();
        }));
        assertEquals("Fatal error: protocol.data_received() call failed.", errors.get(0).get("message"));
        assertSame(boom, errors.get(0).get("exception"));
        assertSame(boom, serverSide.get(0).lost);
        server.close();
    }

    @Test
    @DisplayName("Server: sockets, isServing, close, waitClosed waits for connections, serveForever ends on cancel, asyncWith closes")
    void serverLifecycle() {
        Server server = echoServer();
        assertTrue(server.isServing());
        assertEquals(1, server.sockets().size());
        assertTrue(server.toString().startsWith("<Server sockets=(('127.0.0.1', "), server.toString());
        int port = port(server);
        List<String> order = new ArrayList<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port);
            Task<Void> forever = loop.createTask(Coroutine.of(() -> {
                try {
                    server.serveForever();
                } finally {
                    order.add("serveForever ended");
                }
            }));
            Asyncio.sleep(0);
            var again = assertThrows(IllegalStateException.class, server::serveForever);
            assertTrue(again.getMessage().endsWith("is already being awaited on serve_forever()"), again.getMessage());
            Task<Void> waiter = loop.createTask(Coroutine.of(() -> {
                server.waitClosed();
                order.add("waitClosed returned");
            }));
            forever.cancel();
            Asyncio.sleep(0.01);
            assertFalse(server.isServing());
            assertEquals(List.of(), server.sockets());
            assertFalse(waiter.done(), "a connection is still open");
            c.transport().close();
            waiter.await();
            assertTrue(forever.cancelled());
        }));
        assertEquals(List.of("serveForever ended", "waitClosed returned"), order.stream().sorted().toList());
        Server other = echoServer();
        loop.runUntilComplete(Coroutine.of(() -> other.asyncWith(() -> assertTrue(other.isServing()))));
        assertFalse(other.isServing());
        var closed = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(Coroutine.of(other::serveForever)));
        assertTrue(closed.getMessage().endsWith("is closed"));
    }

    @Test
    @DisplayName("no file descriptor is left open after a server, its connections and the loop are closed")
    void noDescriptorLeft() {
        var before = Net.openFds();
        Server server = echoServer();
        int port = port(server);
        loop.runUntilComplete(Coroutine.of(() -> {
            List<Net.Recorder> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                clients.add(loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port).protocol());
            }
            for (Net.Recorder c : clients) {
                c.transport.write(ascii("hi"));
                c.transport.close();
            }
            for (Net.Recorder c : clients) {
                c.closed.await();
            }
            server.close();
            server.waitClosed();
        }));
        assertNull(serverSide.stream().filter(r -> !r.closed.done()).findAny().orElse(null));
        loop.close();
        Net.assertNoFdLeft(before, "descriptors opened by this test and still open");
        assertNotNull(server);
    }

    @Test
    @DisplayName("add_reader on a channel owned by a transport is refused as asyncio does")
    void channelOfATransportIsRefused() {
        Server server = echoServer();
        int port = port(server);
        loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port);
            SocketChannel s = (SocketChannel) c.transport().getExtraInfo("socket");
            var e = assertThrows(IllegalStateException.class, () -> loop.addReader(s, () -> { }));
            assertTrue(e.getMessage().startsWith("File descriptor "), e.getMessage());
            c.transport().close();
        }));
        server.close();
    }

    @Test
    @DisplayName("unknown host: createConnection and openConnection raise UnknownHostException (asyncio's socket.gaierror)")
    void unknownHost() {
        assertThrows(java.net.UnknownHostException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> loop.createConnection(() -> new Net.Recorder(loop), "no-such-host.invalid", 80))));
        assertThrows(java.net.UnknownHostException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> Asyncio.openConnection("no-such-host.invalid", 80))));
    }

    @Test
    @DisplayName("a slow client sending one byte a second does not hold up 1,000 others on the same server")
    void slowClientDoesNotBlockOthers() {
        Server server = echoServer();
        int port = port(server);
        List<String> finished = new ArrayList<>();
        boolean[] fastDone = {false};
        boolean[] slowUnfinishedWhenFastDone = {false};
        int maxSlowBytes = 60;
        loop.runUntilComplete(Coroutine.of(() -> {
            Task<Void> slow = loop.createTask(Coroutine.of(() -> {
                // One byte a second, for as long as the fast clients run (at least 3 bytes): the
                // server holds this connection with a message still incomplete all that time.
                StreamPair s = Asyncio.openConnection(Net.HOST, port);
                int sent = 0;
                while (sent < 3 || !fastDone[0] && sent < maxSlowBytes) {
                    s.writer().write(new byte[] {(byte) ('a' + sent % 26)});
                    sent++;
                    Asyncio.sleep(1.0);
                }
                byte[] echoed = s.reader().readexactly(sent);
                assertEquals(sent, echoed.length);
                finished.add("slow");
                s.writer().close();
            }));
            List<Task<Void>> fast = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String msg = "fast " + i + "\n";
                fast.add(loop.createTask(Coroutine.of(() -> {
                    StreamPair s = Asyncio.openConnection(Net.HOST, port);
                    for (int k = 0; k < 10; k++) {
                        s.writer().write(ascii(msg));
                        assertEquals(msg, text(s.reader().readline()));
                    }
                    s.writer().close();
                    finished.add("fast");
                })));
            }
            Asyncio.gather(new ArrayList<Object>(fast)).await();
            fastDone[0] = true;
            slowUnfinishedWhenFastDone[0] = !finished.contains("slow");
            slow.await();
        }));
        assertEquals(1001, finished.size());
        assertTrue(slowUnfinishedWhenFastDone[0], "all 1,000 fast clients finished while the slow one was still sending");
        assertEquals("slow", finished.get(1000));
        server.close();
    }

    /** The heap in use just after a full collection: what is really kept alive. */
    private static long usedHeapAfterGc() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
