///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Schedule plain callbacks with callSoon; fix an extra argument with a lambda.
// Port of asyncio_call_soon.py, PyMOTW-3 page https://pymotw.com/3/asyncio/scheduling.html

// callSoon queues a plain method to run on the loop's next pass, in the order the calls
// were queued. The callbacks run only when main() gives the loop its turn, here by
// sleeping. Python passed a keyword argument through functools.partial; Java has no
// keyword arguments, so an overload supplies the default and a lambda fixes the value.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;

void callback(int arg) {                  // def callback(arg, *, kwarg='default'):
    callback(arg, "default");
}

void callback(int arg, String kwarg) {
    IO.println("callback invoked with " + arg + " and " + kwarg);
}

Coroutine<Void> main(EventLoop loop) {    // async def main(loop):
    return async(() -> {
        IO.println("registering callbacks");
        loop.callSoon(this::callback, 1);
        Callback.Arg1<Integer> wrapped = arg -> callback(arg, "not default");
        loop.callSoon(wrapped, 2);

        sleep(0.1);                       // await asyncio.sleep(0.1)
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        IO.println("entering event loop");
        eventLoop.runUntilComplete(main(eventLoop));
    } finally {
        IO.println("closing event loop");
        eventLoop.close();
    }
}
