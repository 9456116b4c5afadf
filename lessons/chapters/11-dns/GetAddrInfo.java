///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Convert host names and the service name https to addresses with loop.getaddrinfo, TCP answers only.
// Port of asyncio_getaddrinfo.py, PyMOTW-3 page https://pymotw.com/3/asyncio/dns.html

// loop.getaddrinfo runs the blocking lookup in the loop's default executor and hands back a list
// of AddressInfo entries, Python's (family, type, proto, canonname, sockaddr) tuples. Asking for
// IPPROTO_TCP keeps one entry per address. host() is the address as text, Python's info[4][0].

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.util.List;

record Target(String host, String service) {     // ('pymotw.com', 'https')
}

final List<Target> TARGETS = List.of(
        new Target("pymotw.com", "https"),
        new Target("doughellmann.com", "https"),
        new Target("python.org", "https"));

Coroutine<Void> main(EventLoop loop, List<Target> targets) {   // async def main(loop, targets):
    return async(() -> {
        for (var target : targets) {
            var info = loop.getaddrinfo(
                    target.host(), target.service(),
                    0, 0, SocketConstants.IPPROTO_TCP, 0);            // proto=socket.IPPROTO_TCP

            for (var host : info) {
                IO.println("%-20s: %s".formatted(target.host(), host.host()));
            }
        }
    });
}

void main() {
    var eventLoop = getEventLoop();
    try {
        eventLoop.runUntilComplete(main(eventLoop, TARGETS));
    } finally {
        eventLoop.close();
    }
}
