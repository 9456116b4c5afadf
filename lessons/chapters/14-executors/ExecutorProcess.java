///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Run six blocking calls in a pool of three child processes with runInExecutor; the log shows each line's process id.
// Port of asyncio_executor_process.py, PyMOTW-3 page https://pymotw.com/3/asyncio/executors.html

// The same six blocking calls as ExecutorThread, sent to a ProcessPool instead: three child
// JVMs, each with its own process id. A job travels to its child by Java serialization (Python
// pickles it), so it is written as ProcessPool.job(...) and calls a static method.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

static int blocks(int n) throws InterruptedException { // def blocks(n):
    var log = "blocks(" + n + ")";
    Log.info(log, "running");
    Thread.sleep(100);                                 // time.sleep(0.1)
    Log.info(log, "done");
    return n * n;
}

Coroutine<Void> runBlockingTasks(Executor executor) {   // async def run_blocking_tasks(executor):
    return async(() -> {
        var log = "run_blocking_tasks";
        Log.info(log, "starting");

        Log.info(log, "creating executor tasks");
        var loop = getEventLoop();
        var blockingTasks = new ArrayList<Future<Integer>>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            blockingTasks.add(loop.runInExecutor(executor, ProcessPool.job(() -> blocks(n))));
        }
        Log.info(log, "waiting for executor tasks");
        var completed = Asyncio.wait(blockingTasks).done();
        List<Object> results = new ArrayList<>();
        for (var t : completed) {
            results.add(t.result());
        }
        Log.info(log, "results: " + repr(results));

        Log.info(log, "exiting");
    });
}

void main() {
    // Configure logging to show the id of the process where the log
    // message originates.
    Log.basicConfig(Log.Level.INFO, "PID %(process)5s %(name)18s: %(message)s");

    // Create a limited process pool.
    var executor = new ProcessPool(3);

    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(runBlockingTasks(executor));
    } finally {
        eventLoop.close();
    }
}
