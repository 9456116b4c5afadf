///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION TCP echo server with streams: start_server hands each client a reader and a writer.
// Port of asyncio_echo_server_coroutine.py, PyMOTW-3 page https://pymotw.com/3/asyncio/io_coroutine.html

// echo() runs as a task per connection: it reads up to 128 bytes at a time, writes them
// back and waits in drain() until the transport can take more, and closes when the client
// has closed its side (an empty read). Ctrl-C ends the server; the finally block closes it.
// Usage: EchoServerCoroutine [port] (10000 by default, as the original).

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.net.InetSocketAddress;

static final String HOST = "localhost";

Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {   // async def echo(reader, writer):
    return async(() -> {
        var address = (InetSocketAddress) writer.getExtraInfo("peername");
        String log = "echo_" + address.getAddress().getHostAddress() + "_" + address.getPort();
        Log.debug(log, "connection accepted");
        while (true) {
            byte[] data = reader.read(128);
            if (data.length > 0) {
                Log.debug(log, "received " + Repr.repr(data));
                writer.write(data);
                writer.drain();
                Log.debug(log, "sent " + Repr.repr(data));
            } else {
                Log.debug(log, "closing");
                writer.close();
                return;
            }
        }
    });
}

void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 10000;
    Log.basicConfig(Log.Level.DEBUG, "%(name)s: %(message)s");

    var eventLoop = getEventLoop();

    // Create the server and let the loop finish the coroutine before
    // starting the real event loop.
    var factory = async(() -> startServer(this::echo, HOST, port));
    var server = eventLoop.runUntilComplete(factory);
    Log.debug("main", "starting up on " + HOST + " port " + port);

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
