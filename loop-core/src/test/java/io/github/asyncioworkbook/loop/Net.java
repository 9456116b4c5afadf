package io.github.asyncioworkbook.loop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** Test helpers for the socket tests: loopback channels, a recording protocol, fd counting. */
final class Net {
    private Net() {
    }

    static final String HOST = "127.0.0.1";

    /** A non-blocking server channel on a free loopback port. */
    static ServerSocketChannel listener() {
        try {
            ServerSocketChannel s = ServerSocketChannel.open();
            s.bind(new InetSocketAddress(HOST, 0));
            s.configureBlocking(false);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int port(ServerSocketChannel s) {
        try {
            return ((InetSocketAddress) s.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port nothing listens on (bound, then released). */
    static int freePort() {
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress(HOST, 0));
            return port(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The open file descriptors of this process and what each refers to (Linux's /proc/self/fd). */
    static java.util.Map<String, String> openFds() {
        java.util.Map<String, String> fds = new java.util.TreeMap<>();
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : list.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (!(target.startsWith("/proc/") && target.endsWith("/fd"))) {  // the listing's own
                        fds.put(fd.getFileName().toString(), target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the listing itself, or one closed while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fds;
    }

    /**
     * Fails if a descriptor is open now that was not open, with the same target, in {@code before}.
     * Descriptors that other tests' leftovers (collected objects, children's pipes) close meanwhile
     * do not count: only what is new.
     */
    static void assertNoFdLeft(java.util.Map<String, String> before, String message) {
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of(), fdsOpenedSince(before), message);
    }

    /** {@return the descriptors open now that were not open, with the same target, in {@code before}} */
    static java.util.Map<String, String> fdsOpenedSince(java.util.Map<String, String> before) {
        java.util.Map<String, String> opened = openFds();
        opened.entrySet().removeIf(e -> e.getValue().equals(before.get(e.getKey())));
        return opened;
    }

    /** Runs {@code action} with System.err captured; returns what was written. */
    static String captureErr(Runnable action) {
        PrintStream old = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A protocol that logs every callback as a word, and optionally echoes. */
    static class Recorder implements Protocol {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        Transport transport;
        Exception lost;
        boolean keepOpenOnEof;
        boolean echo;
        Future<Void> closed;

        Recorder(EventLoop loop) {
            closed = loop.createFuture();
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            events.add("made");
        }

        @Override
        public void dataReceived(byte[] data) {
            events.add("data");
            received.writeBytes(data);
            if (echo) {
                transport.write(data);
            }
        }

        @Override
        public boolean eofReceived() {
            events.add("eof");
            return keepOpenOnEof;
        }

        @Override
        public void connectionLost(Exception exc) {
            lost = exc;
            events.add(exc == null ? "lost" : "lost " + exc.getClass().getSimpleName());
            if (!closed.done()) {
                closed.setResult(null);
            }
        }

        @Override
        public void pauseWriting() {
            events.add("pause");
        }

        @Override
        public void resumeWriting() {
            events.add("resume");
        }

        String text() {
            return received.toString(StandardCharsets.UTF_8);
        }

        /** The events with runs of "data" collapsed to one (chunking is not guaranteed). */
        List<String> order() {
            List<String> out = new ArrayList<>();
            synchronized (events) {
                for (String e : events) {
                    if (!(e.equals("data") && !out.isEmpty() && out.get(out.size() - 1).equals("data"))) {
                        out.add(e);
                    }
                }
            }
            return out;
        }
    }

    static <P> Supplier<P> supplyOnce(List<P> made, Supplier<P> factory) {
        return () -> {
            P p = factory.get();
            made.add(p);
            return p;
        };
    }
}
