package io.github.asyncioworkbook.loop;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Socket addresses as Python shows them, and host resolution for the socket calls. Python prints
 * an IPv4 address as {@code ('127.0.0.1', 10000)} and an IPv6 one as {@code ('::1', 10000, 0, 0)};
 * asyncio's messages (bind and connect failures, {@code peername}) use that form.
 */
final class SocketAddresses {
    private SocketAddresses() {
    }

    /**
     * @param address an address
     * @return Python's repr of the address tuple, or {@code toString()} for other address kinds
     */
    static String repr(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            InetAddress ip = inet.getAddress();
            String host = ip == null ? inet.getHostString() : ip.getHostAddress();
            if (ip instanceof Inet6Address v6) {
                int percent = host.indexOf('%');
                String bare = percent < 0 ? host : host.substring(0, percent);
                return "('" + compress(bare) + "', " + inet.getPort() + ", 0, " + v6.getScopeId() + ")";
            }
            return "('" + host + "', " + inet.getPort() + ")";
        }
        return String.valueOf(address);
    }

    /** Java writes {@code 0:0:0:0:0:0:0:1}; Python writes {@code ::1}. */
    static String compress(String full) {
        String[] parts = full.split(":", -1);
        if (parts.length != 8) {
            return full;
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (parts[i].equals("0")) {
                int j = i;
                while (j < 8 && parts[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String left = String.join(":", java.util.Arrays.copyOfRange(parts, 0, bestStart));
        String right = String.join(":", java.util.Arrays.copyOfRange(parts, bestStart + bestLen, 8));
        return left + "::" + right;
    }

    /**
     * An unresolved address whose host is a literal IPv4 or IPv6 address, as a resolved one (no
     * lookup is made): what Python's {@code ('127.0.0.1', 9999)} tuple means. Anything else is
     * returned as it is.
     *
     * @param address an address, or null
     * @return the same address, resolved when its host is a literal
     */
    static InetSocketAddress literal(InetSocketAddress address) {
        if (address == null || !address.isUnresolved()) {
            return address;
        }
        try {
            return new InetSocketAddress(InetAddress.ofLiteral(address.getHostString()), address.getPort());
        } catch (IllegalArgumentException notALiteral) {
            return address;
        }
    }

    /**
     * Every address {@code host} names, in the resolver's order without repeats: asyncio's
     * {@code getaddrinfo} step. {@code null} means the wildcard address.
     *
     * @param host a name or literal address, or null
     * @param port the port
     * @return the socket addresses
     * @throws UnknownHostException as {@code socket.gaierror}
     */
    static List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0-65535, got " + port);
        }
        if (host == null) {
            return List.of(new InetSocketAddress(port));
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress a : new LinkedHashSet<>(List.of(InetAddress.getAllByName(host)))) {
            out.add(new InetSocketAddress(a, port));
        }
        return out;
    }
}
