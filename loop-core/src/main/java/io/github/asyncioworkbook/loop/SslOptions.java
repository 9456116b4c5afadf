package io.github.asyncioworkbook.loop;

import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * TLS for a connection or a server: asyncio's {@code ssl=}, {@code server_hostname=},
 * {@code ssl_handshake_timeout=} and {@code ssl_shutdown_timeout=} arguments of
 * {@code create_connection}, {@code create_server}, {@code open_connection} and
 * {@code start_server}, in one value. Pass it to {@link EventLoop#createConnection(java.util.function.Supplier,
 * String, int, SslOptions)}, {@link EventLoop#createServer(java.util.function.Supplier, String, int, SslOptions)},
 * {@link Asyncio#openConnection(String, int, SslOptions)} or
 * {@link Asyncio#startServer(StreamReaderProtocol.ClientConnected, String, int, SslOptions)}.
 *
 * <p>Host name verification: a client checks that the server's certificate names
 * {@code serverHostname} (endpoint identification, {@code "HTTPS"} rules), which defaults to the host
 * it connects to, as asyncio's default context does ({@code check_hostname}). Java's
 * {@link SSLContext} has no {@code check_hostname} switch: an empty {@code serverHostname} turns the
 * check (and SNI) off, as {@code server_hostname=''} does in asyncio. Whether the certificate is
 * trusted at all is the context's trust managers' decision.
 *
 * <p>What a Python program sets on its {@code SSLContext} beyond keys and trust
 * ({@code verify_mode = CERT_REQUIRED} on a server, {@code minimum_version}, ciphers) a Java program
 * sets on each engine: give {@link #withParameters} the {@link SSLParameters} (for example
 * {@code setNeedClientAuth(true)}, {@code setProtocols(...)}); they apply to every connection.
 *
 * @param context the TLS context: its key managers give a server its certificate, its trust
 *     managers decide which certificates a client accepts ({@code ssl=})
 * @param serverHostname the name the server's certificate must match, for SNI and verification;
 *     {@code null} for the host connected to, {@code ""} for no check; clients only
 *     ({@code server_hostname=})
 * @param handshakeTimeout seconds the handshake may take before the connection is aborted
 *     ({@code ssl_handshake_timeout=}, 60.0 by default)
 * @param shutdownTimeout seconds {@code close()} waits for the peer's close_notify before the
 *     connection is dropped ({@code ssl_shutdown_timeout=}, 30.0 by default)
 * @param parameters applied to each connection's engine before the host name check is added, or
 *     null for the context's defaults
 */
public record SslOptions(SSLContext context, String serverHostname, double handshakeTimeout, double shutdownTimeout,
        SSLParameters parameters) {
    /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}. */
    public static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;
    /** asyncio's {@code SSL_SHUTDOWN_TIMEOUT}. */
    public static final double DEFAULT_SHUTDOWN_TIMEOUT = 30.0;

    /**
     * Checks the values as asyncio does.
     *
     * @throws NullPointerException when {@code context} is null
     * @throws IllegalArgumentException {@code "ssl_handshake_timeout should be a positive number, got 0"}
     *     (and the same for the shutdown timeout)
     */
    public SslOptions {
        Objects.requireNonNull(context, "context (ssl=)");
        if (!(handshakeTimeout > 0)) {
            throw new IllegalArgumentException("ssl_handshake_timeout should be a positive number, got "
                    + Repr.repr(handshakeTimeout));
        }
        if (!(shutdownTimeout > 0)) {
            throw new IllegalArgumentException("ssl_shutdown_timeout should be a positive number, got "
                    + Repr.repr(shutdownTimeout));
        }
    }

    /**
     * {@code ssl=context} with asyncio's defaults: the host connected to as server host name, 60 s
     * handshake timeout, 30 s shutdown timeout.
     *
     * @param context the TLS context
     * @return the options
     */
    public static SslOptions of(SSLContext context) {
        return new SslOptions(context, null, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_SHUTDOWN_TIMEOUT, null);
    }

    /**
     * @param name the name the certificate must match ({@code server_hostname=}); {@code ""} turns the
     *     check off, {@code null} means the host connected to
     * @return a copy with this server host name
     */
    public SslOptions withServerHostname(String name) {
        return new SslOptions(context, name, handshakeTimeout, shutdownTimeout, parameters);
    }

    /**
     * @param seconds the handshake timeout ({@code ssl_handshake_timeout=})
     * @return a copy with this handshake timeout
     */
    public SslOptions withHandshakeTimeout(double seconds) {
        return new SslOptions(context, serverHostname, seconds, shutdownTimeout, parameters);
    }

    /**
     * @param seconds the shutdown timeout ({@code ssl_shutdown_timeout=})
     * @return a copy with this shutdown timeout
     */
    public SslOptions withShutdownTimeout(double seconds) {
        return new SslOptions(context, serverHostname, handshakeTimeout, seconds, parameters);
    }

    /**
     * @param engineParameters protocols, cipher suites, client authentication and the like, set on
     *     each connection's {@link javax.net.ssl.SSLEngine} (what Python sets on its context)
     * @return a copy with these parameters
     */
    public SslOptions withParameters(SSLParameters engineParameters) {
        return new SslOptions(context, serverHostname, handshakeTimeout, shutdownTimeout, engineParameters);
    }

    /** A server takes no host name: asyncio's {@code create_server} has no {@code server_hostname}. */
    void checkServerSide() {
        if (serverHostname != null) {
            throw new IllegalArgumentException("serverHostname is only meaningful for client connections "
                    + "(create_server takes no server_hostname), got " + Repr.repr(serverHostname));
        }
    }
}
