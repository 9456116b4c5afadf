///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION TCP echo client over TLS: open_connection with an SSLContext that trusts the server's certificate.
// Port of asyncio_echo_client_ssl.py, PyMOTW-3 page https://pymotw.com/3/asyncio/ssl.html

// The coroutine echo client with TLS: open_connection gets an SSLContext whose trust store
// holds only the server's certificate (pymotw.crt, which EchoServerSsl makes on its first run;
// see index.md). TLS cannot half-close, so instead of write_eof() the client sends a NUL byte
// to end its message, then reads the echo until the server closes.
// Usage: EchoClientSsl [port] (10000 by default, as the original).

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

static final List<byte[]> MESSAGES = List.of(
        "This is the message. ".getBytes(StandardCharsets.US_ASCII),
        "It will be sent ".getBytes(StandardCharsets.US_ASCII),
        "in parts.".getBytes(StandardCharsets.US_ASCII));
static final String HOST = "localhost";
/** Where EchoServerSsl keeps the certificate: -Dworkbook.ssl.dir=DIR, else a folder in the temp directory. */
static final Path CERT_DIR = Path.of(System.getProperty("workbook.ssl.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "asyncio-workbook-ssl").toString()));

Coroutine<Void> echoClient(String host, int port, List<byte[]> messages) {   // async def echo_client(address, messages):
    return async(() -> {
        String log = "echo_client";

        // The original turns check_hostname off because its certificate names pymotw.com;
        // EchoServerSsl's names localhost, so the host name is checked as asyncio does by default.
        var sslContext = SSLContext.getInstance("TLS");
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore());                        // load_verify_locations('pymotw.crt')
        sslContext.init(null, trust.getTrustManagers(), null);

        Log.debug(log, "connecting to " + host + " port " + port);
        var streams = openConnection(host, port, SslOptions.of(sslContext));
        var reader = streams.reader();
        var writer = streams.writer();

        // This could be writer.writelines() except that
        // would make it harder to show each part of the message
        // being sent.
        for (byte[] msg : messages) {
            writer.write(msg);
            Log.debug(log, "sending " + Repr.repr(msg));
        }
        // SSL does not support EOF, so send a null byte to indicate
        // the end of the message.
        writer.write(new byte[] {0});
        writer.drain();

        Log.debug(log, "waiting for response");
        while (true) {
            byte[] data = reader.read(128);
            if (data.length > 0) {
                Log.debug(log, "received " + Repr.repr(data));
            } else {
                Log.debug(log, "closing");
                writer.close();
                return;
            }
        }
    });
}

/** A trust store holding pymotw.crt alone. */
KeyStore trustStore() throws Exception {
    Path crt = CERT_DIR.resolve("pymotw.crt");
    if (!Files.exists(crt)) {
        throw new IllegalStateException("no certificate at " + crt
                + ": run EchoServerSsl once (it makes one), or make your own with keytool as index.md shows");
    }
    var ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (var in = Files.newInputStream(crt)) {
        ks.setCertificateEntry("pymotw", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    return ks;
}

void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    Log.basicConfig(Log.Level.DEBUG, "%(name)s: %(message)s");

    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(echoClient(HOST, port, MESSAGES));
    } finally {
        Log.debug("main", "closing event loop");
        eventLoop.close();
    }
}
