///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Cancel a task before it has started; awaiting it then throws CancelledError.
// Port of asyncio_cancel_task.py, PyMOTW-3 page https://pymotw.com/3/asyncio/tasks.html

// A task can be cancelled through the Task object that createTask returned. Here that
// happens before the task ever gets to run, so its coroutine never starts: "in taskFunc"
// is not printed. Right after cancel() the task reports itself as "cancelling"; awaiting
// it throws CancelledError.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;

Coroutine<String> taskFunc() {            // async def task_func():
    return async(() -> {
        IO.println("in taskFunc");
        return "the result";
    });
}

Coroutine<Void> main(EventLoop loop) {    // async def main(loop):
    return async(() -> {
        IO.println("creating task");
        var task = loop.createTask(taskFunc());

        IO.println("canceling task");
        task.cancel();

        IO.println("canceled task " + repr(task));
        try {
            task.await();
            // else: runs only when the await did not throw
            IO.println("task result: " + repr(task.result()));
        } catch (CancelledError e) {
            IO.println("caught error from canceled task");
        }
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
