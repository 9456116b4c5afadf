///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Get a coroutine's return value back from runUntilComplete.
// Port of asyncio_coroutine_return.py, PyMOTW-3 page https://pymotw.com/3/asyncio/coroutines.html

// A coroutine can return a value like any method. When the event loop runs it with
// runUntilComplete, that value is what runUntilComplete returns to the caller.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;

Coroutine<String> coroutine() {           // async def coroutine():
    return async(() -> {
        IO.println("in coroutine");
        return "result";
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        String returnValue = eventLoop.runUntilComplete(
            coroutine()
        );
        IO.println("it returned: " + repr(returnValue));
    } finally {
        eventLoop.close();
    }
}
