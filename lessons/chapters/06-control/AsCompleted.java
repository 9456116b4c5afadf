///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION asCompleted() hands out results in the order the phases finish.
// Port of asyncio_as_completed.py, PyMOTW-3 page https://pymotw.com/3/asyncio/control.html

// asCompleted() starts the coroutines as tasks and yields one awaitable per task; each
// await returns the result of the next task to finish. The phase with the highest number
// sleeps the shortest, so the answers arrive in reverse order: 2, 1, 0.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.util.ArrayList;
import java.util.List;

Coroutine<String> phase(int i) {              // async def phase(i):
    return async(() -> {
        IO.println("in phase " + i);
        sleep(0.5 - (0.1 * i));
        IO.println("done with phase " + i);
        return "phase " + i + " result";
    });
}

Coroutine<List<Object>> main(int numPhases) { // async def main(num_phases):
    return async(() -> {
        IO.println("starting main");
        List<Coroutine<String>> phases = new ArrayList<>();
        for (int i = 0; i < numPhases; i++) {
            phases.add(phase(i));
        }
        IO.println("waiting for phases to complete");
        List<Object> results = new ArrayList<>();
        for (var nextToComplete : asCompleted(phases)) {
            Object answer = nextToComplete.await();
            IO.println("received answer " + repr(answer));
            results.add(answer);
        }
        IO.println("results: " + repr(results));
        return results;
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(main(3));
    } finally {
        eventLoop.close();
    }
}
