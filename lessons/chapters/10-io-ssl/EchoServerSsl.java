///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION TCP echo server over TLS: start_server with an SSLContext; a NUL byte ends each message.
// Port of asyncio_echo_server_ssl.py, PyMOTW-3 page https://pymotw.com/3/asyncio/ssl.html

// The coroutine echo server with TLS turned on: start_server gets an SSLContext holding the
// server's key and certificate. TLS cannot half-close, so the client marks the end of its
// message with a NUL byte, and echo() closes the connection when it sees one.
// The key and certificate: pymotw.p12 (key + certificate) and pymotw.crt (the certificate
// alone, for the client) in the directory CERT_DIR names. If they are missing or expired,
// this lesson makes them with the JDK's keytool first (index.md shows the commands).
// Usage: EchoServerSsl [port] (10000 by default, as the original).

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

static final String HOST = "localhost";
/** Where the key and certificate live: -Dworkbook.ssl.dir=DIR, else a folder in the temp directory. */
static final Path CERT_DIR = Path.of(System.getProperty("workbook.ssl.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "asyncio-workbook-ssl").toString()));
static final char[] PASSWORD = "pymotw".toCharArray();

Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {   // async def echo(reader, writer):
    return async(() -> {
        var address = (InetSocketAddress) writer.getExtraInfo("peername");
        String log = "echo_" + address.getAddress().getHostAddress() + "_" + address.getPort();
        Log.debug(log, "connection accepted");
        while (true) {
            byte[] data = reader.read(128);
            boolean terminate = data.length > 0 && data[data.length - 1] == 0;
            data = rstripNul(data);
            if (data.length > 0) {
                Log.debug(log, "received " + Repr.repr(data));
                writer.write(data);
                writer.drain();
                Log.debug(log, "sent " + Repr.repr(data));
            }
            if (data.length == 0 || terminate) {
                Log.debug(log, "message terminated, closing connection");
                writer.close();
                return;
            }
        }
    });
}

/** data.rstrip(b'\x00') */
static byte[] rstripNul(byte[] data) {
    int end = data.length;
    while (end > 0 && data[end - 1] == 0) {
        end--;
    }
    return Arrays.copyOf(data, end);
}

void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    Log.basicConfig(Log.Level.DEBUG, "%(name)s: %(message)s");

    var eventLoop = getEventLoop();

    // The original turns check_hostname off because its certificate names pymotw.com; this
    // one is made for localhost, so clients can keep checking the host name.
    var sslContext = SSLContext.getInstance("TLS");
    var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(loadKeyStore(), PASSWORD);                 // load_cert_chain('pymotw.crt', 'pymotw.key')
    sslContext.init(keys.getKeyManagers(), null, null);

    // Create the server and let the loop finish the coroutine before
    // starting the real event loop.
    var factory = async(() -> startServer(this::echo, HOST, port, SslOptions.of(sslContext)));
    var server = eventLoop.runUntilComplete(factory);
    Log.debug("main", "starting up on " + HOST + " port " + port);

    // Ctrl-C raises KeyboardInterrupt out of run_forever, as Python's default SIGINT handling does.
    eventLoop.addSignalHandler(Signals.SIGINT, () -> {
        throw new KeyboardInterrupt();
    });

    // Enter the event loop permanently to handle all connections.
    try {
        eventLoop.runForever();
    } catch (KeyboardInterrupt e) {
        // pass
    } finally {
        Log.debug("main", "closing server");
        server.close();
        eventLoop.runUntilComplete(async(server::waitClosed));
        Log.debug("main", "closing event loop");
        eventLoop.close();
    }
}

/** pymotw.p12, made first (or again, once expired) with keytool. */
KeyStore loadKeyStore() throws Exception {
    Path store = CERT_DIR.resolve("pymotw.p12");
    if (!Files.exists(store) || expired(store)) {
        makeCertificate();
    }
    var ks = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(store.toFile())) {
        ks.load(in, PASSWORD);
    }
    return ks;
}

boolean expired(Path store) throws Exception {
    var ks = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(store.toFile())) {
        ks.load(in, PASSWORD);
    }
    try {
        ((X509Certificate) ks.getCertificate("pymotw")).checkValidity();
        return false;
    } catch (java.security.cert.CertificateException e) {
        return true;   // the original's certificate expired in 2016: make a fresh one
    }
}

/** The two keytool commands of index.md, run in a scratch folder, then moved into place. */
void makeCertificate() throws Exception {
    Files.createDirectories(CERT_DIR);
    Path scratch = Files.createTempDirectory(CERT_DIR, "new-");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    String pass = new String(PASSWORD);
    keytool(scratch, List.of(keytool, "-genkeypair", "-alias", "pymotw", "-keyalg", "RSA", "-keysize", "2048",
            "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "365",
            "-storetype", "PKCS12", "-keystore", "pymotw.p12", "-storepass", pass));
    keytool(scratch, List.of(keytool, "-exportcert", "-rfc", "-alias", "pymotw",
            "-keystore", "pymotw.p12", "-storepass", pass, "-file", "pymotw.crt"));
    for (String name : List.of("pymotw.p12", "pymotw.crt")) {
        Files.move(scratch.resolve(name), CERT_DIR.resolve(name),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.delete(scratch);
}

/** Runs keytool quietly (its progress lines are not part of the lesson's output). */
static void keytool(Path dir, List<String> command) throws Exception {
    var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool failed in " + dir + ": " + String.join(" ", command) + "\n" + out);
    }
}
