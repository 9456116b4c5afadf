package io.github.asyncioworkbook.loop;

import static io.github.asyncioworkbook.loop.SocketConstants.AF_INET6;
import static io.github.asyncioworkbook.loop.SocketConstants.IPPROTO_TCP;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_NAMEREQD;

import java.net.InetSocketAddress;

/**
 * Run by {@link DnsTest} in a child JVM started with {@code -Djdk.net.hosts.file=FILE} (the JDK
 * reads that property once): prints what getaddrinfo and getnameinfo answer, one line each, and
 * the errors as {@code ClassName errno message}.
 */
public final class DnsHostsChild {
    private DnsHostsChild() {
    }

    public static void main(String[] args) {
        Asyncio.run(Coroutine.of(() -> {
            EventLoop loop = Asyncio.getRunningLoop();
            for (AddressInfo info : loop.getaddrinfo("pymotw.com", "https", 0, 0, IPPROTO_TCP, 0)) {
                System.out.println("getaddrinfo " + info + " host=" + info.host());
            }
            System.out.println("getaddrinfo " + loop.getaddrinfo("python.org", 80, 0, 0, 0, 0));
            System.out.println("getnameinfo " + loop.getnameinfo(new InetSocketAddress("66.33.211.242", 443)));
            System.out.println("getnameinfo " + loop.getnameinfo(InetSocketAddress.createUnresolved("104.130.43.121", 443)));
            attempt(() -> loop.getnameinfo(new InetSocketAddress("104.130.43.121", 53), NI_NAMEREQD));
            attempt(() -> loop.getaddrinfo("unknown.example", "https"));
            attempt(() -> loop.getaddrinfo("python.org", "https", AF_INET6, 0, 0, 0));
            return null;
        }));
    }

    private static void attempt(Coroutine.Body<?> lookup) {
        try {
            System.out.println("unexpected " + lookup.call());
        } catch (GaiError e) {
            System.out.println("GaiError " + e.errno() + " " + e.getMessage() + " cause=" + e.getCause());
        } catch (Exception e) {
            System.out.println("other " + e);
        }
    }
}
