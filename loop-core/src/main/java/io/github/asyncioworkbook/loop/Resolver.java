package io.github.asyncioworkbook.loop;

import static io.github.asyncioworkbook.loop.SocketConstants.AF_INET;
import static io.github.asyncioworkbook.loop.SocketConstants.AF_INET6;
import static io.github.asyncioworkbook.loop.SocketConstants.AF_UNSPEC;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_CANONNAME;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_NUMERICHOST;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_NUMERICSERV;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_PASSIVE;
import static io.github.asyncioworkbook.loop.SocketConstants.IPPROTO_TCP;
import static io.github.asyncioworkbook.loop.SocketConstants.IPPROTO_UDP;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_DGRAM;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_NAMEREQD;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_NUMERICHOST;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_NUMERICSERV;
import static io.github.asyncioworkbook.loop.SocketConstants.SOCK_DGRAM;
import static io.github.asyncioworkbook.loop.SocketConstants.SOCK_RAW;
import static io.github.asyncioworkbook.loop.SocketConstants.SOCK_STREAM;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;

/**
 * Python's blocking {@code socket.getaddrinfo} and {@code socket.getnameinfo} over the JDK's
 * resolver ({@link InetAddress}, which honours {@code -Djdk.net.hosts.file}), with glibc's answer
 * shapes and error numbers. {@link EventLoop#getaddrinfo} and {@link EventLoop#getnameinfo} run
 * these in the default executor, as asyncio does.
 *
 * <p>Shapes, as glibc gives them on Linux: each address is repeated once per socket kind the
 * arguments allow ({@code SOCK_STREAM}/6, {@code SOCK_DGRAM}/17, {@code SOCK_RAW}/0, in that
 * order; a service name rules out {@code SOCK_RAW}); no host means the loopback addresses (IPv6
 * first), or with {@code AI_PASSIVE} the wildcard ones (IPv4 first). Where the JDK cannot tell
 * what glibc would: a canonical name ({@code AI_CANONNAME}) is the host as given (the JDK does not
 * expose CNAME records), and every resolution failure is {@code EAI_NONAME} (-2).
 */
final class Resolver {
    private Resolver() {
    }

    /** A socket kind getaddrinfo may answer with. */
    private record Kind(int type, int proto, String service) {
    }

    /**
     * {@code socket.getaddrinfo(host, port, family, type, proto, flags)}.
     *
     * @param host a host name or literal address, or null
     * @param service a port number as text, a service name (e.g. {@code https}), or null
     * @return the entries, in glibc's order
     * @throws GaiError with glibc's number and text
     */
    static List<AddressInfo> getaddrinfo(String host, String service, int family, int type, int proto, int flags)
            throws GaiError {
        if (family != AF_UNSPEC && family != AF_INET && family != AF_INET6) {
            throw new GaiError(GaiError.EAI_FAMILY, null);
        }
        List<Kind> kinds = kinds(type, proto);
        int[] ports = ports(service, flags, kinds);
        List<InetAddress> addresses = addresses(host, service, family, flags);
        List<AddressInfo> out = new ArrayList<>();
        for (InetAddress address : addresses) {
            for (int i = 0; i < kinds.size(); i++) {
                if (ports[i] < 0) {
                    continue;
                }
                Kind k = kinds.get(i);
                String canon = out.isEmpty() && (flags & AI_CANONNAME) != 0 ? (host == null ? literal(address) : host) : "";
                out.add(new AddressInfo(address instanceof Inet6Address ? AF_INET6 : AF_INET, k.type, k.proto, canon,
                        new InetSocketAddress(address, ports[i])));
            }
        }
        return out;
    }

    /** The socket kinds {@code type} and {@code proto} allow (glibc's {@code gaih_inet_typeproto}). */
    private static List<Kind> kinds(int type, int proto) throws GaiError {
        if (type != 0 && type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_RAW) {
            throw new GaiError(GaiError.EAI_SOCKTYPE, null);
        }
        if (type == 0 && proto != 0 && proto != IPPROTO_TCP && proto != IPPROTO_UDP) {
            throw new GaiError(GaiError.EAI_SERVICE, null);
        }
        List<Kind> kinds = new ArrayList<>();
        if ((type == 0 || type == SOCK_STREAM) && (proto == 0 || proto == IPPROTO_TCP)) {
            kinds.add(new Kind(SOCK_STREAM, IPPROTO_TCP, "tcp"));
        }
        if ((type == 0 || type == SOCK_DGRAM) && (proto == 0 || proto == IPPROTO_UDP)) {
            kinds.add(new Kind(SOCK_DGRAM, IPPROTO_UDP, "udp"));
        }
        if ((type == 0 && proto == 0) || type == SOCK_RAW) {
            kinds.add(new Kind(SOCK_RAW, proto, null));
        }
        if (kinds.isEmpty()) {
            throw new GaiError(GaiError.EAI_SOCKTYPE, null);
        }
        return kinds;
    }

    /** The port of each kind, -1 where the service has none; fails when no kind has one. */
    private static int[] ports(String service, int flags, List<Kind> kinds) throws GaiError {
        int[] ports = new int[kinds.size()];
        if (service == null) {
            return ports;
        }
        if (isNumber(service)) {
            long value = Long.parseLong(service);
            if (value < 0) {
                throw new GaiError(GaiError.EAI_SERVICE, null);
            }
            java.util.Arrays.fill(ports, (int) (value & 0xFFFF)); // glibc keeps the low 16 bits
            return ports;
        }
        if ((flags & AI_NUMERICSERV) != 0) {
            throw new GaiError(GaiError.EAI_NONAME, null);
        }
        boolean any = false;
        for (int i = 0; i < kinds.size(); i++) {
            String proto = kinds.get(i).service;
            OptionalInt port = proto == null ? OptionalInt.empty() : ServiceNames.system().port(service, proto);
            ports[i] = port.orElse(-1);
            any |= port.isPresent();
        }
        if (!any) {
            throw new GaiError(GaiError.EAI_SERVICE, null);
        }
        return ports;
    }

    private static boolean isNumber(String s) {
        String digits = s.startsWith("-") ? s.substring(1) : s;
        return !digits.isEmpty() && digits.length() < 19 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The addresses of {@code host}, in the resolver's order without repeats, of {@code family}. */
    private static List<InetAddress> addresses(String host, String service, int family, int flags) throws GaiError {
        List<InetAddress> found = new ArrayList<>();
        if (host == null) {
            if (service == null) {
                throw new GaiError(GaiError.EAI_NONAME, null);
            }
            boolean passive = (flags & AI_PASSIVE) != 0;
            InetAddress v4 = bare(passive ? new byte[4] : new byte[] {127, 0, 0, 1});
            byte[] six = new byte[16];
            if (!passive) {
                six[15] = 1;
            }
            InetAddress v6 = bare(six);
            found.addAll(passive ? List.of(v4, v6) : List.of(v6, v4));
        } else if (host.isEmpty()) {
            throw new GaiError(GaiError.EAI_NONAME, null);
        } else {
            InetAddress literal = parseLiteral(host);
            if (literal != null) {
                if (family != AF_UNSPEC && family != familyOf(literal)) {
                    throw new GaiError(GaiError.EAI_ADDRFAMILY, null);
                }
                return List.of(literal);
            }
            if ((flags & AI_NUMERICHOST) != 0) {
                throw new GaiError(GaiError.EAI_NONAME, null);
            }
            try {
                for (InetAddress a : new LinkedHashSet<>(List.of(InetAddress.getAllByName(host)))) {
                    found.add(bare(a));
                }
            } catch (UnknownHostException e) {
                throw new GaiError(GaiError.EAI_NONAME, e);
            }
        }
        List<InetAddress> out = found.stream().filter(a -> family == AF_UNSPEC || familyOf(a) == family).toList();
        if (out.isEmpty()) {
            throw new GaiError(GaiError.EAI_NONAME, null);
        }
        return out;
    }

    /**
     * {@code socket.getnameinfo(sockaddr, flags)}: the host's name by a reverse lookup (the literal
     * address when it has none), and the port's service name.
     *
     * @param sockaddr the address; an unresolved one must hold a literal address, as Python's
     *     tuple must (no forward lookup is made)
     * @param flags {@code NI_} flags
     * @return the names
     * @throws GaiError {@code EAI_NONAME} for a non-literal unresolved host, or with
     *     {@code NI_NAMEREQD} for an address without a name
     */
    static NameInfo getnameinfo(InetSocketAddress sockaddr, int flags) throws GaiError {
        if (sockaddr == null) {
            throw new IllegalArgumentException("getnameinfo(): illegal sockaddr argument");
        }
        InetAddress address;
        if (sockaddr.isUnresolved()) {
            address = parseLiteral(sockaddr.getHostString());
            if (address == null) {
                throw new GaiError(GaiError.EAI_NONAME, null);
            }
        } else {
            address = bare(sockaddr.getAddress());
        }
        String literal = literal(address);
        String host = literal;
        if ((flags & NI_NUMERICHOST) == 0) {
            // getHostName asks the resolver for the name and checks that the name leads back to
            // the address; without a (confirmed) name it gives the literal address.
            String name = address.getHostName();
            if (!name.equals(address.getHostAddress())) {
                host = name;
            } else if ((flags & NI_NAMEREQD) != 0) {
                throw new GaiError(GaiError.EAI_NONAME, null);
            }
        }
        int port = sockaddr.getPort();
        String service = (flags & NI_NUMERICSERV) != 0 ? null
                : ServiceNames.system().name(port, (flags & NI_DGRAM) != 0 ? "udp" : "tcp");
        return new NameInfo(host, service != null ? service : Integer.toString(port));
    }

    /**
     * The executor job of {@code loop.getaddrinfo}: {@link #getaddrinfo}, logged as asyncio's
     * {@code _getaddrinfo_debug} does when the loop is in debug mode (the lookup's duration at
     * INFO level when it took at least the slow-callback duration, else at DEBUG level).
     */
    static java.util.concurrent.Callable<List<AddressInfo>> job(EventLoop loop, String host, String service, int family,
            int type, int proto, int flags) {
        if (!loop.getDebug()) {
            return () -> getaddrinfo(host, service, family, type, proto, flags);
        }
        double slow = loop.getSlowCallbackDuration();
        StringBuilder what = new StringBuilder(host + ":" + (service == null ? "None"
                : isNumber(service) ? service : Repr.stringRepr(service)));
        for (String[] part : new String[][] {{"family", "" + family}, {"type", "" + type}, {"proto", "" + proto},
                {"flags", "" + flags}}) {
            if (!part[1].equals("0")) {
                what.append(", ").append(part[0]).append('=').append(part[1]);
            }
        }
        return () -> {
            Log.debug("asyncio", "Get address info " + what);
            long t0 = System.nanoTime();
            List<AddressInfo> infos = getaddrinfo(host, service, family, type, proto, flags);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String message = String.format(java.util.Locale.ROOT, "Getting address info %s took %.3fms: %s", what,
                    seconds * 1e3, Repr.repr(infos));
            if (seconds >= slow) {
                Log.info("asyncio", message);
            } else {
                Log.debug("asyncio", message);
            }
            return infos;
        };
    }

    /** The address as Python writes it: {@code 66.33.211.242}, {@code ::1}. */
    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int percent = text.indexOf('%');
            return SocketAddresses.compress(percent < 0 ? text : text.substring(0, percent));
        }
        return text;
    }

    private static int familyOf(InetAddress a) {
        return a instanceof Inet4Address ? AF_INET : AF_INET6;
    }

    /** A literal IPv4 or IPv6 address, or null when {@code text} is not one (no lookup is made). */
    private static InetAddress parseLiteral(String text) {
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The same address without a host name, so that {@code getHostString()} is the literal and
     * {@code getHostName()} makes a fresh reverse lookup.
     */
    private static InetAddress bare(InetAddress a) {
        try {
            if (a instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                return Inet6Address.getByAddress(null, v6.getAddress(), v6.getScopeId());
            }
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("the JDK refused its own address " + a, e);
        }
    }

    private static InetAddress bare(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
