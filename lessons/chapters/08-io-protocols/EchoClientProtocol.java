///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION TCP echo client as a Protocol: create_connection, a future marks the end.
// Port of asyncio_echo_client_protocol.py, PyMOTW-3 page https://pymotw.com/3/asyncio/io_protocol.html

// The EchoClient protocol sends the message in three writes as soon as the connection is
// made, then closes its sending side (write_eof). It logs what comes back, and completes
// the future when the server closes its side or the connection is lost.
// Usage: EchoClientProtocol [port] (10000 by default, as the original).

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

static final List<byte[]> MESSAGES = List.of(
        "This is the message. ".getBytes(StandardCharsets.US_ASCII),
        "It will be sent ".getBytes(StandardCharsets.US_ASCII),
        "in parts.".getBytes(StandardCharsets.US_ASCII));
static final String HOST = "localhost";

class EchoClient implements Protocol {        // class EchoClient(asyncio.Protocol):
    private final List<byte[]> messages;
    private final Future<Boolean> f;
    private Transport transport;
    private static final String LOG = "EchoClient";

    EchoClient(List<byte[]> messages, Future<Boolean> future) {
        this.messages = messages;
        this.f = future;
    }

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        var address = (InetSocketAddress) transport.getExtraInfo("peername");
        Log.debug(LOG, "connecting to " + address.getAddress().getHostAddress() + " port " + address.getPort());
        // This could be transport.writelines() except that
        // would make it harder to show each part of the message
        // being sent.
        for (byte[] msg : messages) {
            transport.write(msg);
            Log.debug(LOG, "sending " + Repr.repr(msg));
        }
        if (transport.canWriteEof()) {
            transport.writeEof();
        }
    }

    @Override
    public void dataReceived(byte[] data) {
        Log.debug(LOG, "received " + Repr.repr(data));
    }

    @Override
    public boolean eofReceived() {
        Log.debug(LOG, "received EOF");
        transport.close();
        if (!f.done()) {
            f.setResult(true);
        }
        return false;
    }

    @Override
    public void connectionLost(Exception exc) {
        Log.debug(LOG, "server closed connection");
        transport.close();
        if (!f.done()) {
            f.setResult(true);
        }
    }
}

void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    Log.basicConfig(Log.Level.DEBUG, "%(name)s: %(message)s");

    var eventLoop = getEventLoop();
    Future<Boolean> clientCompleted = new Future<>(eventLoop);   // asyncio.Future()

    var factoryCoroutine = async(() -> eventLoop.createConnection(
            () -> new EchoClient(MESSAGES, clientCompleted), HOST, port));

    Log.debug("main", "waiting for client to complete");
    try {
        eventLoop.runUntilComplete(factoryCoroutine);
        eventLoop.runUntilComplete(clientCompleted);
    } finally {
        Log.debug("main", "closing event loop");
        eventLoop.close();
    }
}
