///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION gather() runs two coroutines together and returns results in argument order.
// Port of asyncio_gather.py, PyMOTW-3 page https://pymotw.com/3/asyncio/control.html

// gather() wraps each coroutine in a task and returns one future for all of them.
// Awaiting it gives a list of the results in the order the coroutines were passed,
// although phase2 (1 s) finishes before phase1 (2 s). The whole run takes 2 s, not 3.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.util.List;

Coroutine<String> phase1() {                  // async def phase1():
    return async(() -> {
        IO.println("in phase1");
        sleep(2);
        IO.println("done with phase1");
        return "phase1 result";
    });
}

Coroutine<String> phase2() {                  // async def phase2():
    return async(() -> {
        IO.println("in phase2");
        sleep(1);
        IO.println("done with phase2");
        return "phase2 result";
    });
}

Coroutine<Void> main() {                      // async def main():
    return async(() -> {
        IO.println("starting main");
        IO.println("waiting for phases to complete");
        List<Object> results = gather(
                phase1(),
                phase2()
        ).await();                            // results = await asyncio.gather(...)
        IO.println("results: " + repr(results));
    });
}

void main(String[] args) {                    // main() is taken by the coroutine above
    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(main());
    } finally {
        eventLoop.close();
    }
}
