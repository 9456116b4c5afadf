///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Handle SIGHUP, SIGUSR1 and SIGINT with loop callbacks while a coroutine sends them to its own process.
// Port of asyncio_signal.py, PyMOTW-3 page https://pymotw.com/3/asyncio/unix_signals.html

// addSignalHandler makes the loop run a plain callback when the process receives a signal.
// The signal does not interrupt the coroutine that sends it: the handler runs as a loop
// callback, so the coroutine has to give up control (a short sleep) before it can run.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import static io.github.asyncioworkbook.loop.Repr.repr;
import java.util.List;

void signalHandler(String name) {                       // def signal_handler(name):
    IO.println("signalHandler(" + repr(name) + ")");
}

Coroutine<Void> sendSignals() {                         // async def send_signals():
    return async(() -> {
        long pid = ProcessHandle.current().pid();
        IO.println("starting sendSignals for " + pid);

        for (String name : List.of("SIGHUP", "SIGHUP", "SIGUSR1", "SIGINT")) {
            IO.println("sending " + name);
            Signals.raiseSignal(signalNumber(name));    // os.kill(pid, getattr(signal, name))
            // Yield control to allow the signal handler to run,
            // since the signal does not interrupt the program
            // flow otherwise.
            IO.println("yielding control");
            sleep(0.01);
        }
    });
}

int signalNumber(String name) {                         // getattr(signal, name)
    return switch (name) {
        case "SIGHUP" -> Signals.SIGHUP;
        case "SIGUSR1" -> Signals.SIGUSR1;
        case "SIGINT" -> Signals.SIGINT;
        default -> throw new IllegalArgumentException(name);
    };
}

void main() {
    var eventLoop = getEventLoop();

    eventLoop.addSignalHandler(Signals.SIGHUP, () -> signalHandler("SIGHUP"));
    eventLoop.addSignalHandler(Signals.SIGUSR1, () -> signalHandler("SIGUSR1"));
    eventLoop.addSignalHandler(Signals.SIGINT, () -> signalHandler("SIGINT"));

    try {
        eventLoop.runUntilComplete(sendSignals());
    } finally {
        eventLoop.close();
    }
}
