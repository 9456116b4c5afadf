package io.github.asyncioworkbook.loop;

/**
 * The numbers of Python's {@code socket} module that {@link EventLoop#getaddrinfo},
 * {@link EventLoop#getnameinfo} and {@link EventLoop#createDatagramEndpoint} take and return, with
 * Linux's values (the ones CPython shows on Linux, e.g. {@code <AddressFamily.AF_INET6: 10>}).
 */
public final class SocketConstants {
    private SocketConstants() {
    }

    /** {@code socket.AF_UNSPEC}: any address family. */
    public static final int AF_UNSPEC = 0;
    /** {@code socket.AF_INET}: IPv4. */
    public static final int AF_INET = 2;
    /** {@code socket.AF_INET6}: IPv6. */
    public static final int AF_INET6 = 10;

    /** {@code socket.SOCK_STREAM}: TCP. */
    public static final int SOCK_STREAM = 1;
    /** {@code socket.SOCK_DGRAM}: UDP. */
    public static final int SOCK_DGRAM = 2;
    /** {@code socket.SOCK_RAW}. */
    public static final int SOCK_RAW = 3;

    /** {@code socket.IPPROTO_TCP}. */
    public static final int IPPROTO_TCP = 6;
    /** {@code socket.IPPROTO_UDP}. */
    public static final int IPPROTO_UDP = 17;

    /** {@code socket.AI_PASSIVE}: no host means the wildcard address (for binding). */
    public static final int AI_PASSIVE = 0x1;
    /** {@code socket.AI_CANONNAME}: fill in the first entry's canonical name. */
    public static final int AI_CANONNAME = 0x2;
    /** {@code socket.AI_NUMERICHOST}: the host must be a literal address, no lookup. */
    public static final int AI_NUMERICHOST = 0x4;
    /** {@code socket.AI_NUMERICSERV}: the port must be a number, no service name. */
    public static final int AI_NUMERICSERV = 0x400;

    /** {@code socket.NI_NUMERICHOST}: give the address, not a host name. */
    public static final int NI_NUMERICHOST = 0x1;
    /** {@code socket.NI_NUMERICSERV}: give the port number, not a service name. */
    public static final int NI_NUMERICSERV = 0x2;
    /** {@code socket.NI_NOFQDN}: only the first label of a local host's name. */
    public static final int NI_NOFQDN = 0x4;
    /** {@code socket.NI_NAMEREQD}: fail when the address has no name. */
    public static final int NI_NAMEREQD = 0x8;
    /** {@code socket.NI_DGRAM}: look the port up as a UDP service. */
    public static final int NI_DGRAM = 0x10;

    /**
     * How Python shows an address family in a {@code getaddrinfo} entry.
     *
     * @param family a family number
     * @return e.g. {@code <AddressFamily.AF_INET: 2>}, or the bare number for other values
     */
    static String familyRepr(int family) {
        return switch (family) {
            case AF_UNSPEC -> "<AddressFamily.AF_UNSPEC: 0>";
            case AF_INET -> "<AddressFamily.AF_INET: 2>";
            case AF_INET6 -> "<AddressFamily.AF_INET6: 10>";
            default -> Integer.toString(family);
        };
    }

    /**
     * How Python shows a socket kind in a {@code getaddrinfo} entry.
     *
     * @param type a socket type number
     * @return e.g. {@code <SocketKind.SOCK_STREAM: 1>}, or the bare number for other values
     */
    static String typeRepr(int type) {
        return switch (type) {
            case SOCK_STREAM -> "<SocketKind.SOCK_STREAM: 1>";
            case SOCK_DGRAM -> "<SocketKind.SOCK_DGRAM: 2>";
            case SOCK_RAW -> "<SocketKind.SOCK_RAW: 3>";
            default -> Integer.toString(type);
        };
    }
}
