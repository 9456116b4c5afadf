///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Run the loop until a Future gets its result, set later by a plain callback.
// Port of asyncio_future_event_loop.py, PyMOTW-3 page https://pymotw.com/3/asyncio/futures.html

// A Future is a placeholder for a result that is not known yet. runUntilComplete accepts
// a Future as well as a coroutine: the loop runs until someone sets the result, here a
// callback scheduled with callSoon, and then returns that result. The Future keeps it,
// so it can still be read after the loop is closed.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;

void markDone(Future<String> future, String result) {  // def mark_done(future, result):
    IO.println("setting future result to " + repr(result));
    future.setResult(result);
}

void main() {
    var eventLoop = getEventLoop();
    Future<String> allDone;
    try {
        allDone = new Future<>(eventLoop);            // asyncio.Future()

        IO.println("scheduling markDone");
        eventLoop.callSoon(this::markDone, allDone, "the result");

        IO.println("entering event loop");
        String result = eventLoop.runUntilComplete(allDone);
        IO.println("returned result: " + repr(result));
    } finally {
        IO.println("closing event loop");
        eventLoop.close();
    }

    IO.println("future result: " + repr(allDone.result()));
}
