///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION TCP echo server as a Protocol: create_server, then run_forever until Ctrl-C.
// Port of asyncio_echo_server_protocol.py, PyMOTW-3 page https://pymotw.com/3/asyncio/io_protocol.html

// Each connection gets its own EchoServer protocol, which logs under a name built from the
// peer's address and port, writes back every chunk it receives, and answers the client's
// end of file with its own. The server runs until Ctrl-C; the finally block then closes it.
// Usage: EchoServerProtocol [port] (10000 by default, as the original).

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.net.InetSocketAddress;

static final String HOST = "localhost";

class EchoServer implements Protocol {       // class EchoServer(asyncio.Protocol):
    private Transport transport;
    private String log;

    @Override
    public void connectionMade(Transport transport) {
        this.transport = transport;
        var address = (InetSocketAddress) transport.getExtraInfo("peername");
        log = "EchoServer_" + address.getAddress().getHostAddress() + "_" + address.getPort();
        Log.debug(log, "connection accepted");
    }

    @Override
    public void dataReceived(byte[] data) {
        Log.debug(log, "received " + Repr.repr(data));
        transport.write(data);
        Log.debug(log, "sent " + Repr.repr(data));
    }

    @Override
    public boolean eofReceived() {
        Log.debug(log, "received EOF");
        if (transport.canWriteEof()) {
            transport.writeEof();
        }
        return false;                           // Python's None: the transport closes
    }

    @Override
    public void connectionLost(Exception error) {
        if (error != null) {
            Log.error(log, "ERROR: " + error.getMessage(), null);
        } else {
            Log.debug(log, "closing");
        }
    }
}

void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    Log.basicConfig(Log.Level.DEBUG, "%(name)s: %(message)s");

    var eventLoop = getEventLoop();

    // Create the server and let the loop finish the coroutine before
    // starting the real event loop.
    var factory = async(() -> eventLoop.createServer(EchoServer::new, HOST, port));
    var server = eventLoop.runUntilComplete(factory);
    Log.debug("main", "starting up on " + HOST + " port " + port);

    // Enter the event loop permanently to handle all connections.
    try {
        eventLoop.runForever();
    } finally {
        Log.debug("main", "closing server");
        server.close();
        eventLoop.runUntilComplete(async(server::waitClosed));
        Log.debug("main", "closing event loop");
        eventLoop.close();
    }
}
