///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Start a coroutine by handing it to the event loop with runUntilComplete.
// Port of asyncio_coroutine.py, PyMOTW-3 page https://pymotw.com/3/asyncio/coroutines.html

// Calling a coroutine method only builds a coroutine object; nothing inside it runs yet.
// The body runs once the event loop is given the coroutine and told to run it to the end.
// The printed lines show that order: "in coroutine" comes after "entering event loop".

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;

Coroutine<Void> coroutine() {             // async def coroutine():
    return async(() -> {
        IO.println("in coroutine");
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        IO.println("starting coroutine");
        var coro = coroutine();
        IO.println("entering event loop");
        eventLoop.runUntilComplete(coro);
    } finally {
        IO.println("closing event loop");
        eventLoop.close();
    }
}
