///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Delay callbacks with callLater: they run in deadline order, not call order.
// Port of asyncio_call_later.py, PyMOTW-3 page https://pymotw.com/3/asyncio/scheduling.html

// callLater takes a delay in seconds. The callback registered with callSoon runs first,
// then the two delayed ones in the order of their deadlines (0.1 s before 0.2 s), even
// though the 0.2 s one was registered first. main() sleeps long enough for all three.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;

void callback(int n) {                    // def callback(n):
    IO.println("callback " + n + " invoked");
}

Coroutine<Void> main(EventLoop loop) {    // async def main(loop):
    return async(() -> {
        IO.println("registering callbacks");
        loop.callLater(0.2, this::callback, 1);
        loop.callLater(0.1, this::callback, 2);
        loop.callSoon(this::callback, 3);

        sleep(0.4);                       // await asyncio.sleep(0.4)
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        IO.println("entering event loop");
        eventLoop.runUntilComplete(main(eventLoop));
    } finally {
        IO.println("closing event loop");
        eventLoop.close();
    }
}
