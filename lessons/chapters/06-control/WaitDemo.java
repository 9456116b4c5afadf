///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Run three phases as tasks and wait for all of them with wait().
// Port of asyncio_wait.py, PyMOTW-3 page https://pymotw.com/3/asyncio/control.html

// wait() takes a collection of tasks and pauses until all of them are done. It returns
// two sets, the done tasks and the pending ones; the results are read from the done ones.
// Python 3.11 no longer lets wait() wrap bare coroutines, so, like the patched script,
// the coroutines are wrapped with ensureFuture first. The done set here keeps the order
// the tasks were given in; Python's set order is arbitrary.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.util.ArrayList;
import java.util.List;

Coroutine<String> phase(int i) {              // async def phase(i):
    return async(() -> {
        IO.println("in phase " + i);
        sleep(0.1 * i);
        IO.println("done with phase " + i);
        return "phase " + i + " result";
    });
}

Coroutine<Void> main(int numPhases) {         // async def main(num_phases):
    return async(() -> {
        IO.println("starting main");
        List<Coroutine<String>> phases = new ArrayList<>();
        for (int i = 0; i < numPhases; i++) {
            phases.add(phase(i));
        }
        IO.println("waiting for phases to complete");
        var tasks = phases.stream().map(p -> ensureFuture(p)).toList();
        var outcome = Asyncio.wait(tasks);       // completed, pending = await wait(...)
        var completed = outcome.done();
        var pending = outcome.pending();
        var results = completed.stream().map(t -> t.result()).toList();
        IO.println("results: " + repr(results));
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
