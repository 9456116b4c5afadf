package io.github.asyncioworkbook.loop;

import java.net.InetSocketAddress;

/**
 * One entry of {@link EventLoop#getaddrinfo}'s answer: Python's 5-tuple
 * {@code (family, type, proto, canonname, sockaddr)}.
 *
 * @param family    {@link SocketConstants#AF_INET} or {@link SocketConstants#AF_INET6}
 * @param type      {@link SocketConstants#SOCK_STREAM}, {@link SocketConstants#SOCK_DGRAM} or
 *                  {@link SocketConstants#SOCK_RAW}
 * @param proto     {@link SocketConstants#IPPROTO_TCP}, {@link SocketConstants#IPPROTO_UDP} or 0
 * @param canonname the canonical name (only in the first entry, and only with
 *                  {@link SocketConstants#AI_CANONNAME}), else {@code ""}
 * @param sockaddr  the address and port; its host string is the literal address
 *                  ({@code sockaddr[0]} in Python)
 */
public record AddressInfo(int family, int type, int proto, String canonname, InetSocketAddress sockaddr) {

    /** {@return the literal address, Python's {@code info[4][0]}} */
    public String host() {
        return Resolver.literal(sockaddr.getAddress());
    }

    /** {@return the port, Python's {@code info[4][1]}} */
    public int port() {
        return sockaddr.getPort();
    }

    /**
     * Python's repr of the tuple, e.g.
     * {@code (<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('66.33.211.242', 443))}.
     */
    @Override
    public String toString() {
        return "(" + SocketConstants.familyRepr(family) + ", " + SocketConstants.typeRepr(type) + ", " + proto + ", "
                + Repr.stringRepr(canonname) + ", " + SocketAddresses.repr(sockaddr) + ")";
    }
}
