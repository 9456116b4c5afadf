package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS over the socket transports (asyncio's sslproto.SSLProtocol and _SSLProtocolTransport) on
 * loopback, with certificates keytool makes when the class starts. The call orders were checked
 * against CPython 3.11.7 (both ends of a closed TLS connection hear made, data, eof, lost).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SslTransportTest extends Loops.Scenario {
    @TempDir
    static Path certs;
    /** The server's identity: CN=localhost, names localhost and 127.0.0.1. */
    static Tls.Identity server;
    /** A certificate nobody trusts in these tests, for the untrusted case. */
    static Tls.Identity stranger;

    private final List<Net.Recorder> serverSide = new ArrayList<>();

    @BeforeAll
    static void makeCertificates() {
        server = Tls.generate(certs, "server", "localhost", "dns:localhost,ip:127.0.0.1", 30);
        stranger = Tls.generate(certs, "stranger", "localhost", "dns:localhost,ip:127.0.0.1", 30);
    }

    private static SslOptions serverTls() {
        return SslOptions.of(Tls.serverContext(server));
    }

    private static SslOptions clientTls() {
        return SslOptions.of(Tls.clientContext(server));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private Server echoServer(SslOptions tls) {
        return loop.runUntilComplete(Coroutine.of(() -> loop.createServer(Net.supplyOnce(serverSide, () -> {
            Net.Recorder r = new Net.Recorder(loop);
            r.echo = true;
            return r;
        }), Net.HOST, 0, tls)));
    }

    private static int port(Server s) {
        return Net.port(s.sockets().get(0));
    }

    /** One echo round trip over TLS with a fresh client; returns the client's protocol, closed. */
    private Net.Recorder echoOnce(int port, String text) {
        return loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls());
            c.transport().write(ascii(text));
            while (c.protocol().received.size() < text.length()) {
                Asyncio.sleep(0.01);
            }
            c.transport().close();
            c.protocol().closed.await();
            return c.protocol();
        }));
    }

    @Test
    @DisplayName("echo over TLS with protocols: both ends hear made, data, eof (close_notify), lost; extra info; no write_eof")
    void echoWithProtocols() {
        Server s = echoServer(serverTls());
        int port = port(s);
        SslOptions tls = clientTls();
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, tls);
            assertEquals(List.of("made"), c.protocol().order(), "connectionMade ran after the handshake, before the return");
            Transport t = c.transport();
            assertSame(tls.context(), t.getExtraInfo("sslcontext"));
            X509Certificate peer = assertInstanceOf(X509Certificate.class, t.getExtraInfo("peercert"));
            assertEquals("CN=localhost", peer.getSubjectX500Principal().getName());
            assertTrue(String.valueOf(t.getExtraInfo("cipher")).startsWith("TLS_"), String.valueOf(t.getExtraInfo("cipher")));
            assertInstanceOf(SSLEngine.class, t.getExtraInfo("ssl_object"));
            assertInstanceOf(SocketChannel.class, t.getExtraInfo("socket"));
            assertInstanceOf(InetSocketAddress.class, t.getExtraInfo("peername"));
            assertFalse(t.canWriteEof());
            assertThrows(UnsupportedOperationException.class, t::writeEof);
            t.write(ascii("This is the message. "));
            t.writelines(List.of(ascii("It will be sent "), ascii("in parts.")));
            while (c.protocol().received.size() < 46) {
                Asyncio.sleep(0.01);
            }
            t.close();
            assertTrue(t.isClosing());
            c.protocol().closed.await();
            return c.protocol();
        }));
        assertEquals("This is the message. It will be sent in parts.", client.text());
        assertEquals(List.of("made", "data", "eof", "lost"), client.order());
        loop.runUntilComplete(Coroutine.of(() -> serverSide.get(0).closed.await()));
        assertEquals(List.of("made", "data", "eof", "lost"), serverSide.get(0).order());
        assertEquals(null, serverSide.get(0).transport.getExtraInfo("peercert"), "the client sent no certificate");
        s.close();
        loop.runUntilComplete(Coroutine.of(s::waitClosed));
    }

    @Test
    @DisplayName("TLS 1.2 as well as 1.3: echo, close_notify both ways, the same call order")
    void tls12() {
        Server s = echoServer(serverTls());
        int port = port(s);
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            var tls12 = new javax.net.ssl.SSLParameters();
            tls12.setProtocols(new String[] {"TLSv1.2"});
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls().withParameters(tls12));
            assertEquals("TLSv1.2", ((SSLEngine) c.transport().getExtraInfo("ssl_object")).getSession().getProtocol());
            c.transport().write(ascii("twelve"));
            while (c.protocol().received.size() < 6) {
                Asyncio.sleep(0.01);
            }
            c.transport().close();
            c.protocol().closed.await();
            serverSide.get(0).closed.await();
            return c.protocol();
        }));
        assertEquals("twelve", client.text());
        assertEquals(List.of("made", "data", "eof", "lost"), client.order());
        assertEquals(List.of("made", "data", "eof", "lost"), serverSide.get(0).order());
        assertTrue(((SSLEngine) client.transport.getExtraInfo("ssl_object")).isInboundDone());
        s.close();
    }

    @Test
    @DisplayName("a server that requires client certificates (verify_mode=CERT_REQUIRED): refused without one, peercert with one")
    void clientCertificates() {
        var needClientAuth = new javax.net.ssl.SSLParameters();
        needClientAuth.setNeedClientAuth(true);
        SSLContext serverCtx = Tls.context(server, stranger);   // presents server, trusts stranger
        Server s = echoServer(SslOptions.of(serverCtx).withParameters(needClientAuth));
        int port = port(s);
        assertThrows(javax.net.ssl.SSLException.class, () -> loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls());
            c.transport().write(ascii("no certificate"));
            c.protocol().closed.await();   // TLS 1.3: the server's refusal may come after the client's handshake
            throw c.protocol().lost;
        })));
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, SslOptions.of(Tls.context(stranger, server)));
            c.transport().write(ascii("hi"));
            while (c.protocol().received.size() < 2) {
                Asyncio.sleep(0.01);
            }
            c.transport().close();
            c.protocol().closed.await();
            return c.protocol();
        }));
        assertEquals("hi", client.text());
        Net.Recorder accepted = serverSide.get(serverSide.size() - 1);
        X509Certificate peer = assertInstanceOf(X509Certificate.class, accepted.transport.getExtraInfo("peercert"));
        assertEquals(stranger.certificate(), peer, "the server sees the client's certificate");
        s.close();
    }

    @Test
    @DisplayName("echo over TLS with streams: startServer/openConnection, a NUL byte ends the message (no write_eof)")
    void echoWithStreams() {
        List<String> serverLog = new ArrayList<>();
        String got = loop.runUntilComplete(Coroutine.of(() -> {
            Server s = Asyncio.startServer((reader, writer) -> Coroutine.of(() -> {
                while (true) {
                    byte[] data = reader.read(128);
                    boolean terminate = data.length > 0 && data[data.length - 1] == 0;
                    String text = new String(data, StandardCharsets.US_ASCII).replace("\0", "");
                    if (!text.isEmpty()) {
                        serverLog.add("received " + text);
                        writer.write(ascii(text));
                        writer.drain();
                    }
                    if (text.isEmpty() || terminate) {
                        serverLog.add("closing");
                        writer.close();
                        return null;
                    }
                }
            }), Net.HOST, 0, serverTls());
            StreamPair p = Asyncio.openConnection(Net.HOST, port(s), clientTls());
            assertFalse(p.writer().canWriteEof());
            p.writer().write(ascii("This is the message. "));
            p.writer().write(ascii("It will be sent "));
            p.writer().write(ascii("in parts."));
            p.writer().write(new byte[] {0});
            p.writer().drain();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] chunk;
            while ((chunk = p.reader().read(128)).length > 0) {
                all.writeBytes(chunk);
            }
            p.writer().close();
            p.writer().waitClosed();
            s.close();
            s.waitClosed();
            return all.toString(StandardCharsets.US_ASCII);
        }));
        assertEquals("This is the message. It will be sent in parts.", got);
        assertEquals("closing", serverLog.get(serverLog.size() - 1));
        assertEquals("This is the message. It will be sent in parts.",
                String.join("", serverLog.subList(0, serverLog.size() - 1)).replace("received ", ""));
    }

    @Test
    @DisplayName("a BufferedProtocol over TLS gets the plaintext through its own small buffer, in order")
    void bufferedProtocolOverTls() {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        List<String> calls = new ArrayList<>();
        Future<Void> done = loop.createFuture();
        Server s = loop.runUntilComplete(Coroutine.of(() -> loop.createServer(() -> new BufferedProtocol() {
            private final java.nio.ByteBuffer small = java.nio.ByteBuffer.allocate(7);

            @Override
            public java.nio.ByteBuffer getBuffer(int sizeHint) {
                return small.clear();
            }

            @Override
            public void bufferUpdated(int nbytes) {
                got.write(small.array(), 0, nbytes);
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
        }, Net.HOST, 0, serverTls())));
        String text = "0123456789".repeat(30);
        loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port(s), clientTls());
            c.transport().write(ascii(text));
            c.transport().close();
            done.await();
        }));
        assertEquals(text, got.toString(StandardCharsets.US_ASCII));
        assertTrue(calls.size() >= 300 / 7, "one bufferUpdated per 7 bytes at most: " + calls.size());
        assertEquals("eof", calls.get(calls.size() - 1));
        s.close();
    }

    @Test
    @DisplayName("4 MiB each way over TLS with streams: every byte arrives, in order")
    void largeTransferBothWays() {
        int size = 4 << 20;
        byte[] payload = new byte[size];
        new Random(42).nextBytes(payload);
        byte[] back = loop.runUntilComplete(Coroutine.of(() -> {
            Server s = Asyncio.startServer((reader, writer) -> Coroutine.of(() -> {
                byte[] in = reader.readexactly(size);
                assertArrayEquals(payload, in, "the server received the payload intact");
                for (int off = 0; off < size; off += 100_000) {
                    writer.write(java.util.Arrays.copyOfRange(in, off, Math.min(size, off + 100_000)));
                    writer.drain();
                }
                writer.close();
                return null;
            }), Net.HOST, 0, serverTls());
            StreamPair p = Asyncio.openConnection(Net.HOST, port(s), clientTls());
            for (int off = 0; off < size; off += 65_536) {
                p.writer().write(java.util.Arrays.copyOfRange(payload, off, Math.min(size, off + 65_536)));
                p.writer().drain();
            }
            byte[] echoed = p.reader().readexactly(size);
            assertEquals(0, p.reader().read(1).length, "then the server's close_notify ends the stream");
            p.writer().close();
            s.close();
            s.waitClosed();
            return echoed;
        }));
        assertArrayEquals(payload, back);
    }

    @Test
    @DisplayName("flow control through TLS: a reader that pauses makes the writer's protocol pause, then resume; buffer stays bounded")
    void flowControlThroughTls() {
        List<Net.Recorder> made = new ArrayList<>();
        Server s = loop.runUntilComplete(Coroutine.of(() -> loop.createServer(Net.supplyOnce(made, () -> new Net.Recorder(loop) {
            @Override
            public void connectionMade(Transport t) {
                super.connectionMade(t);
                t.pauseReading();
            }
        }), Net.HOST, 0, serverTls())));
        long total = 16L << 20;
        List<Integer> bufferSizes = new ArrayList<>();
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port(s), clientTls());
            byte[] chunk = new byte[64 * 1024];
            long sent = 0;
            while (sent < total && !c.protocol().events.contains("pause")) {
                c.transport().write(chunk);
                sent += chunk.length;
                bufferSizes.add(c.transport().getWriteBufferSize());
                Asyncio.sleep(0);
            }
            assertTrue(c.protocol().events.contains("pause"), "pauseWriting was called before 16 MiB were written");
            assertFalse(made.get(0).transport.isReading());
            made.get(0).transport.resumeReading();
            while (!c.protocol().events.contains("resume")) {
                Asyncio.sleep(0.01);
            }
            long expected = sent;
            while (made.get(0).received.size() < expected) {
                Asyncio.sleep(0.01);
            }
            c.transport().close();
            c.protocol().closed.await();
            return c.protocol();
        }));
        assertEquals(List.of("made", "pause", "resume"), client.order().subList(0, 3));
        int max = bufferSizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertTrue(max <= SslProtocol.WRITE_HIGH_WATER + 2 * 64 * 1024, "write buffer stayed bounded: " + max);
        s.close();
    }

    @Test
    @DisplayName("a server host name the certificate does not name: SSLHandshakeException on the client; the server serves the next client")
    void hostnameMismatch() {
        Server s = echoServer(serverTls());
        int port = port(s);
        var e = assertThrows(SSLHandshakeException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port,
                        clientTls().withServerHostname("wrong.example")))));
        assertTrue(e.getMessage().contains("wrong.example"), e.getMessage());
        assertEquals("hello", echoOnce(port, "hello").text(), "the server still serves");
        assertEquals(List.of(), serverSide.get(0).order(), "the failed connection's protocol never heard connectionMade");
        s.close();
    }

    @Test
    @DisplayName("an empty server host name turns the check off (asyncio's server_hostname='')")
    void emptyHostnameSkipsTheCheck() {
        Server s = echoServer(serverTls());
        int port = port(s);
        loop.runUntilComplete(Coroutine.of(() -> {
            var c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls().withServerHostname(""));
            c.transport().close();
            c.protocol().closed.await();
        }));
        s.close();
    }

    @Test
    @DisplayName("an untrusted certificate: SSLHandshakeException naming the failed path on the client; the server serves the next client")
    void untrustedCertificate() {
        Server s = echoServer(serverTls());
        int port = port(s);
        SslOptions trustsStranger = SslOptions.of(Tls.clientContext(stranger));
        var e = assertThrows(SSLHandshakeException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> Asyncio.openConnection(Net.HOST, port, trustsStranger))));
        assertTrue(e.getMessage().contains("PKIX path"), e.getMessage());
        assertEquals("hello", echoOnce(port, "hello").text(), "the server still serves");
        s.close();
    }

    @Test
    @DisplayName("server side: a client that never starts the handshake is dropped after the handshake timeout")
    void serverHandshakeTimeout() throws Exception {
        Server s = echoServer(serverTls().withHandshakeTimeout(0.3));
        int port = port(s);
        try (SocketChannel raw = SocketChannel.open(new InetSocketAddress(Net.HOST, port))) {
            raw.configureBlocking(false);
            byte[] got = loop.runUntilComplete(Coroutine.of(() -> loop.sockRecv(raw, 16)));
            assertEquals(0, got.length, "the server closed the silent connection");
        }
        assertEquals(List.of(), serverSide.get(0).order());
        assertEquals("again", echoOnce(port, "again").text(), "the server still serves");
        s.close();
    }

    @Test
    @DisplayName("client side: a server that never answers the handshake: SocketException with asyncio's message")
    void clientHandshakeTimeout() throws Exception {
        try (var silent = Net.listener()) {
            int port = Net.port(silent);
            var e = assertThrows(SocketException.class, () -> loop.runUntilComplete(Coroutine.of(
                    () -> loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls().withHandshakeTimeout(0.3)))));
            assertEquals("SSL handshake is taking longer than 0.3 seconds: aborting the connection", e.getMessage());
        }
    }

    @Test
    @DisplayName("close sends close_notify and waits for the peer's: both engines end with both directions closed")
    void closeNotifySeenByPeer() {
        Server s = echoServer(serverTls());
        int port = port(s);
        Net.Recorder client = loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls());
            c.transport().write(ascii("x"));
            while (serverSide.isEmpty() || serverSide.get(0).received.size() < 1) {
                Asyncio.sleep(0.01);
            }
            serverSide.get(0).transport.close();  // the server closes first
            c.protocol().closed.await();
            serverSide.get(0).closed.await();
            return c.protocol();
        }));
        SSLEngine clientEngine = (SSLEngine) client.transport.getExtraInfo("ssl_object", null);
        assertNotNull(clientEngine);
        assertTrue(clientEngine.isInboundDone(), "the client read the server's close_notify");
        assertTrue(clientEngine.isOutboundDone(), "and sent its own");
        SSLEngine serverEngine = (SSLEngine) serverSide.get(0).transport.getExtraInfo("ssl_object", null);
        assertTrue(serverEngine.isInboundDone(), "the server read the client's answer");
        assertEquals(List.of("made", "data", "eof", "lost"), client.order());
        assertEquals(null, client.lost);
        s.close();
    }

    @Test
    @DisplayName("a peer that never answers close_notify: the connection is dropped after the shutdown timeout with 'SSL shutdown timed out'")
    void shutdownTimeout() {
        Server s = echoServer(serverTls().withShutdownTimeout(0.3));
        int port = port(s);
        loop.runUntilComplete(Coroutine.of(() -> {
            Connection<Net.Recorder> c = loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls());
            while (serverSide.isEmpty() || serverSide.get(0).transport == null) {
                Asyncio.sleep(0.01);
            }
            c.transport().pauseReading();  // the client will not read the close_notify
            serverSide.get(0).transport.close();
            serverSide.get(0).closed.await();
            c.transport().abort();
            c.protocol().closed.await();
        }));
        var lost = assertInstanceOf(TimeoutError.class, serverSide.get(0).lost);
        assertEquals("SSL shutdown timed out", lost.getMessage());
        s.close();
    }

    @Test
    @DisplayName("asyncio's argument rules: positive timeouts, server_hostname only on clients, and required without a host")
    void argumentRules() throws Exception {
        SSLContext ctx = Tls.clientContext(server);
        var t = assertThrows(IllegalArgumentException.class, () -> SslOptions.of(ctx).withHandshakeTimeout(0));
        assertEquals("ssl_handshake_timeout should be a positive number, got 0.0", t.getMessage());
        t = assertThrows(IllegalArgumentException.class, () -> SslOptions.of(ctx).withShutdownTimeout(-1));
        assertEquals("ssl_shutdown_timeout should be a positive number, got -1.0", t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> loop.createServer(() -> new Net.Recorder(loop), Net.HOST, 0, serverTls().withServerHostname("x")))));
        Server s = echoServer(serverTls());
        try (SocketChannel sock = SocketChannel.open(new InetSocketAddress(Net.HOST, port(s)))) {
            var e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(Coroutine.of(
                    () -> loop.createConnection(() -> new Net.Recorder(loop), sock, clientTls()))));
            assertEquals("You must set server_hostname when using ssl without a host", e.getMessage());
            Net.Recorder r = loop.runUntilComplete(Coroutine.of(() -> {
                var c = loop.createConnection(() -> new Net.Recorder(loop), sock, clientTls().withServerHostname("localhost"));
                c.transport().close();
                c.protocol().closed.await();
                return c.protocol();
            }));
            assertEquals(List.of("made", "eof", "lost"), r.order());
        }
        s.close();
    }

    @Test
    @DisplayName("writing to a closed TLS transport drops the data; from the fifth write on each logs 'SSL connection is closed'")
    void writeAfterCloseWarns() {
        Server s = echoServer(serverTls());
        Net.Recorder client = echoOnce(port(s), "x");
        List<Integer> warnedAt = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String err = Net.captureErr(() -> client.transport.write(ascii("late")));
            if (err.contains("SSL connection is closed")) {
                warnedAt.add(i);
            }
        }
        // asyncio counts the lost connection with the late writes and warns once the count reaches 5
        assertEquals(List.of(5, 6), warnedAt);
        s.close();
    }

    @Test
    @DisplayName("no file descriptor is left open after TLS connections, failed handshakes, a timeout, the server and the loop close")
    void noDescriptorLeft() throws Exception {
        var before = Net.openFds();
        Server s = echoServer(serverTls().withHandshakeTimeout(0.3));
        int port = port(s);
        for (int i = 0; i < 5; i++) {
            echoOnce(port, "fd " + i);
        }
        assertThrows(SSLHandshakeException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, clientTls().withServerHostname("wrong.example")))));
        assertThrows(SSLHandshakeException.class, () -> loop.runUntilComplete(Coroutine.of(
                () -> loop.createConnection(() -> new Net.Recorder(loop), Net.HOST, port, SslOptions.of(Tls.clientContext(stranger))))));
        try (SocketChannel raw = SocketChannel.open(new InetSocketAddress(Net.HOST, port))) {
            raw.configureBlocking(false);
            loop.runUntilComplete(Coroutine.of(() -> loop.sockRecv(raw, 16)));
        }
        loop.runUntilComplete(Coroutine.of(() -> {
            s.close();
            s.waitClosed();
        }));
        loop.close();
        Net.assertNoFdLeft(before, "descriptors opened by this test and still open");
    }
}
