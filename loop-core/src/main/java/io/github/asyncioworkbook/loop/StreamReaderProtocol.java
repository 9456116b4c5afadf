package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayDeque;

/**
 * The protocol between a transport and a {@link StreamReader}/{@link StreamWriter} pair:
 * asyncio's {@code StreamReaderProtocol} with its {@code FlowControlMixin}. It feeds received
 * bytes and the end of stream to the reader, tells the reader about a lost connection, and lets
 * {@link StreamWriter#drain()} wait while the transport has paused writing.
 *
 * <p>Guarantees: on a server, the client-connected callback runs inside {@code connectionMade},
 * and a coroutine it returns becomes a task; {@code eofReceived} keeps the transport open so the
 * writer can still answer (half-close); waiting drains are released by {@code resumeWriting}, and
 * by {@code connectionLost} (with its error, if any).
 */
public final class StreamReaderProtocol implements Protocol {
    /**
     * A server's per-connection function: {@code client_connected_cb(reader, writer)}, plain or
     * {@code async}.
     */
    @FunctionalInterface
    public interface ClientConnected {
        /**
         * @param reader the connection's reader
         * @param writer the connection's writer
         * @return a coroutine to run as a task, or {@code null} for a plain function
         * @throws Exception a failure, reported by the loop
         */
        Coroutine<?> connected(StreamReader reader, StreamWriter writer) throws Exception;
    }

    private final EventLoop loop;
    private StreamReader reader;
    private final ClientConnected clientConnected;
    private StreamWriter writer;
    private Transport transport;
    private final Future<Void> closed;
    private boolean paused;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();
    private boolean connectionLost;
    /** asyncio's {@code _over_ssl}: a TLS transport cannot stay open after the peer's end. */
    private boolean overSsl;

    /**
     * @param reader the reader to feed
     * @param clientConnected the server's callback, or {@code null} on a client
     * @param loop the loop
     */
    public StreamReaderProtocol(StreamReader reader, ClientConnected clientConnected, EventLoop loop) {
        this.reader = reader;
        this.clientConnected = clientConnected;
        this.loop = loop;
        this.closed = loop.createFuture();
    }

    @Override
    public void connectionMade(Transport t) {
        transport = t;
        overSsl = t.getExtraInfo("sslcontext") != null;
        if (reader != null) {
            reader.setTransport(t);
        }
        if (clientConnected != null) {
            writer = new StreamWriter(t, this, reader, loop);
            Coroutine<?> res;
            try {
                res = clientConnected.connected(reader, writer);
            } catch (Exception e) {
                throw io.github.asyncioworkbook.loop.internal.Sneaky.rethrow(e);
            }
            if (res != null) {
                loop.createTask(res);
            }
        }
    }

    @Override
    public void connectionLost(Exception exc) {
        if (reader != null) {
            if (exc == null) {
                reader.feedEof();
            } else {
                reader.setException(exc);
            }
        }
        if (!closed.done()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                closed.exception();  // retrieved: nobody has to wait for the close
            }
        }
        connectionLost = true;
        if (paused) {
            for (Future<Void> w : drainWaiters) {
                if (!w.done()) {
                    if (exc == null) {
                        w.setResult(null);
                    } else {
                        w.setException(exc);
                    }
                }
            }
        }
        reader = null;
        writer = null;
        transport = null;
    }

    @Override
    public void dataReceived(byte[] data) {
        if (reader != null) {
            reader.feedData(data);
        }
    }

    @Override
    public boolean eofReceived() {
        if (reader != null) {
            reader.feedEof();
        }
        // Over TLS, true would only make the TLS layer warn that it has no effect.
        return !overSsl;
    }

    @Override
    public void pauseWriting() {
        paused = true;
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " pauses writing");
        }
    }

    @Override
    public void resumeWriting() {
        paused = false;
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " resumes writing");
        }
        for (Future<Void> w : drainWaiters) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    /** asyncio's {@code _drain_helper}: waits while writing is paused. */
    void drainHelper() throws IOException {
        if (connectionLost) {
            throw new SocketException("Connection lost");
        }
        if (!paused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.addLast(w);
        try {
            w.await();
        } finally {
            drainWaiters.remove(w);
        }
    }

    /** The future done when the connection is lost ({@code _get_close_waiter}). */
    Future<Void> closeWaiter() {
        return closed;
    }
}
