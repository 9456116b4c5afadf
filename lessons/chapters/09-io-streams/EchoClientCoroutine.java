///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION TCP echo client with streams: open_connection, write, write_eof, drain, read to the end.
// Port of asyncio_echo_client_coroutine.py, PyMOTW-3 page https://pymotw.com/3/asyncio/io_coroutine.html

// echo_client() opens the connection, writes the message in three parts, closes its sending
// side and drains, then reads the echo 128 bytes at a time until the server closes.
// Usage: EchoClientCoroutine [port] (10000 by default, as the original).

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.nio.charset.StandardCharsets;
import java.util.List;

static final List<byte[]> MESSAGES = List.of(
        "This is the message. ".getBytes(StandardCharsets.US_ASCII),
        "It will be sent ".getBytes(StandardCharsets.US_ASCII),
        "in parts.".getBytes(StandardCharsets.US_ASCII));
static final String HOST = "localhost";

Coroutine<Void> echoClient(String host, int port, List<byte[]> messages) {   // async def echo_client(address, messages):
    return async(() -> {
        String log = "echo_client";

        Log.debug(log, "connecting to " + host + " port " + port);
        var streams = openConnection(host, port);
        var reader = streams.reader();
        var writer = streams.writer();

        // This could be writer.writelines() except that
        // would make it harder to show each part of the message
        // being sent.
        for (byte[] msg : messages) {
            writer.write(msg);
            Log.debug(log, "sending " + Repr.repr(msg));
        }
        if (writer.canWriteEof()) {
            writer.writeEof();
        }
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
