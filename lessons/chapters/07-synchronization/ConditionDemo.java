///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Consumers wait on a Condition; notify(n) and notifyAllWaiters() wake them.
// Port of asyncio_condition.py, PyMOTW-3 page https://pymotw.com/3/asyncio/synchronization.html

// Each consumer takes the condition's lock and waits in condition.await(), which lets the
// lock go while it waits. manipulateCondition wakes one consumer, then two, then all the
// rest; a woken consumer goes on only once it has the lock back. Python's notify_all() is
// notifyAllWaiters() here. As in the patched script for Python 3.11, the consumer
// coroutines are wrapped with ensureFuture before they are passed to wait().

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.util.ArrayList;
import java.util.List;

Coroutine<Void> consumer(Condition condition, int n) {
    return async(() -> {                      // async def consumer(condition, n):
        try (var _ = condition.asyncWith()) { // async with condition:
            IO.println("consumer " + n + " is waiting");
            condition.await();                // await condition.wait()
            IO.println("consumer " + n + " triggered");
        }
        IO.println("ending consumer " + n);
    });
}

Coroutine<Void> manipulateCondition(Condition condition) {
    return async(() -> {          // async def manipulate_condition(condition):
        IO.println("starting manipulateCondition");

        // pause to let consumers start
        sleep(0.1);

        for (int i = 1; i < 3; i++) {
            try (var _ = condition.asyncWith()) {
                IO.println("notifying " + i + " consumers");
                condition.notify(i);
            }
            sleep(0.1);
        }

        try (var _ = condition.asyncWith()) {
            IO.println("notifying remaining consumers");
            condition.notifyAllWaiters();     // condition.notify_all()
        }

        IO.println("ending manipulateCondition");
    });
}

Coroutine<Void> main(EventLoop loop) {        // async def main(loop):
    return async(() -> {
        // Create a condition
        var condition = new Condition();

        // Set up tasks watching the condition
        List<Coroutine<Void>> consumers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            consumers.add(consumer(condition, i));
        }

        // Schedule a task to manipulate the condition variable
        loop.createTask(manipulateCondition(condition));

        // Wait for the consumers to be done
        Asyncio.wait(consumers.stream().map(c -> ensureFuture(c)).toList());
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        var result = eventLoop.runUntilComplete(main(eventLoop));
    } finally {
        eventLoop.close();
    }
}
