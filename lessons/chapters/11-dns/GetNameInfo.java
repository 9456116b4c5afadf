///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 25+
//DEPS io.github.asyncioworkbook:loop-core:0.1.0-SNAPSHOT
//JAVA_OPTIONS --add-exports=java.base/jdk.internal.vm=ALL-UNNAMED
//DESCRIPTION Turn addresses and port numbers back into host and service names with loop.getnameinfo.
// Port of asyncio_getnameinfo.py, PyMOTW-3 page https://pymotw.com/3/asyncio/dns.html

// loop.getnameinfo makes a reverse lookup in the default executor. An address with no name comes
// back as itself; port 443 is the service https (from /etc/services, as in C).
// createUnresolved keeps the address as the text it is: Python's ('66.33.211.242', 443) tuple.

import io.github.asyncioworkbook.loop.*;
import static io.github.asyncioworkbook.loop.Asyncio.*;
import java.net.InetSocketAddress;
import java.util.List;

final List<InetSocketAddress> TARGETS = List.of(
        InetSocketAddress.createUnresolved("66.33.211.242", 443),
        InetSocketAddress.createUnresolved("104.130.43.121", 443));

Coroutine<Void> main(EventLoop loop, List<InetSocketAddress> targets) {   // async def main(loop, targets):
    return async(() -> {
        for (var target : targets) {
            var info = loop.getnameinfo(target);
            IO.println("%-15s: %s %s".formatted(target.getHostString(), info.host(), info.service()));
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
