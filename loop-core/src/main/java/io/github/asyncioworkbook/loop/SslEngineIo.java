package io.github.asyncioworkbook.loop;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * An {@link SSLEngine} driven through memory buffers: what Python's {@code ssl.SSLObject} over two
 * {@code MemoryBIO}s is to asyncio's {@code SSLProtocol}. Record-level bytes from the peer go into
 * the incoming buffer ({@link #receiveBuffer}); record-level bytes for the peer collect in the
 * outgoing buffer ({@link #takeOutgoing}); the calls in between never block and never touch a
 * socket. A call that needs more bytes from the peer says so instead of raising
 * {@code SSLWantReadError}: {@link #handshake} returns false, {@link #read} returns 0.
 *
 * <p>Delegated tasks (certificate checks, key agreement) run inline on the caller's thread, as
 * OpenSSL does its work inside {@code do_handshake()}.
 */
final class SslEngineIo {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    /** Received record bytes not yet unwrapped; in write mode (position = end of data). */
    private ByteBuffer netIn;
    /** Record bytes to send; in write mode. */
    private ByteBuffer netOut;
    /** Plaintext unwrapped but not yet taken; in read mode. */
    private ByteBuffer plainIn;
    private boolean handshakeStarted;

    SslEngineIo(SSLEngine engine) {
        this.engine = engine;
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(Math.max(64 * 1024, 2 * packet));
        netOut = ByteBuffer.allocate(2 * packet);
        plainIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
    }

    SSLEngine engine() {
        return engine;
    }

    // --- the incoming and outgoing buffers (MemoryBIO) -------------------------------------------

    /**
     * Where the transport reads the peer's bytes into: the incoming buffer, with room for at least
     * one TLS record. The bytes count once its position has moved past them.
     */
    ByteBuffer receiveBuffer() {
        int packet = engine.getSession().getPacketBufferSize();
        if (netIn.remaining() < packet) {
            netIn = grow(netIn, netIn.position() + 2 * packet);
        }
        return netIn;
    }

    /** @return bytes received and not yet processed ({@code incoming.pending}) */
    int pendingIncoming() {
        return netIn.position();
    }

    /** @return record bytes waiting to be sent ({@code outgoing.pending}) */
    int pendingOutgoing() {
        return netOut.position();
    }

    /** @return the record bytes to send, which leave the outgoing buffer ({@code outgoing.read()}) */
    byte[] takeOutgoing() {
        byte[] out = new byte[netOut.position()];
        netOut.flip().get(out);
        netOut.clear();
        return out;
    }

    // --- handshake, read, write, shutdown (SSLObject) -------------------------------------------

    /**
     * Advances the handshake ({@code do_handshake()}).
     *
     * @return true when it is complete; false when it needs more bytes from the peer
     * @throws SSLException when it failed (a bad certificate, a host name that does not match, an
     *     alert from the peer); the outgoing buffer may then hold an alert for the peer
     */
    boolean handshake() throws SSLException {
        if (!handshakeStarted) {
            handshakeStarted = true;
            engine.beginHandshake();
        }
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrap();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return false;
                    }
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the peer closed the connection during the TLS handshake");
                    }
                    if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                            && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
                        return false;
                    }
                }
                case FINISHED, NOT_HANDSHAKING -> {
                    return true;
                }
            }
        }
    }

    /**
     * Reads plaintext ({@code read(len, buffer)}): what is already unwrapped, else as much as the
     * incoming records give.
     *
     * @param dst where the bytes go (from its position)
     * @return the count; 0 when more bytes from the peer are needed; -1 once the peer's
     *     close_notify was read and nothing is left
     */
    int read(ByteBuffer dst) throws SSLException {
        while (!plainIn.hasRemaining()) {
            if (engine.isInboundDone()) {
                return -1;
            }
            if (!unwrapRecords()) {
                return engine.isInboundDone() && !plainIn.hasRemaining() ? -1 : 0;
            }
        }
        int n = Math.min(dst.remaining(), plainIn.remaining());
        dst.put(dst.position(), plainIn, plainIn.position(), n).position(dst.position() + n);
        plainIn.position(plainIn.position() + n);
        return n;
    }

    /**
     * All the plaintext the incoming records hold ({@code read()} until it wants more).
     *
     * @return the bytes, possibly empty
     */
    byte[] readAvailable() throws SSLException {
        while (!engine.isInboundDone() && unwrapRecords()) {
            // gather everything the buffered records decrypt to
        }
        byte[] out = new byte[plainIn.remaining()];
        plainIn.get(out);
        return out;
    }

    /** @return whether the peer's close_notify has been read */
    boolean closeNotifyReceived() {
        return engine.isInboundDone();
    }

    /**
     * Encrypts {@code src} into the outgoing buffer ({@code write(data)}), one record per 16 KiB:
     * all of it, unless the engine waits for the peer first (then the rest stays in {@code src}).
     *
     * @param src the plaintext (its position moves past what was taken)
     */
    void write(ByteBuffer src) throws SSLException {
        while (src.hasRemaining()) {
            SSLEngineResult r = wrap(src);
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("the TLS connection is closed for writing");
            }
            runPostHandshakeWork();
            if (r.bytesConsumed() == 0) {
                return;
            }
        }
    }

    /**
     * Sends close_notify and reports whether the peer's has arrived ({@code unwrap()}, OpenSSL's
     * two-way {@code SSL_shutdown}). Plaintext that arrives meanwhile is dropped.
     *
     * @return true once both close_notify alerts have passed
     */
    boolean shutdown() throws SSLException {
        if (!engine.isOutboundDone()) {
            engine.closeOutbound();
            while (!engine.isOutboundDone() && wrap(EMPTY).bytesProduced() > 0) {
                // the close_notify alert goes into the outgoing buffer
            }
        }
        while (!engine.isInboundDone() && unwrapRecords()) {
            plainIn.position(plainIn.limit());
        }
        plainIn.position(plainIn.limit());
        return engine.isInboundDone();
    }

    /** Gets the alert a failed handshake left for the peer into the outgoing buffer, if any. */
    void flushAlert() {
        try {
            while (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                if (wrap(EMPTY).bytesProduced() == 0) {
                    return;
                }
            }
        } catch (SSLException e) {
            // the alert is a courtesy to the peer; the connection is dropped either way
        }
    }

    // --- engine plumbing -------------------------------------------------------------------------

    /**
     * Unwraps one step's worth of records into the plaintext buffer.
     *
     * @return true when it made progress (may be called again), false when it needs more bytes or
     *     the inbound side is closed
     */
    private boolean unwrapRecords() throws SSLException {
        SSLEngineResult r = unwrap();
        runPostHandshakeWork();
        return switch (r.getStatus()) {
            case OK -> r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            case BUFFER_UNDERFLOW, CLOSED -> false;
            case BUFFER_OVERFLOW -> true;  // unwrap() made room; try again
        };
    }

    /** Tickets, key updates and the like after the handshake: answer them as they come. */
    private void runPostHandshakeWork() throws SSLException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (engine.isOutboundDone()) {
                        return;
                    }
                    wrap(EMPTY);
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** One unwrap from the incoming buffer into the plaintext buffer (in read mode before and after). */
    private SSLEngineResult unwrap() throws SSLException {
        plainIn.compact().flip();
        netIn.flip();
        // plainIn: read mode -> append after its data
        int readPos = plainIn.position();
        plainIn.position(plainIn.limit()).limit(plainIn.capacity());
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, plainIn);
        } finally {
            netIn.compact();
            plainIn.limit(plainIn.position()).position(readPos);
        }
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            plainIn = growPlain(plainIn, engine.getSession().getApplicationBufferSize());
        } else if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                && netIn.capacity() < engine.getSession().getPacketBufferSize()) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        return r;
    }

    /** One wrap of {@code src} into the outgoing buffer, growing it as needed. */
    private SSLEngineResult wrap(ByteBuffer src) throws SSLException {
        while (true) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return r;
            }
            netOut = grow(netOut, netOut.position() + engine.getSession().getPacketBufferSize());
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** A write-mode buffer with the same data and room for at least {@code capacity} bytes. */
    private static ByteBuffer grow(ByteBuffer writeMode, int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, 2 * writeMode.capacity()));
        bigger.put(writeMode.flip());
        return bigger;
    }

    /** A read-mode buffer with the same data and {@code extra} more bytes of room after it. */
    private static ByteBuffer growPlain(ByteBuffer readMode, int extra) {
        ByteBuffer bigger = ByteBuffer.allocate(readMode.remaining() + extra);
        bigger.put(readMode).flip();
        return bigger;
    }
}
