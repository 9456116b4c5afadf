///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Cancel a task while it sleeps: it sees CancelledError where it waits.
// Port of asyncio_cancel_task2.py, PyMOTW-3 page https://pymotw.com/3/asyncio/tasks.html

// This time the task is already running and is suspended in sleep() when a callback
// cancels it. The cancellation arrives as a CancelledError thrown at that point, so the
// task can catch it to clean up; it throws it again, and main(), which awaits the task,
// sees the cancellation too.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;

Coroutine<String> taskFunc() {            // async def task_func():
    return async(() -> {
        IO.println("in taskFunc, sleeping");
        try {
            sleep(1);                     // await asyncio.sleep(1)
        } catch (CancelledError e) {
            IO.println("taskFunc was canceled");
            throw e;
        }
        return "the result";
    });
}

void taskCanceller(Task<?> t) {           // def task_canceller(t):
    IO.println("in taskCanceller");
    t.cancel();
    IO.println("canceled the task");
}

Coroutine<Void> main(EventLoop loop) {    // async def main(loop):
    return async(() -> {
        IO.println("creating task");
        var task = loop.createTask(taskFunc());
        loop.callSoon(this::taskCanceller, task);
        try {
            task.await();
        } catch (CancelledError e) {
            IO.println("main() also sees task as canceled");
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
