package io.github.asyncioworkbook.loop;

import static io.github.asyncioworkbook.loop.SocketConstants.AF_INET;
import static io.github.asyncioworkbook.loop.SocketConstants.AF_INET6;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_CANONNAME;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_NUMERICHOST;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_NUMERICSERV;
import static io.github.asyncioworkbook.loop.SocketConstants.AI_PASSIVE;
import static io.github.asyncioworkbook.loop.SocketConstants.IPPROTO_TCP;
import static io.github.asyncioworkbook.loop.SocketConstants.IPPROTO_UDP;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_DGRAM;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_NUMERICHOST;
import static io.github.asyncioworkbook.loop.SocketConstants.NI_NUMERICSERV;
import static io.github.asyncioworkbook.loop.SocketConstants.SOCK_DGRAM;
import static io.github.asyncioworkbook.loop.SocketConstants.SOCK_RAW;
import static io.github.asyncioworkbook.loop.SocketConstants.SOCK_STREAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * getaddrinfo and getnameinfo (asyncio's loop methods over socket.getaddrinfo/getnameinfo): answer
 * shapes and reprs, glibc's errors as GaiError, the default executor, and a hosts file given to
 * the JDK (in a child JVM, since the JDK reads {@code jdk.net.hosts.file} once). The expected
 * strings are what CPython 3.11.7 printed on Linux for the same calls.
 */
@org.junit.jupiter.api.Timeout(value = 90, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class DnsTest extends Loops.Scenario {

    private static String str(Object value) {
        return String.valueOf(value);
    }

    @Test
    @DisplayName("getaddrinfo of literal addresses: entries and reprs as CPython on Linux")
    void shapes() {
        run(() -> {
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 443)), "
                    + "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_DGRAM: 2>, 17, '', ('127.0.0.1', 443))]",
                    str(loop.getaddrinfo("127.0.0.1", "https")));
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80)), "
                    + "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_DGRAM: 2>, 17, '', ('127.0.0.1', 80)), "
                    + "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_RAW: 3>, 0, '', ('127.0.0.1', 80))]",
                    str(loop.getaddrinfo("127.0.0.1", 80, 0, 0, 0, 0)));
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 443))]",
                    str(loop.getaddrinfo("127.0.0.1", 443, 0, 0, IPPROTO_TCP, 0)));
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_DGRAM: 2>, 17, '', ('127.0.0.1', 443))]",
                    str(loop.getaddrinfo("127.0.0.1", "https", 0, 0, IPPROTO_UDP, 0)));
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('0.0.0.0', 80)), "
                    + "(<AddressFamily.AF_INET6: 10>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('::', 80, 0, 0))]",
                    str(loop.getaddrinfo(null, 80, 0, SOCK_STREAM, 0, AI_PASSIVE)));
            assertEquals("[(<AddressFamily.AF_INET6: 10>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('::1', 80, 0, 0)), "
                    + "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 80))]",
                    str(loop.getaddrinfo(null, 80, 0, SOCK_STREAM, 0, 0)));
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '127.0.0.1', ('127.0.0.1', 80))]",
                    str(loop.getaddrinfo("127.0.0.1", 80, 0, SOCK_STREAM, 0, AI_CANONNAME)));
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_DGRAM: 2>, 17, '', ('127.0.0.1', 0))]",
                    str(loop.getaddrinfo("127.0.0.1", null, 0, SOCK_DGRAM, 0, 0)));
            assertEquals("[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_RAW: 3>, 0, '', ('127.0.0.1', 4464))]",
                    str(loop.getaddrinfo("127.0.0.1", 70000, 0, SOCK_RAW, 0, 0)), "glibc keeps a port's low 16 bits");
            AddressInfo six = loop.getaddrinfo("::1", 22, AF_INET6, SOCK_STREAM, 0, 0).get(0);
            assertEquals("::1", six.host());
            assertEquals(22, six.port());
            return null;
        });
    }

    @Test
    @DisplayName("getnameinfo: service names from /etc/services (or the well-known table), numeric flags")
    void nameinfo() {
        run(() -> {
            assertEquals("('127.0.0.1', '443')",
                    str(loop.getnameinfo(new InetSocketAddress("127.0.0.1", 443), NI_NUMERICHOST | NI_NUMERICSERV)));
            assertEquals("https", loop.getnameinfo(new InetSocketAddress("127.0.0.1", 443), NI_NUMERICHOST).service());
            assertEquals("domain", loop.getnameinfo(new InetSocketAddress("127.0.0.1", 53), NI_DGRAM | NI_NUMERICHOST).service());
            assertEquals("4444", loop.getnameinfo(new InetSocketAddress("127.0.0.1", 4444), NI_NUMERICHOST).service());
            assertEquals("::1", loop.getnameinfo(InetSocketAddress.createUnresolved("::1", 22), NI_NUMERICHOST).host());
            return null;
        });
    }

    private GaiError failure(Coroutine.Body<?> lookup) {
        return assertThrows(GaiError.class, () -> run(lookup));
    }

    @Test
    @DisplayName("unknown host and bad arguments: GaiError (an UnknownHostException) with glibc's errno and message")
    void errors() {
        GaiError unknown = failure(() -> loop.getaddrinfo("no-such-host.invalid", "https"));
        assertInstanceOf(UnknownHostException.class, unknown);
        assertEquals(-2, unknown.errno());
        assertEquals("[Errno -2] Name or service not known", unknown.getMessage());
        assertEquals("Name or service not known", unknown.strerror());
        assertInstanceOf(UnknownHostException.class, unknown.getCause(), "the JDK's own report is kept as the cause");
        List<String> messages = new ArrayList<>();
        for (Coroutine.Body<?> bad : List.<Coroutine.Body<?>>of(
                () -> loop.getaddrinfo(null, null),
                () -> loop.getaddrinfo("", "80"),
                () -> loop.getaddrinfo("127.0.0.1", "nosuchservice"),
                () -> loop.getaddrinfo("127.0.0.1", "ssh", 0, SOCK_DGRAM, 0, 0),
                () -> loop.getaddrinfo("127.0.0.1", "https", 0, 0, 0, AI_NUMERICSERV),
                () -> loop.getaddrinfo("localhost", "80", 0, 0, 0, AI_NUMERICHOST),
                () -> loop.getaddrinfo("127.0.0.1", 80, 12345, 0, 0, 0),
                () -> loop.getaddrinfo("127.0.0.1", 80, 0, SOCK_STREAM, IPPROTO_UDP, 0),
                () -> loop.getaddrinfo("127.0.0.1", 80, AF_INET6, 0, 0, 0),
                () -> loop.getaddrinfo("::1", 80, AF_INET, 0, 0, 0),
                () -> loop.getnameinfo(InetSocketAddress.createUnresolved("localhost", 443)))) {
            messages.add(failure(bad).getMessage());
        }
        assertEquals(List.of(
                "[Errno -2] Name or service not known",
                "[Errno -2] Name or service not known",
                "[Errno -8] Servname not supported for ai_socktype",
                "[Errno -8] Servname not supported for ai_socktype",
                "[Errno -2] Name or service not known",
                "[Errno -2] Name or service not known",
                "[Errno -6] ai_family not supported",
                "[Errno -7] ai_socktype not supported",
                "[Errno -9] Address family for hostname not supported",
                "[Errno -9] Address family for hostname not supported",
                "[Errno -2] Name or service not known"), messages);
        var noAddress = assertThrows(IllegalArgumentException.class, () -> run(() -> loop.getnameinfo(null, 0)));
        assertEquals("getnameinfo(): illegal sockaddr argument", noAddress.getMessage());
    }

    @Test
    @DisplayName("the lookup runs in the default executor (a thread named asyncio_N), not on the loop's thread")
    void runsInTheDefaultExecutor() {
        List<String> threads = new ArrayList<>();
        loop.setDebug(true);
        String err = Net.captureErr(() -> {
            Log.basicConfig(Log.Level.DEBUG, "%(levelname)s:%(name)s:%(threadName)s:%(message)s");
            try {
                run(() -> loop.getaddrinfo("127.0.0.1", "https", 0, SOCK_STREAM, 0, 0));
            } finally {
                Log.basicConfig(Log.Level.WARNING, null); // back to the unconfigured default
            }
        });
        for (String line : err.lines().toList()) {
            if (line.contains("address info")) {
                threads.add(line.replaceAll("took [0-9.]+ms", "took Tms"));
            }
        }
        assertEquals(List.of(
                "DEBUG:asyncio:asyncio_0:Get address info 127.0.0.1:'https', type=1",
                "DEBUG:asyncio:asyncio_0:Getting address info 127.0.0.1:'https', type=1 took Tms: "
                        + "[(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('127.0.0.1', 443))]"),
                threads, err);
    }

    @Test
    @DisplayName("with -Djdk.net.hosts.file: names and reverse names from the file, the first name of a line is the address's name")
    void hostsFile(@TempDir Path dir) throws IOException, InterruptedException {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, """
                # PyMOTW's addresses
                66.33.211.242   n821.com pymotw.com
                23.253.135.79   python.org
                """);
        List<String> command = ChildJvm.command(DnsHostsChild.class);
        command.add(1, "-Djdk.net.hosts.file=" + hosts);
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try {
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
            out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), out);
        } finally {
            child.destroyForcibly();
        }
        String unresolved = "java.net.UnknownHostException: Unable to resolve host unknown.example in hosts file " + hosts;
        assertEquals(List.of(
                "getaddrinfo (<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('66.33.211.242', 443)) host=66.33.211.242",
                "getaddrinfo [(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_STREAM: 1>, 6, '', ('23.253.135.79', 80)), "
                        + "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_DGRAM: 2>, 17, '', ('23.253.135.79', 80)), "
                        + "(<AddressFamily.AF_INET: 2>, <SocketKind.SOCK_RAW: 3>, 0, '', ('23.253.135.79', 80))]",
                "getnameinfo ('n821.com', 'https')",
                "getnameinfo ('104.130.43.121', 'https')",
                "GaiError -2 [Errno -2] Name or service not known cause=null",
                "GaiError -2 [Errno -2] Name or service not known cause=" + unresolved,
                "GaiError -2 [Errno -2] Name or service not known cause=null"), out.lines().toList());
    }
}
