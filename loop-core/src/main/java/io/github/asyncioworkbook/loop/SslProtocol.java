package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * TLS between a {@link SocketTransport} and the application's protocol: asyncio 3.11's
 * {@code sslproto.SSLProtocol}. To the socket transport it is a {@link BufferedProtocol} that
 * receives record bytes; to the application it offers an {@link SslTransport}, and calls the
 * application's protocol with plaintext.
 *
 * <p>States, as asyncio's: {@code UNWRAPPED -> DO_HANDSHAKE -> WRAPPED -> FLUSHING -> SHUTDOWN},
 * and back to {@code UNWRAPPED} when the connection is lost or aborted. The application's protocol
 * hears {@code connectionMade} when the handshake is complete (not when TCP connects), then data,
 * then {@code eofReceived} when the peer's close_notify (or a bare end of stream) arrives, then
 * {@code connectionLost}; it hears nothing at all from a connection whose handshake failed.
 *
 * <p>Flow control has three parts, with asyncio's defaults: the application's writes pause past
 * 512 KiB of record bytes not yet handed to the socket transport; the socket transport's own
 * buffer pauses this protocol's writing (64 KiB); and reading from the socket pauses while more
 * than 256 KiB of received record bytes wait (because the application paused reading).
 */
final class SslProtocol implements BufferedProtocol {
    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_READ}, 256 KiB. */
    private static final int READ_HIGH_WATER = 256 * 1024;
    /** asyncio's {@code FLOW_CONTROL_HIGH_WATER_SSL_WRITE}, 512 KiB. */
    static final int WRITE_HIGH_WATER = 512 * 1024;

    enum State { UNWRAPPED, DO_HANDSHAKE, WRAPPED, FLUSHING, SHUTDOWN }

    private enum AppState { INIT, CON_MADE, EOF, CON_LOST }

    private final EventLoop loop;
    private final SslEngineIo tls;
    private final SslOptions options;
    private final Map<String, Object> extra = new HashMap<>();
    private final SslTransport appTransport;
    private BaseProtocol app;
    private Future<Void> waiter;
    private SocketTransport transport;
    private State state = State.UNWRAPPED;
    private AppState appState = AppState.INIT;
    private int connLost;
    private final ArrayDeque<ByteBuffer> writeBacklog = new ArrayDeque<>();
    private long writeBacklogSize;
    private TimerHandle handshakeTimeout;
    private TimerHandle shutdownTimeout;
    private double handshakeStart;
    private boolean eofReceived;

    private boolean sslWritingPaused;
    private boolean appReadingPaused;
    private boolean sslReadingPaused;
    private boolean appWritingPaused;
    private int outgoingHighWater;
    private int outgoingLowWater;

    /**
     * @param loop the loop
     * @param app the application's protocol
     * @param options the context and timeouts
     * @param waiter completed when the handshake is done (with its error if it failed), or null
     * @param serverSide whether this end is the server
     * @param serverHostname the name the server's certificate must match; null or empty for none
     */
    SslProtocol(EventLoop loop, BaseProtocol app, SslOptions options, Future<Void> waiter, boolean serverSide,
            String serverHostname) {
        this.loop = loop;
        this.options = options;
        this.waiter = waiter;
        this.tls = new SslEngineIo(newEngine(options, serverSide, serverHostname));
        extra.put("sslcontext", options.context());
        setAppProtocol(app);
        setWriteBufferLimits(null, null);
        this.appTransport = new SslTransport(this);
    }

    /** {@code context.wrap_bio(..., server_side, server_hostname)}: an engine in the right mode. */
    private static SSLEngine newEngine(SslOptions options, boolean serverSide, String serverHostname) {
        boolean checkHost = !serverSide && serverHostname != null && !serverHostname.isEmpty();
        // The peer host gives SNI; endpoint identification checks the certificate's names.
        SSLEngine engine = checkHost ? options.context().createSSLEngine(serverHostname, -1) : options.context().createSSLEngine();
        engine.setUseClientMode(!serverSide);
        if (options.parameters() != null) {
            engine.setSSLParameters(options.parameters());
        }
        if (checkHost) {
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
        }
        return engine;
    }

    SslTransport appTransport() {
        return appTransport;
    }

    BaseProtocol appProtocol() {
        return app;
    }

    void setAppProtocol(BaseProtocol protocol) {
        if (!(protocol instanceof Protocol) && !(protocol instanceof BufferedProtocol)) {
            throw new IllegalArgumentException("the protocol must be a Protocol or a BufferedProtocol: " + protocol);
        }
        app = protocol;
    }

    State state() {
        return state;
    }

    Object extraInfo(String name, Object defaultValue) {
        if (extra.containsKey(name)) {
            return extra.get(name);
        }
        SocketTransport t = transport;
        return t != null ? t.getExtraInfo(name, defaultValue) : defaultValue;
    }

    private void wakeupWaiter(Exception exc) {
        Future<Void> w = waiter;
        if (w == null) {
            return;
        }
        waiter = null;
        if (!w.cancelled()) {
            if (exc != null) {
                w.setException(exc);
            } else {
                w.setResult(null);
            }
        }
    }

    // --- what the socket transport calls ---------------------------------------------------------

    @Override
    public void connectionMade(Transport t) {
        transport = (SocketTransport) t;
        startHandshake();
    }

    @Override
    public void connectionLost(Exception exc) {
        writeBacklog.clear();
        writeBacklogSize = 0;
        tls.takeOutgoing();
        connLost++;
        appTransport.markClosed();
        if (state != State.DO_HANDSHAKE && (appState == AppState.CON_MADE || appState == AppState.EOF)) {
            appState = AppState.CON_LOST;
            BaseProtocol p = app;
            loop.callSoon(() -> p.connectionLost(exc));
        }
        state = State.UNWRAPPED;
        transport = null;
        wakeupWaiter(exc);
        cancelTimers();
    }

    private void cancelTimers() {
        if (shutdownTimeout != null) {
            shutdownTimeout.cancel();
            shutdownTimeout = null;
        }
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel();
            handshakeTimeout = null;
        }
    }

    @Override
    public ByteBuffer getBuffer(int sizeHint) {
        return tls.receiveBuffer();
    }

    @Override
    public void bufferUpdated(int nbytes) {
        switch (state) {
            case DO_HANDSHAKE -> doHandshake();
            case WRAPPED -> doRead();
            case FLUSHING -> doFlush();
            case SHUTDOWN -> doShutdown();
            case UNWRAPPED -> { }
        }
    }

    @Override
    public boolean eofReceived() {
        eofReceived = true;
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " received EOF");
        }
        try {
            switch (state) {
                case DO_HANDSHAKE -> onHandshakeComplete(new SocketException(
                        "Connection reset: the peer closed the connection during the TLS handshake"));
                case WRAPPED -> {
                    state = State.FLUSHING;
                    if (appReadingPaused) {
                        return true;
                    }
                    doFlush();
                }
                case FLUSHING -> {
                    doWrite();
                    state = State.SHUTDOWN;
                    doShutdown();
                }
                case SHUTDOWN -> doShutdown();
                case UNWRAPPED -> { }
            }
        } catch (RuntimeException e) {
            if (transport != null) {
                transport.close();
            }
            throw e;
        }
        return false;
    }

    // --- handshake -------------------------------------------------------------------------------

    private void startHandshake() {
        if (loop.getDebug()) {
            Log.debug("asyncio", this + " starts SSL handshake");
            handshakeStart = loop.time();
        }
        state = State.DO_HANDSHAKE;
        handshakeTimeout = loop.callLater(options.handshakeTimeout(), this::checkHandshakeTimeout);
        doHandshake();
    }

    private void checkHandshakeTimeout() {
        if (state == State.DO_HANDSHAKE) {
            fatalError(new SocketException("SSL handshake is taking longer than " + Repr.repr(options.handshakeTimeout())
                    + " seconds: aborting the connection"), "Fatal error on transport");
        }
    }

    private void doHandshake() {
        boolean done;
        try {
            done = tls.handshake();
        } catch (SSLException e) {
            tls.flushAlert();
            processOutgoing();
            onHandshakeComplete(e);
            return;
        } catch (RuntimeException e) {
            onHandshakeComplete(e);
            return;
        }
        if (done) {
            onHandshakeComplete(null);
        } else {
            processOutgoing();
        }
    }

    private void onHandshakeComplete(Exception failure) {
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel();
            handshakeTimeout = null;
        }
        if (failure != null) {
            state = State.UNWRAPPED;
            fatalError(failure, failure instanceof javax.net.ssl.SSLHandshakeException
                    ? "SSL handshake failed on verifying the certificate" : "SSL handshake failed");
            wakeupWaiter(failure);
            return;
        }
        state = State.WRAPPED;
        SSLEngine engine = tls.engine();
        if (loop.getDebug()) {
            Log.debug("asyncio", String.format(java.util.Locale.ROOT, "%s: SSL handshake took %.1f ms", this,
                    (loop.time() - handshakeStart) * 1e3));
        }
        extra.put("peercert", peerCertificate(engine));
        extra.put("cipher", engine.getSession().getCipherSuite());
        extra.put("ssl_object", engine);
        processOutgoing();  // the handshake's last flight
        if (appState == AppState.INIT) {
            appState = AppState.CON_MADE;
            app.connectionMade(appTransport);
        }
        wakeupWaiter(null);
        doRead();
    }

    private static Certificate peerCertificate(SSLEngine engine) {
        try {
            Certificate[] chain = engine.getSession().getPeerCertificates();
            return chain.length == 0 ? null : chain[0];
        } catch (SSLPeerUnverifiedException e) {
            return null;  // a client that sent no certificate: getpeercert() gives None
        }
    }

    // --- shutdown --------------------------------------------------------------------------------

    /** asyncio's {@code _start_shutdown}: what {@code close()} starts. */
    void startShutdown() {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            return;
        }
        appTransport.markClosed();
        if (state == State.DO_HANDSHAKE) {
            abort();
        } else {
            state = State.FLUSHING;
            shutdownTimeout = loop.callLater(options.shutdownTimeout(), this::checkShutdownTimeout);
            doFlush();
        }
    }

    private void checkShutdownTimeout() {
        if ((state == State.FLUSHING || state == State.SHUTDOWN) && transport != null) {
            transport.forceClose(new TimeoutError("SSL shutdown timed out"));
        }
    }

    private void doFlush() {
        doRead();
        if (state == State.FLUSHING) {
            state = State.SHUTDOWN;
            doShutdown();
        }
    }

    private void doShutdown() {
        boolean done;
        try {
            done = eofReceived || tls.shutdown();
        } catch (SSLException e) {
            onShutdownComplete(e);
            return;
        }
        processOutgoing();
        if (done) {
            callEofReceived();
            onShutdownComplete(null);
        }
    }

    private void onShutdownComplete(Exception failure) {
        if (shutdownTimeout != null) {
            shutdownTimeout.cancel();
            shutdownTimeout = null;
        }
        if (failure != null) {
            fatalError(failure, "Fatal error on transport");
        } else {
            SocketTransport t = transport;
            if (t != null) {
                loop.callSoon(t::close);
            }
        }
    }

    /** asyncio's {@code _abort}: drop the connection now. */
    void abort() {
        state = State.UNWRAPPED;
        if (transport != null) {
            transport.abort();
        }
    }

    // --- writing ---------------------------------------------------------------------------------

    /** asyncio's {@code _write_appdata}. */
    void writeAppData(List<ByteBuffer> data) {
        if (state == State.FLUSHING || state == State.SHUTDOWN || state == State.UNWRAPPED) {
            if (connLost >= SocketTransport.LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
                Log.warning("asyncio", "SSL connection is closed");
            }
            connLost++;
            return;
        }
        for (ByteBuffer b : data) {
            if (b.hasRemaining()) {
                ByteBuffer copy = ByteBuffer.allocate(b.remaining());
                copy.put(b).flip();
                writeBacklog.addLast(copy);
                writeBacklogSize += copy.remaining();
            }
        }
        try {
            if (state == State.WRAPPED) {
                doWrite();
            }
        } catch (RuntimeException e) {
            fatalError(e, "Fatal error on SSL protocol");
        }
    }

    private void doWrite() {
        try {
            while (!writeBacklog.isEmpty()) {
                ByteBuffer first = writeBacklog.peekFirst();
                int before = first.remaining();
                tls.write(first);
                writeBacklogSize -= before - first.remaining();
                if (first.hasRemaining()) {
                    break;  // the engine waits for the peer (a key update); the rest stays
                }
                writeBacklog.pollFirst();
            }
        } catch (SSLException e) {
            fatalError(e, "Fatal error on SSL protocol");
            return;
        }
        processOutgoing();
    }

    /** asyncio's {@code _process_outgoing}: record bytes to the socket unless it paused us. */
    private void processOutgoing() {
        if (!sslWritingPaused && tls.pendingOutgoing() > 0 && transport != null) {
            transport.write(tls.takeOutgoing());
        }
        controlAppWriting();
    }

    // --- reading ---------------------------------------------------------------------------------

    private void doRead() {
        if (state != State.WRAPPED && state != State.FLUSHING) {
            return;
        }
        try {
            if (!appReadingPaused) {
                if (app instanceof BufferedProtocol) {
                    doReadBuffered();
                } else {
                    doReadCopied();
                }
                if (!writeBacklog.isEmpty()) {
                    doWrite();
                } else {
                    processOutgoing();
                }
            }
            controlSslReading();
        } catch (SSLException e) {
            fatalError(e, "Fatal error on SSL protocol");
        } catch (RuntimeException e) {
            fatalError(e, "Fatal error on SSL protocol");
        }
    }

    private void doReadBuffered() throws SSLException {
        BufferedProtocol p = (BufferedProtocol) app;
        ByteBuffer buf = p.getBuffer(tls.pendingIncoming() > 0 ? tls.pendingIncoming() : -1);
        if (buf == null || !buf.hasRemaining()) {
            throw new IllegalStateException("get_buffer() returned an empty buffer");
        }
        int wants = buf.remaining();
        int start = buf.position();
        int count;
        int offset = 0;
        while ((count = tls.read(buf)) > 0) {
            offset += count;
            if (offset == wants) {
                loop.callSoon(this::doRead);  // the buffer is full: read the rest next time
                break;
            }
        }
        if (offset > 0) {
            buf.position(start + offset);
            p.bufferUpdated(offset);
        }
        if (count < 0) {
            callEofReceived();
            startShutdown();
        }
    }

    private void doReadCopied() throws SSLException {
        byte[] data = tls.readAvailable();
        if (data.length > 0) {
            ((Protocol) app).dataReceived(data);
        }
        if (tls.closeNotifyReceived()) {
            callEofReceived();
            startShutdown();
        }
    }

    private void callEofReceived() {
        if (appState != AppState.CON_MADE) {
            return;
        }
        appState = AppState.EOF;
        try {
            boolean keepOpen = app instanceof BufferedProtocol b ? b.eofReceived() : ((Protocol) app).eofReceived();
            if (keepOpen) {
                Log.warning("asyncio", "returning true from eof_received() has no effect when using ssl");
            }
        } catch (RuntimeException e) {
            fatalError(e, "Error calling eof_received()");
        }
    }

    // --- flow control ----------------------------------------------------------------------------

    /** asyncio's {@code _control_app_writing}. */
    private void controlAppWriting() {
        long size = writeBufferSize();
        if (size >= outgoingHighWater && !appWritingPaused) {
            appWritingPaused = true;
            try {
                app.pauseWriting();
            } catch (RuntimeException e) {
                reportFlowControlFailure("protocol.pause_writing() failed", e);
            }
        } else if (size <= outgoingLowWater && appWritingPaused) {
            appWritingPaused = false;
            try {
                app.resumeWriting();
            } catch (RuntimeException e) {
                reportFlowControlFailure("protocol.resume_writing() failed", e);
            }
        }
    }

    private void reportFlowControlFailure(String message, Exception e) {
        SocketTransport.report(loop, message, e, appTransport, this);
    }

    /** Record bytes not yet given to the socket transport plus plaintext not yet encrypted. */
    long writeBufferSize() {
        return tls.pendingOutgoing() + writeBacklogSize;
    }

    void setWriteBufferLimits(Integer high, Integer low) {
        int h = high != null ? high : low == null ? WRITE_HIGH_WATER : 4 * low;
        int l = low != null ? low : h / 4;
        if (!(h >= l && l >= 0)) {
            throw new IllegalArgumentException("high (" + h + ") must be >= low (" + l + ") must be >= 0");
        }
        outgoingHighWater = h;
        outgoingLowWater = l;
    }

    void applyWriteBufferLimits() {
        controlAppWriting();
    }

    int[] writeBufferLimits() {
        return new int[] {outgoingLowWater, outgoingHighWater};
    }

    boolean appReadingPaused() {
        return appReadingPaused;
    }

    void pauseAppReading() {
        appReadingPaused = true;
    }

    void resumeAppReading() {
        if (!appReadingPaused) {
            return;
        }
        appReadingPaused = false;
        loop.callSoon(() -> {
            switch (state) {
                case WRAPPED -> doRead();
                case FLUSHING -> doFlush();
                case SHUTDOWN -> doShutdown();
                default -> { }
            }
        });
    }

    /** asyncio's {@code _control_ssl_reading}: stop reading the socket while records pile up. */
    private void controlSslReading() {
        SocketTransport t = transport;
        if (t == null) {
            return;
        }
        int size = tls.pendingIncoming();
        if (size >= READ_HIGH_WATER && !sslReadingPaused) {
            sslReadingPaused = true;
            t.pauseReading();
        } else if (size <= READ_HIGH_WATER / 4 && sslReadingPaused) {
            sslReadingPaused = false;
            t.resumeReading();
        }
    }

    @Override
    public void pauseWriting() {
        sslWritingPaused = true;
    }

    @Override
    public void resumeWriting() {
        sslWritingPaused = false;
        processOutgoing();
    }

    // --- errors ----------------------------------------------------------------------------------

    /**
     * asyncio's {@code _fatal_error}: drops the connection; an I/O or TLS error is only logged in
     * debug mode, anything else goes to the exception handler.
     */
    private void fatalError(Exception exc, String message) {
        SocketTransport t = transport;
        if (t != null) {
            t.forceClose(exc);
        }
        if (exc instanceof IOException) {
            if (loop.getDebug()) {
                Log.log(Log.Level.DEBUG, "asyncio", this + ": " + message, exc);
            }
        } else if (!(exc instanceof CancelledError)) {
            SocketTransport.report(loop, message, exc, t, this);
        }
    }

    @Override
    public String toString() {
        return "<SslProtocol " + state.name().toLowerCase(java.util.Locale.ROOT) + ">";
    }
}
