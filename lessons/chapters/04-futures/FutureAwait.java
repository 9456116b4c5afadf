///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION A coroutine awaits a Future until a callback sets its result.
// Port of asyncio_future_await.py, PyMOTW-3 page https://pymotw.com/3/asyncio/futures.html

// Awaiting a Future suspends the coroutine until the Future is done and then hands back
// its result. While main() waits, the loop is free to run the callback that sets it.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;

void markDone(Future<String> future, String result) {  // def mark_done(future, result):
    IO.println("setting future result to " + repr(result));
    future.setResult(result);
}

Coroutine<Void> main(EventLoop loop) {                 // async def main(loop):
    return async(() -> {
        var allDone = new Future<String>(loop);         // asyncio.Future()

        IO.println("scheduling markDone");
        loop.callSoon(this::markDone, allDone, "the result");

        String result = allDone.await();                // await all_done
        IO.println("returned result: " + repr(result));
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
