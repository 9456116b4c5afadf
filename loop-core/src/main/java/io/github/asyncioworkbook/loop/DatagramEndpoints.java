package io.github.asyncioworkbook.loop;

import io.github.asyncioworkbook.loop.internal.Sneaky;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * asyncio 3.11's {@code create_datagram_endpoint}: resolves the local and remote addresses, pairs
 * them by address family, opens, binds and connects one {@link DatagramChannel} per pair until one
 * works, and starts a {@link SelectorDatagramTransport} on it.
 */
final class DatagramEndpoints {
    private DatagramEndpoints() {
    }

    /** A family's local and remote address ({@code addr_pairs_info}); either may be null. */
    private static final class Pair {
        InetSocketAddress local;
        InetSocketAddress remote;
    }

    static <P extends DatagramProtocol> DatagramEndpoint<P> create(EventLoop loop, Supplier<P> factory,
            InetSocketAddress localAddr, InetSocketAddress remoteAddr, DatagramOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        DatagramChannel sock = null;
        InetSocketAddress rAddr = null;
        boolean inet6 = options.family() == SocketConstants.AF_INET6;
        if (localAddr == null && remoteAddr == null) {
            if (options.family() == 0) {
                throw new IllegalArgumentException("unexpected address family");
            }
            sock = open(inet6, options);
        } else {
            List<IOException> errors = new ArrayList<>();
            for (Pair pair : pairs(loop, localAddr, remoteAddr, options)) {
                DatagramChannel attempt = null;
                inet6 = (pair.local != null ? pair.local : pair.remote).getAddress() instanceof Inet6Address;
                try {
                    attempt = open(inet6, options);
                    if (localAddr != null) {
                        attempt.bind(pair.local);
                    }
                    if (remoteAddr != null && !options.allowBroadcast()) {
                        attempt.connect(pair.remote);
                    }
                    sock = attempt;
                    rAddr = remoteAddr != null ? pair.remote : null;
                    break;
                } catch (IOException e) {
                    SocketTransport.closeQuietly(attempt);
                    errors.add(e);
                } catch (RuntimeException | Error e) {
                    SocketTransport.closeQuietly(attempt);
                    throw e;
                }
            }
            if (sock == null) {
                throw Sneaky.rethrow(errors.get(0));
            }
        }
        // An endpoint without a local address is not bound yet: Python shows ('0.0.0.0', 0), Java null.
        InetSocketAddress unbound = localAddr != null ? null : wildcard(inet6);
        return start(loop, factory, sock, rAddr, localAddr, remoteAddr, unbound);
    }

    /** {@code create_datagram_endpoint(factory, sock=sock)}. */
    static <P extends DatagramProtocol> DatagramEndpoint<P> over(EventLoop loop, Supplier<P> factory, DatagramChannel sock) {
        try {
            sock.configureBlocking(false);
        } catch (IOException e) {
            throw Sneaky.rethrow(e);
        }
        return start(loop, factory, sock, null, null, null, null);
    }

    private static <P extends DatagramProtocol> DatagramEndpoint<P> start(EventLoop loop, Supplier<P> factory,
            DatagramChannel sock, InetSocketAddress rAddr, InetSocketAddress localAddr, InetSocketAddress remoteAddr,
            InetSocketAddress unboundName) {
        P protocol;
        SelectorDatagramTransport transport;
        Future<Void> waiter;
        try {
            protocol = factory.get();
            waiter = loop.createFuture();
            transport = new SelectorDatagramTransport(loop, sock, protocol, rAddr, waiter);
            transport.nameIfUnbound(unboundName);
        } catch (IOException e) {
            SocketTransport.closeQuietly(sock);
            throw Sneaky.rethrow(e);
        } catch (RuntimeException | Error e) {
            SocketTransport.closeQuietly(sock);
            throw e;
        }
        if (loop.getDebug()) {
            String created = " created: (" + transport + ", " + protocol + ")";
            if (localAddr != null) {
                Log.info("asyncio", "Datagram endpoint local_addr=" + repr(localAddr) + " remote_addr=" + repr(remoteAddr)
                        + created);
            } else {
                Log.debug("asyncio", "Datagram endpoint remote_addr=" + repr(remoteAddr) + created);
            }
        }
        try {
            waiter.await();
        } catch (Throwable e) {
            transport.close();
            throw e;
        }
        return new DatagramEndpoint<>(transport, protocol);
    }

    private static String repr(InetSocketAddress a) {
        return a == null ? "None" : a.isUnresolved() ? "('" + a.getHostString() + "', " + a.getPort() + ")" : SocketAddresses.repr(a);
    }

    /**
     * The local and remote addresses joined by family, in resolution order; a family that lacks
     * one of the addresses asked for is left out.
     */
    private static List<Pair> pairs(EventLoop loop, InetSocketAddress localAddr, InetSocketAddress remoteAddr,
            DatagramOptions options) {
        Map<Integer, Pair> byFamily = new LinkedHashMap<>();
        InetSocketAddress[] given = {localAddr, remoteAddr};
        for (int idx = 0; idx < 2; idx++) {
            if (given[idx] == null) {
                continue;
            }
            List<InetSocketAddress> resolved = resolve(loop, given[idx], options);
            if (resolved.isEmpty()) {
                throw Sneaky.rethrow(new IOException("getaddrinfo() returned empty list"));
            }
            for (InetSocketAddress a : resolved) {
                Pair pair = byFamily.computeIfAbsent(a.getAddress() instanceof Inet6Address ? 6 : 4, k -> new Pair());
                if (idx == 0 && pair.local == null) {
                    pair.local = a;
                } else if (idx == 1 && pair.remote == null) {
                    pair.remote = a;
                }
            }
        }
        List<Pair> pairs = byFamily.values().stream()
                .filter(p -> !(localAddr != null && p.local == null) && !(remoteAddr != null && p.remote == null))
                .toList();
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("can not get address information");
        }
        return pairs;
    }

    /**
     * asyncio's {@code _ensure_resolved}: an address that is already resolved, or whose host is a
     * literal, is used as is; a host name goes through {@link EventLoop#getaddrinfo} (the default
     * executor).
     */
    private static List<InetSocketAddress> resolve(EventLoop loop, InetSocketAddress given, DatagramOptions options) {
        InetSocketAddress address = SocketAddresses.literal(given);
        if (!address.isUnresolved()) {
            if (!familyMatches(address.getAddress(), options.family())) {
                // what getaddrinfo answers for a literal of another family
                throw Sneaky.rethrow(new GaiError(GaiError.EAI_ADDRFAMILY, null));
            }
            return List.of(address);
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (AddressInfo info : loop.getaddrinfo(address.getHostString(), Integer.toString(address.getPort()),
                options.family(), SocketConstants.SOCK_DGRAM, options.proto(), options.flags())) {
            out.add(info.sockaddr());
        }
        return out;
    }

    /** The wildcard address with port 0 of a family: Python's name of an unbound socket. */
    private static InetSocketAddress wildcard(boolean inet6) {
        return new InetSocketAddress(inet6 ? "::" : "0.0.0.0", 0);
    }

    private static boolean familyMatches(InetAddress a, int family) {
        return family == 0 || (family == SocketConstants.AF_INET6) == (a instanceof Inet6Address);
    }

    private static DatagramChannel open(boolean inet6, DatagramOptions options) {
        DatagramChannel sock = null;
        try {
            sock = DatagramChannel.open(inet6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            if (options.reusePort()) {
                if (!sock.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new IllegalArgumentException("reuse_port not supported by socket module");
                }
                sock.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            if (options.allowBroadcast()) {
                sock.setOption(StandardSocketOptions.SO_BROADCAST, true);
            }
            sock.configureBlocking(false);
            return sock;
        } catch (IOException e) {
            SocketTransport.closeQuietly(sock);
            throw Sneaky.rethrow(e);
        } catch (RuntimeException e) {
            SocketTransport.closeQuietly(sock);
            throw e;
        }
    }
}
