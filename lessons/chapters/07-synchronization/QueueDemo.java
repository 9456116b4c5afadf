///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION A producer and two consumers share a bounded Queue; null means stop.
// Port of asyncio_queue.py, PyMOTW-3 page https://pymotw.com/3/asyncio/synchronization.html

// The queue holds at most two items, so put() makes the producer wait until a consumer
// has taken something out. Each consumer calls taskDone() for every item it got, and the
// producer's join() returns once every item put has been handled. None in Python, null
// here, is the signal to stop.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.str;
import java.util.ArrayList;
import java.util.List;

Coroutine<Void> consumer(int n, Queue<Integer> q) {
    return async(() -> {                      // async def consumer(n, q):
        IO.println("consumer " + n + ": starting");
        while (true) {
            IO.println("consumer " + n + ": waiting for item");
            Integer item = q.get();           // item = await q.get()
            IO.println("consumer " + n + ": has item " + str(item));
            if (item == null) {
                // null is the signal to stop.
                q.taskDone();
                break;
            } else {
                sleep(0.01 * item);
                q.taskDone();
            }
        }
        IO.println("consumer " + n + ": ending");
    });
}

Coroutine<Void> producer(Queue<Integer> q, int numWorkers) {
    return async(() -> {                      // async def producer(q, num_workers):
        IO.println("producer: starting");
        // Add some numbers to the queue to simulate jobs
        for (int i = 0; i < numWorkers * 3; i++) {
            q.put(i);                         // await q.put(i)
            IO.println("producer: added task " + i + " to the queue");
        }
        // Add null entries in the queue
        // to signal the consumers to exit
        IO.println("producer: adding stop signals to the queue");
        for (int i = 0; i < numWorkers; i++) {
            q.put(null);
        }
        IO.println("producer: waiting for queue to empty");
        q.join();                             // await q.join()
        IO.println("producer: ending");
    });
}

Coroutine<Void> main(EventLoop loop, int numConsumers) {
    return async(() -> {                      // async def main(loop, num_consumers):
        // Create the queue with a fixed size so the producer
        // will block until the consumers pull some items out.
        var q = new Queue<Integer>(numConsumers);

        // Scheduled the consumer tasks.
        List<Future<?>> consumers = new ArrayList<>();
        for (int i = 0; i < numConsumers; i++) {
            consumers.add(loop.createTask(consumer(i, q)));
        }

        // Schedule the producer task.
        var prod = loop.createTask(producer(q, numConsumers));

        // Wait for all of the coroutines to finish.
        var all = new ArrayList<Future<?>>(consumers);
        all.add(prod);
        Asyncio.wait(all);                       // await asyncio.wait(consumers + [prod])
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(main(eventLoop, 2));
    } finally {
        eventLoop.close();
    }
}
