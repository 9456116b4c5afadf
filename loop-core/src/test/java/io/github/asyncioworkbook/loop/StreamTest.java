package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Streams (asyncio's streams.py): StreamReader's limit rules, StreamWriter's drain, over loopback.
 * Messages were checked against CPython 3.11.7 with src/test/python/sockets_reference.py.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StreamTest extends Loops.Scenario {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    @DisplayName("start_server and open_connection: readline, readexactly, readuntil, read to EOF, at_eof, wait_closed")
    void echoOverStreams() {
        List<String> serverLog = new ArrayList<>();
        Server server = run(() -> Asyncio.startServer((reader, writer) -> Coroutine.of(() -> {
            for (;;) {
                byte[] line = reader.readline();
                if (line.length == 0) {
                    break;
                }
                serverLog.add(text(line).strip());
                writer.write(line);
                writer.drain();
            }
            serverLog.add("eof " + reader.atEof());
            writer.close();
            writer.waitClosed();
        }), Net.HOST, 0));
        int port = Net.port(server.sockets().get(0));
        List<String> got = run(() -> {
            StreamPair s = Asyncio.openConnection(Net.HOST, port);
            s.writer().writelines(List.of(ascii("one\n"), ascii("two\nthree"), ascii("\nfour|rest\n")));
            s.writer().writeEof();
            s.writer().drain();
            List<String> out = new ArrayList<>();
            out.add(text(s.reader().readline()));
            out.add(text(s.reader().readexactly(4)));
            out.add(text(s.reader().readuntil(ascii("e\n"))));
            out.add(text(s.reader().readuntil(ascii("|"))));
            out.add(text(s.reader().read()));
            out.add("atEof " + s.reader().atEof());
            out.add("empty " + s.reader().read(10).length);
            s.writer().close();
            s.writer().waitClosed();
            out.add("closing " + s.writer().isClosing());
            return out;
        });
        assertEquals(List.of("one\n", "two\n", "three\n", "four|", "rest\n", "atEof true", "empty 0", "closing true"), got);
        assertEquals(List.of("one", "two", "three", "four|rest", "eof true"), serverLog);
        run(() -> {
            server.close();
            server.waitClosed();
            return null;
        });
    }

    @Test
    @DisplayName("IncompleteReadError: readexactly and readuntil at the end of the stream, with asyncio's message and partial bytes")
    void incompleteRead() {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r.feedData(ascii("abc"));
        r.feedEof();
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> run(() -> r.readexactly(5)));
        assertEquals("3 bytes read on a total of 5 expected bytes", e.getMessage());
        assertArrayEquals(ascii("abc"), e.partial());
        assertEquals(5, e.expected());
        StreamReader r2 = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r2.feedData(ascii("no separator"));
        r2.feedEof();
        IncompleteReadError e2 = assertThrows(IncompleteReadError.class, () -> run(() -> r2.readuntil(ascii("!"))));
        assertEquals("12 bytes read on a total of undefined expected bytes", e2.getMessage());
        assertTrue(r2.atEof());
        StreamReader r3 = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        r3.feedData(ascii("tail"));
        r3.feedEof();
        assertEquals("tail", text(run(r3::readline)), "readline returns the partial last line");
    }

    @Test
    @DisplayName("LimitOverrunError: separator not found within the limit, found beyond it; readline turns it into IllegalArgumentException and drops the line")
    void limitRules() {
        StreamReader r = new StreamReader(8, loop);
        r.feedData(ascii("0123456789abcdef"));
        LimitOverrunError notFound = assertThrows(LimitOverrunError.class, () -> run(() -> r.readuntil(ascii("\n"))));
        assertEquals("Separator is not found, and chunk exceed the limit", notFound.getMessage());
        assertEquals(16, notFound.consumed());
        assertEquals(16, r.size(), "the bytes stay buffered");

        StreamReader found = new StreamReader(8, loop);
        found.feedData(ascii("0123456789\nnext\n"));
        LimitOverrunError tooLong = assertThrows(LimitOverrunError.class, () -> run(() -> found.readuntil(ascii("\n"))));
        assertEquals("Separator is found, but chunk is longer than limit", tooLong.getMessage());
        assertEquals(10, tooLong.consumed());

        IllegalArgumentException viaReadline = assertThrows(IllegalArgumentException.class, () -> run(found::readline));
        assertEquals("Separator is found, but chunk is longer than limit", viaReadline.getMessage());
        assertEquals("next\n", text(run(found::readline)), "the long line and its separator were dropped");

        assertEquals("Separator should be at least one-byte string",
                assertThrows(IllegalArgumentException.class, () -> run(() -> r.readuntil(new byte[0]))).getMessage());
        assertEquals("readexactly size can not be less than zero",
                assertThrows(IllegalArgumentException.class, () -> run(() -> r.readexactly(-1))).getMessage());
        assertEquals("Limit cannot be <= 0", assertThrows(IllegalArgumentException.class, () -> new StreamReader(0, loop)).getMessage());
    }

    @Test
    @DisplayName("only one coroutine may wait for data; set_exception wakes the waiter with the error")
    void oneWaiterAndExceptions() {
        StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, loop);
        IOException boom = new IOException("boom");
        List<String> out = run(() -> {
            Task<byte[]> first = loop.createTask(Coroutine.of(() -> r.read(5)));
            Asyncio.sleep(0);
            IllegalStateException busy = assertThrows(IllegalStateException.class, () -> r.readline());
            r.setException(boom);
            IOException got = assertThrows(IOException.class, () -> Asyncio.waitFor(first, null));
            return List.of(busy.getMessage(), got.getMessage());
        });
        assertEquals(List.of("readuntil() called while another coroutine is already waiting for incoming data", "boom"), out);
    }

    @Test
    @DisplayName("the reader pauses the transport past twice its limit and resumes it once read below the limit")
    void readerPausesTheTransport() {
        int limit = 4096;
        Server server = run(() -> Asyncio.startServer((reader, writer) -> Coroutine.of(() -> {
            writer.write(new byte[100_000]);
            writer.drain();
            writer.close();
        }), Net.HOST, 0));
        int port = Net.port(server.sockets().get(0));
        List<Boolean> reading = run(() -> {
            StreamPair s = Asyncio.openConnection(Net.HOST, port, limit);
            List<Boolean> states = new ArrayList<>();
            byte[] first = s.reader().readexactly(1);
            while (s.writer().transport().isReading() && first.length == 1) {
                Asyncio.sleep(0.01);
            }
            states.add(s.writer().transport().isReading());
            assertTrue(s.reader().size() > 2 * limit && s.reader().size() < 2 * limit + SocketTransport.MAX_SIZE);
            int total = 1 + s.reader().read().length;
            states.add(total == 100_000);
            return states;
        });
        assertEquals(List.of(false, true), reading);
        server.close();
    }

    @Test
    @DisplayName("drain waits while the peer does not read: memory stays bounded over 32 MiB, all of it arrives")
    void drainBoundsMemory() {
        int chunk = 256 * 1024;
        long total = 32L << 20;
        Future<Void> startReading = loop.createFuture();
        long[] received = {0};
        Server server = run(() -> Asyncio.startServer((reader, writer) -> Coroutine.of(() -> {
            startReading.await();
            for (;;) {
                byte[] b = reader.read(1 << 20);
                if (b.length == 0) {
                    break;
                }
                received[0] += b.length;
            }
            writer.close();
        }), Net.HOST, 0));
        int port = Net.port(server.sockets().get(0));
        long[] peak = {0};
        int[] waitedDrains = {0};
        run(() -> {
            StreamPair s = Asyncio.openConnection(Net.HOST, port);
            byte[] data = new byte[chunk];
            boolean readerScheduled = false;
            for (long sent = 0; sent < total; sent += chunk) {
                s.writer().write(data);
                int buffered = s.writer().transport().getWriteBufferSize();
                peak[0] = Math.max(peak[0], buffered);
                if (buffered > 65536 && !readerScheduled) {
                    // The peer starts reading only after this drain has had to wait a while.
                    loop.callLater(0.1, () -> startReading.setResult(null));
                    readerScheduled = true;
                }
                s.writer().drain();
                if (buffered > 65536) {
                    waitedDrains[0]++;
                }
                assertTrue(s.writer().transport().getWriteBufferSize() <= 65536, "drain returned with the buffer at its high-water mark or below");
            }
            s.writer().writeEof();
            s.reader().read();
            s.writer().close();
            return null;
        });
        assertEquals(total, received[0]);
        assertTrue(waitedDrains[0] > 0);
        assertTrue(peak[0] <= 65536 + chunk, "peak " + peak[0]);
        server.close();
    }

    @Test
    @DisplayName("drain after the connection was lost raises 'Connection lost'; reads see the end of stream")
    void drainAfterLoss() {
        Server server = run(() -> Asyncio.startServer((reader, writer) -> {
            writer.transport().abort();
            return null;
        }, Net.HOST, 0));
        int port = Net.port(server.sockets().get(0));
        String msg = run(() -> {
            StreamPair s = Asyncio.openConnection(Net.HOST, port);
            assertEquals(0, s.reader().read().length);
            s.writer().close();
            SocketException e = assertThrows(SocketException.class, () -> s.writer().drain());
            assertFalse(s.writer().transport().isReading());
            return e.getMessage();
        });
        assertEquals("Connection lost", msg);
        server.close();
    }
}
