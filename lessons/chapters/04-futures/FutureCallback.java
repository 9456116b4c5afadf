///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Done callbacks on a Future run after its result is set, in the order added.
// Port of asyncio_future_callback.py, PyMOTW-3 page https://pymotw.com/3/asyncio/futures.html

// Instead of awaiting a Future, code can register callbacks that the loop calls once the
// Future is done; each receives the Future itself. They are not called inside setResult:
// the loop schedules them, in the order they were added, to run on its next pass.
// Python bound the extra argument with functools.partial; here a lambda does it.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;

void callback(Future<String> future, int n) {           // def callback(future, n):
    IO.println(n + ": future done: " + future.result());
}

// async def register_callbacks(all_done):
Coroutine<Void> registerCallbacks(Future<String> allDone) {
    return async(() -> {
        IO.println("registering callbacks on future");
        allDone.addDoneCallback(f -> callback(f, 1));
        allDone.addDoneCallback(f -> callback(f, 2));
    });
}

Coroutine<Void> main(Future<String> allDone) {          // async def main(all_done):
    return async(() -> {
        registerCallbacks(allDone).await();
        IO.println("setting result of future");
        allDone.setResult("the result");
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        var allDone = new Future<String>(eventLoop);    // asyncio.Future()
        eventLoop.runUntilComplete(main(allDone));
    } finally {
        eventLoop.close();
    }
}
