///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Two coroutines take a Lock in turn: one with async with, one by acquire().
// Port of asyncio_lock.py, PyMOTW-3 page https://pymotw.com/3/asyncio/synchronization.html

// main() holds the lock before the coroutines start, and a callback releases it 0.1 s
// later. coro1 takes the lock the async-with way (try-with-resources here), coro2 calls
// acquire() and release() itself. The lock wakes its waiters in the order they queued.
// As in the patched script for Python 3.11, the coroutines are wrapped with ensureFuture
// before they are passed to wait().

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.str;
import java.util.List;

void unlock(Lock lock) {                      // def unlock(lock):
    IO.println("callback releasing lock");
    lock.release();
}

Coroutine<Void> coro1(Lock lock) {            // async def coro1(lock):
    return async(() -> {
        IO.println("coro1 waiting for the lock");
        try (var _ = lock.asyncWith()) {      // async with lock:
            IO.println("coro1 acquired lock");
        }
        IO.println("coro1 released lock");
    });
}

Coroutine<Void> coro2(Lock lock) {            // async def coro2(lock):
    return async(() -> {
        IO.println("coro2 waiting for the lock");
        lock.acquire();                       // await lock.acquire()
        try {
            IO.println("coro2 acquired lock");
        } finally {
            IO.println("coro2 released lock");
            lock.release();
        }
    });
}

Coroutine<Void> main(EventLoop loop) {        // async def main(loop):
    return async(() -> {
        // Create and acquire a shared lock.
        var lock = new Lock();
        IO.println("acquiring the lock before starting coroutines");
        lock.acquire();
        IO.println("lock acquired: " + str(lock.locked()));

        // Schedule a callback to unlock the lock.
        loop.callLater(0.1, this::unlock, lock);

        // Run the coroutines that want to use the lock.
        IO.println("waiting for coroutines");
        Asyncio.wait(List.of(ensureFuture(coro1(lock)), ensureFuture(coro2(lock))));
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
