///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION End runForever from inside the loop: a task calls loop.stop().
// Port of asyncio_stop.py (on no PyMOTW-3 page)

// runForever has no end of its own: it keeps running callbacks and tasks until something
// calls stop(). Here a task created before the loop starts does exactly that on its first
// step. Messages go through Python-style logging to stderr, logger name first.
// The first line is the loop's own DEBUG record, written when getEventLoop() creates it.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;

final String LOG = "main";                // LOG = logging.getLogger('main')

Coroutine<Void> stopper(EventLoop loop) { // async def stopper(loop):
    return async(() -> {
        Log.debug(LOG, "stopper invoked");
        loop.stop();
    });
}

void main() {
    Log.basicConfig(Log.Level.DEBUG, "%(name)s: %(message)s");

    var eventLoop = getEventLoop();

    eventLoop.createTask(stopper(eventLoop));

    try {
        Log.debug(LOG, "entering event loop");
        eventLoop.runForever();
    } finally {
        Log.debug(LOG, "closing event loop");
        eventLoop.close();
    }
}
