///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Wrap a coroutine in a task with ensureFuture and await it from other code.
// Port of asyncio_ensure_future.py, PyMOTW-3 page https://pymotw.com/3/asyncio/tasks.html

// ensureFuture turns a coroutine into a Task on the current loop (a Future or Task given
// to it comes back unchanged). The task can be handed to code that knows nothing about
// the coroutine behind it. The task does not run until starter() lets the loop take a
// turn; here that first happens when inner() awaits it.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;

Coroutine<String> wrapped() {             // async def wrapped():
    return async(() -> {
        IO.println("wrapped");
        return "result";
    });
}

Coroutine<Void> inner(Task<String> task) { // async def inner(task):
    return async(() -> {
        IO.println("inner: starting");
        IO.println("inner: waiting for " + repr(task));
        String result = task.await();
        IO.println("inner: task returned " + repr(result));
    });
}

Coroutine<Void> starter() {               // async def starter():
    return async(() -> {
        IO.println("starter: creating task");
        var task = ensureFuture(wrapped());
        IO.println("starter: waiting for inner");
        inner(task).await();
        IO.println("starter: inner returned");
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        IO.println("entering event loop");
        var result = eventLoop.runUntilComplete(starter());
    } finally {
        eventLoop.close();
    }
}
