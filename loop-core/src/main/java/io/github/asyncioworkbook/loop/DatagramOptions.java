package io.github.asyncioworkbook.loop;

/**
 * The keyword arguments of {@code loop.create_datagram_endpoint} besides the addresses, as
 * CPython 3.11 has them. ({@code reuse_address} is gone in 3.11: SO_REUSEADDR lets several UDP
 * sockets share a port on Linux, which asyncio no longer allows; {@code reusePort} is the way.)
 *
 * @param family         {@link SocketConstants#AF_INET}, {@link SocketConstants#AF_INET6}, or 0 for
 *                       what the addresses resolve to; needed when no address is given
 * @param proto          the protocol number for getaddrinfo (0 or {@link SocketConstants#IPPROTO_UDP})
 * @param flags          getaddrinfo's {@code AI_} flags for resolving the addresses
 * @param reusePort      {@code reuse_port}: set {@code SO_REUSEPORT}, so that other endpoints with
 *                       it may bind the same address
 * @param allowBroadcast {@code allow_broadcast}: set {@code SO_BROADCAST}; the remote address is
 *                       then not connected to, only used as the default destination
 */
public record DatagramOptions(int family, int proto, int flags, boolean reusePort, boolean allowBroadcast) {

    /** No option: asyncio's defaults. */
    public static final DatagramOptions DEFAULT = new DatagramOptions(0, 0, 0, false, false);

    /**
     * @param value the family
     * @return a copy with it
     */
    public DatagramOptions withFamily(int value) {
        return new DatagramOptions(value, proto, flags, reusePort, allowBroadcast);
    }

    /**
     * @param value whether to set {@code SO_REUSEPORT}
     * @return a copy with it
     */
    public DatagramOptions withReusePort(boolean value) {
        return new DatagramOptions(family, proto, flags, value, allowBroadcast);
    }

    /**
     * @param value whether to set {@code SO_BROADCAST}
     * @return a copy with it
     */
    public DatagramOptions withAllowBroadcast(boolean value) {
        return new DatagramOptions(family, proto, flags, reusePort, value);
    }
}
