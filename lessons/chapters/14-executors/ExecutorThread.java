///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Run six blocking calls in a pool of three threads with runInExecutor and wait for all of them.
// Port of asyncio_executor_thread.py, PyMOTW-3 page https://pymotw.com/3/asyncio/executors.html

// blocks() sleeps, which would stall the event loop if a coroutine called it. runInExecutor
// hands each call to a ThreadPool (Python's concurrent.futures.ThreadPoolExecutor) and returns
// a loop Future at once; the coroutine then waits for all six futures. The log format shows
// which thread wrote each line: the pool's three workers take turns.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

int blocks(int n) throws InterruptedException {      // def blocks(n):
    var log = "blocks(" + n + ")";                   // log = logging.getLogger(...)
    Log.info(log, "running");
    Thread.sleep(100);                               // time.sleep(0.1)
    Log.info(log, "done");
    return n * n;
}

Coroutine<Void> runBlockingTasks(Executor executor) { // async def run_blocking_tasks(executor):
    return async(() -> {
        var log = "run_blocking_tasks";
        Log.info(log, "starting");

        Log.info(log, "creating executor tasks");
        var loop = getEventLoop();
        var blockingTasks = new ArrayList<Future<Integer>>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            blockingTasks.add(loop.runInExecutor(executor, () -> blocks(n)));
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
    // Configure logging to show the name of the thread where the log
    // message originates.
    Log.basicConfig(Log.Level.INFO, "%(threadName)10s %(name)18s: %(message)s");

    // Create a limited thread pool.
    var executor = new ThreadPool(3);

    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(runBlockingTasks(executor));
    } finally {
        eventLoop.close();
    }
}
