///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Two coroutines wait on one Event until a callback sets it.
// Port of asyncio_event.py, PyMOTW-3 page https://pymotw.com/3/asyncio/synchronization.html

// An Event is a flag that starts out false. Both coroutines block in event.await()
// (Python's event.wait()) until a callback scheduled 0.1 s ahead sets the flag, which
// wakes every waiter at once. As in the patched script for Python 3.11, the coroutines
// are wrapped with ensureFuture before they are passed to wait().

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.str;
import java.util.List;

void setEvent(Event event) {                  // def set_event(event):
    IO.println("setting event in callback");
    event.set();
}

Coroutine<Void> coro1(Event event) {          // async def coro1(event):
    return async(() -> {
        IO.println("coro1 waiting for event");
        event.await();                        // await event.wait()
        IO.println("coro1 triggered");
    });
}

Coroutine<Void> coro2(Event event) {          // async def coro2(event):
    return async(() -> {
        IO.println("coro2 waiting for event");
        event.await();
        IO.println("coro2 triggered");
    });
}

Coroutine<Void> main(EventLoop loop) {        // async def main(loop):
    return async(() -> {
        // Create a shared event
        var event = new Event();
        IO.println("event start state: " + str(event.isSet()));

        loop.callLater(
                0.1, this::setEvent, event
        );

        Asyncio.wait(List.of(ensureFuture(coro1(event)), ensureFuture(coro2(event))));
        IO.println("event end state: " + str(event.isSet()));
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(main(eventLoop));
    } finally {
        eventLoop.close();
    }
}
