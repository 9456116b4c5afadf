///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Schedule callbacks at absolute times on the loop's own clock with callAt.
// Port of asyncio_call_at.py, PyMOTW-3 page https://pymotw.com/3/asyncio/scheduling.html

// callAt takes a point in time on the loop's clock, loop.time(), which is monotonic and
// unrelated to the wall clock printed first. Each callback prints the loop time at which
// it ran. Under the virtual clock (-Dloopcore.clock=virtual) loop time starts at 0.0 and
// jumps straight to each deadline, so the times are exact; on the real clock they drift
// a little past the deadlines, as they do in Python.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.str;
import java.time.Instant;

void callback(int n, EventLoop loop) {    // def callback(n, loop):
    IO.println("callback " + n + " invoked at " + str(loop.time()));
}

Coroutine<Void> main(EventLoop loop) {    // async def main(loop):
    return async(() -> {
        double now = loop.time();
        IO.println("clock time: " + str(timeTime()));
        IO.println("loop  time: " + str(now));

        IO.println("registering callbacks");
        loop.callAt(now + 0.2, this::callback, 1, loop);
        loop.callAt(now + 0.1, this::callback, 2, loop);
        loop.callSoon(this::callback, 3, loop);

        sleep(1);                         // await asyncio.sleep(1)
    });
}

/** Python's time.time(): seconds since the Unix epoch, as a float. */
double timeTime() {
    Instant t = Instant.now();
    return t.getEpochSecond() + t.getNano() / 1e9;
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
