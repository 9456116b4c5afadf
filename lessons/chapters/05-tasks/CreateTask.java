///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Create a task from a coroutine, await it, print its repr before and after.
// Port of asyncio_create_task.py, PyMOTW-3 page https://pymotw.com/3/asyncio/tasks.html

// createTask wraps a coroutine in a Task and schedules it on the loop; it starts on the
// loop's next pass, not right away. A Task is a Future, so main() can await it and get
// the coroutine's return value. The task's repr shows its state: pending with the line
// its coroutine is at, then finished with its result.

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
        IO.println("waiting for " + repr(task));
        String returnValue = task.await();   // return_value = await task
        IO.println("task completed " + repr(task));
        IO.println("return value: " + repr(returnValue));
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
