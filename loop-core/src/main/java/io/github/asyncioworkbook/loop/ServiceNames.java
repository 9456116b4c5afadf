package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Service names and port numbers, as C's {@code getservbyname}/{@code getservbyport} read them
 * from {@code /etc/services} ({@code name port/proto [aliases...] [# comment]}). The JDK has no
 * such lookup; {@link Resolver} needs it for {@code getaddrinfo('pymotw.com', 'https')} and for
 * {@code getnameinfo}'s service names.
 *
 * <p>Where {@code /etc/services} is missing (a minimal container without Debian's
 * {@code netbase}), a few well-known IANA entries stand in, so the lessons run the same there.
 */
final class ServiceNames {
    /** The file the C library reads. */
    static final Path SYSTEM_FILE = Path.of("/etc/services");

    /** IANA assignments used when {@link #SYSTEM_FILE} cannot be read (same format as the file). */
    private static final List<String> WELL_KNOWN = List.of(
            "ftp 21/tcp", "ssh 22/tcp", "telnet 23/tcp", "smtp 25/tcp mail", "domain 53/tcp", "domain 53/udp",
            "http 80/tcp www", "ntp 123/udp", "imap 143/tcp imap2", "snmp 161/udp", "https 443/tcp", "https 443/udp");

    private static volatile ServiceNames system;

    /** "name/proto" -> port, for names and aliases. */
    private final Map<String, Integer> ports = new HashMap<>();
    /** "port/proto" -> the first name given for it. */
    private final Map<String, String> names = new HashMap<>();

    private ServiceNames(List<String> lines) {
        for (String raw : lines) {
            int hash = raw.indexOf('#');
            String line = (hash < 0 ? raw : raw.substring(0, hash)).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] fields = line.split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            int slash = fields[1].indexOf('/');
            if (slash <= 0) {
                continue;
            }
            int port;
            try {
                port = Integer.parseInt(fields[1].substring(0, slash));
            } catch (NumberFormatException e) {
                continue;
            }
            String proto = fields[1].substring(slash + 1).toLowerCase(Locale.ROOT);
            names.putIfAbsent(port + "/" + proto, fields[0]);
            ports.putIfAbsent(fields[0] + "/" + proto, port);
            for (int i = 2; i < fields.length; i++) {
                ports.putIfAbsent(fields[i] + "/" + proto, port);
            }
        }
    }

    /**
     * Reads a services file.
     *
     * @param file a file in {@code /etc/services} format
     * @return its entries
     * @throws IOException if it cannot be read
     */
    static ServiceNames read(Path file) throws IOException {
        return new ServiceNames(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    }

    /** {@return the system's table: {@code /etc/services}, read once, or the well-known entries} */
    static ServiceNames system() {
        ServiceNames s = system;
        if (s == null) {
            try {
                s = read(SYSTEM_FILE);
            } catch (IOException e) {
                s = new ServiceNames(WELL_KNOWN);
            }
            system = s;
        }
        return s;
    }

    /**
     * {@code getservbyname(name, proto)}.
     *
     * @param name a service name or alias
     * @param proto {@code tcp} or {@code udp}
     * @return its port, if the table has it for that protocol
     */
    OptionalInt port(String name, String proto) {
        Integer port = ports.get(name + "/" + proto);
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /**
     * {@code getservbyport(port, proto)}.
     *
     * @param port a port
     * @param proto {@code tcp} or {@code udp}
     * @return the service's name, or null
     */
    String name(int port, String proto) {
        return names.get(port + "/" + proto);
    }
}
