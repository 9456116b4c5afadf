///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION The coroutine chain again, with plain calls where Python used yield from.
// Port of asyncio_generator.py, PyMOTW-3 page https://pymotw.com/3/asyncio/coroutines.html

// The Python original wrote phase1 and phase2 as generators marked @asyncio.coroutine and
// delegated to them with `yield from`; Python 3.11 removed that decorator. In Java each
// task runs on its own virtual thread, and a method called from its coroutine runs on
// that thread's stack, so an ordinary method could await as well. Plain calls are Java's
// way to delegate: only the function handed to the loop must be a coroutine.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import io.github.asyncioworkbook.loop.Repr.Tuple;

Coroutine<Tuple> outer() {                // @asyncio.coroutine def outer():
    return async(() -> {
        IO.println("in outer");
        IO.println("waiting for result1");
        String result1 = phase1();        // result1 = yield from phase1()
        IO.println("waiting for result2");
        String result2 = phase2(result1); // result2 = yield from phase2(result1)
        return Tuple.of(result1, result2);
    });
}

String phase1() {                         // @asyncio.coroutine def phase1():
    IO.println("in phase1");
    return "result1";
}

String phase2(String arg) {               // @asyncio.coroutine def phase2(arg):
    IO.println("in phase2");
    return "result2 derived from " + arg;
}

void main() {
    var eventLoop = getEventLoop();
    try {
        Tuple returnValue = eventLoop.runUntilComplete(outer());
        IO.println("return value: " + repr(returnValue));
    } finally {
        eventLoop.close();
    }
}
