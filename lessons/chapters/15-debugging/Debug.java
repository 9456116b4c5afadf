///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Turn on the loop's debug mode with -v: a task step that blocks longer than slowCallbackDuration is logged.
// Port of asyncio_debug.py, PyMOTW-3 page https://pymotw.com/3/asyncio/debugging.html
// Also run with: -v

// inner() blocks the loop with a plain Thread.sleep, standing for work done inside a
// coroutine. Without -v nothing says so. With -v the loop runs in debug mode and logs each
// callback or task step that took longer than slowCallbackDuration, naming the task, where
// its coroutine is defined and where the task was created.
//
// Two numbers differ from the original, which sleeps 0.1 s under a threshold of 0.001 s: the
// first step of outer() runs code the JVM has not loaded or compiled yet and takes 15-80 ms
// here (CPython: well under 1 ms), so a 1 ms threshold would report the JVM warming up, a
// different number of lines on each run. A 1 s sleep under a 0.5 s threshold, far above that
// warm-up, keeps the report about inner() alone, as the original's is under CPython 3.11.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;

final String LOG = "root";                            // LOG = logging.getLogger('')

Coroutine<Void> inner() {                            // async def inner():
    return async(() -> {
        Log.info(LOG, "inner starting");
        // Use a blocking sleep to simulate
        // doing work inside the function.
        Thread.sleep(1000);                          // time.sleep(0.1) in the original (see above)
        Log.info(LOG, "inner completed");
    });
}

Coroutine<Void> outer(EventLoop loop) {              // async def outer(loop):
    return async(() -> {
        Log.info(LOG, "outer starting");
        ensureFuture(loop.createTask(inner())).await();
        Log.info(LOG, "outer completed");
    });
}

void main(String[] args) {
    // argparse: the only option is -v
    boolean verbose = false;
    for (String arg : args) {
        if (!arg.equals("-v")) {
            System.err.println("usage: debugging asyncio [-v]");
            System.err.println("debugging asyncio: error: unrecognized arguments: " + String.join(" ", args));
            System.exit(2);
        }
        verbose = true;
    }

    Log.basicConfig(Log.Level.DEBUG, "%(levelname)7s: %(message)s");

    var eventLoop = getEventLoop();
    if (verbose) {
        Log.info(LOG, "enabling debugging");

        // Enable debugging
        eventLoop.setDebug(true);

        // Make the threshold for "slow" tasks very very small for
        // illustration. The default is 0.1, or 100 milliseconds.
        eventLoop.setSlowCallbackDuration(0.5);      // 0.001 in the original (see above)

        // Report all mistakes managing asynchronous resources.
        Warnings.simplefilter(Warnings.Action.ALWAYS, Warnings.Category.RESOURCE_WARNING);
    }

    Log.info(LOG, "entering event loop");
    eventLoop.runUntilComplete(outer(eventLoop));
}
