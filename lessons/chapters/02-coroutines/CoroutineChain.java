///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION One coroutine awaits two others in turn and returns both results as a tuple.
// Port of asyncio_coroutine_chain.py, PyMOTW-3 page https://pymotw.com/3/asyncio/coroutines.html

// outer() awaits phase1(), then passes its result to phase2() and awaits that too.
// Awaiting a coroutine runs it to its end before outer() goes on, so the steps print
// strictly in order. Java has no tuple type; Repr.Tuple prints like Python's tuple.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import io.github.asyncioworkbook.loop.Repr.Tuple;

Coroutine<Tuple> outer() {                // async def outer():
    return async(() -> {
        IO.println("in outer");
        IO.println("waiting for result1");
        String result1 = phase1().await();
        IO.println("waiting for result2");
        String result2 = phase2(result1).await();
        return Tuple.of(result1, result2);
    });
}

Coroutine<String> phase1() {              // async def phase1():
    return async(() -> {
        IO.println("in phase1");
        return "result1";
    });
}

Coroutine<String> phase2(String arg) {    // async def phase2(arg):
    return async(() -> {
        IO.println("in phase2");
        return "result2 derived from " + arg;
    });
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
