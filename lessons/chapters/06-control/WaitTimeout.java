///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION wait() with a timeout returns the tasks still pending; main() cancels them.
// Port of asyncio_wait_timeout.py, PyMOTW-3 page https://pymotw.com/3/asyncio/control.html

// With a timeout, wait() returns when the time is up even if some tasks are not done; it
// neither raises nor cancels anything. main() cancels the pending tasks itself so they do
// not outlive the loop, and each one sees CancelledError in its sleep. As in the patched
// script for Python 3.11, the coroutines are wrapped with ensureFuture before wait().

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.util.ArrayList;
import java.util.List;

Coroutine<String> phase(int i) {              // async def phase(i):
    return async(() -> {
        IO.println("in phase " + i);
        try {
            sleep(0.1 * i);
        } catch (CancelledError e) {
            IO.println("phase " + i + " canceled");
            throw e;
        }
        IO.println("done with phase " + i);   // the try statement's else: block
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
        IO.println("waiting 0.1 for phases to complete");
        var tasks = phases.stream().map(p -> ensureFuture(p)).toList();
        var outcome = Asyncio.wait(tasks, 0.1);  // await asyncio.wait(..., timeout=0.1)
        var completed = outcome.done();
        var pending = outcome.pending();
        IO.println(completed.size() + " completed and " + pending.size() + " pending");
        // Cancel remaining tasks so they do not generate errors
        // as we exit without finishing them.
        if (!pending.isEmpty()) {
            IO.println("canceling tasks");
            for (var t : pending) {
                t.cancel();
            }
        }
        IO.println("exiting main");
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
