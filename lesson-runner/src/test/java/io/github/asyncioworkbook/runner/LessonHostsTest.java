package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lesson's {@code <Name>.hosts} file: checked line by line, and handed to the lesson's JVM so
 * that names resolve from it (a real run of a lesson that resolves names, through LessonRunner).
 */
class LessonHostsTest {

    /** A one-lesson workbook whose lesson resolves a name forward and an address back. */
    private static Lesson writeBook(Path root) throws IOException {
        Path chapter = Files.createDirectories(root.resolve("chapters/01-dns"));
        Files.writeString(root.resolve("SUMMARY.md"), "# list\n\n- 01-dns\n  - Resolves\n");
        Files.writeString(chapter.resolve("index.md"), "---\ntitle: dns\n---\n");
        Files.writeString(chapter.resolve("Resolves.java"), """
                //DESCRIPTION Resolve a name and an address.
                // Port of asyncio_resolves.py (on no PyMOTW-3 page)
                void main() throws Exception {
                    IO.println(java.net.InetAddress.getByName("pymotw.com").getHostAddress());
                    IO.println(java.net.InetAddress.getByAddress(new byte[] {66, 33, (byte) 211, (byte) 242}).getHostName());
                }
                """);
        Files.writeString(chapter.resolve("Resolves.out"), "66.33.211.242\nn821.com\n");
        return new Lesson("01-dns", "Resolves", chapter.resolve("Resolves.java"), chapter.resolve("Resolves.out"));
    }

    @Test
    void noFileNoOption(@TempDir Path root) throws IOException {
        Lesson lesson = writeBook(root);
        assertEquals(List.of(), LessonHosts.jvmOptions(lesson));
    }

    @Test
    void theFileIsPassedAsTheJdkPropertyAndTheLessonResolvesFromIt(@TempDir Path root) throws IOException {
        Lesson lesson = writeBook(root);
        Path hosts = lesson.source().resolveSibling("Resolves.hosts");
        Files.writeString(hosts, "# the addresses PyMOTW printed\n66.33.211.242  n821.com pymotw.com  # first name: reverse\n\n");
        assertEquals(List.of("-Djdk.net.hosts.file=" + hosts.toAbsolutePath()), LessonHosts.jvmOptions(lesson));

        LessonRunner runner = new LessonRunner(List.of(lesson), RunOptions.defaults(root.resolve("work"))
                .withClasspath(List.of()).withLauncher(Launcher.JAVA).withTimeout(Duration.ofSeconds(30)));
        RunResult run = runner.run(lesson, ClockMode.REAL);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("66.33.211.242\nn821.com\n", run.output());

        Files.writeString(hosts, "66.33.211.240  pymotw.com\n");
        RunResult other = runner.run(lesson, ClockMode.REAL);
        assertEquals("66.33.211.240\n66.33.211.242\n", other.output(), "an address without a line has no name");
    }

    @Test
    void cpythonComparisonUsesTheOutputMadeUnderTheSameHostsFile(@TempDir Path root) throws IOException {
        Lesson lesson = writeBook(root);
        Path shared = Files.createDirectories(root.resolve("shared"));
        Files.writeString(shared.resolve("asyncio_resolves.txt"), "socket.gaierror: [Errno -2] Name or service not known\n");
        CPythonComparison comparison = new CPythonComparison(shared);
        assertEquals(false, comparison.compare(lesson).orElseThrow().matched(), "without a hosts file: the shared output");

        Files.writeString(LessonHosts.path(lesson), "66.33.211.242 n821.com pymotw.com\n");
        var missing = assertThrows(ExpectedOutputException.class, () -> comparison.compare(lesson));
        assertEquals(true, missing.getMessage().startsWith(LessonHosts.cpythonReference(lesson).toString()), missing.getMessage());
        Files.writeString(LessonHosts.cpythonReference(lesson), "66.33.211.242\nn821.com\n");
        assertEquals(true, comparison.compare(lesson).orElseThrow().matched());
        Files.writeString(LessonHosts.cpythonReference(lesson), "66.33.211.242\nn822.com\n");
        assertEquals(false, comparison.compare(lesson).orElseThrow().matched());
    }

    @Test
    void badLinesNameTheFileAndLine(@TempDir Path root) throws IOException {
        Lesson lesson = writeBook(root);
        Path hosts = LessonHosts.path(lesson);
        Files.writeString(hosts, "66.33.211.242 pymotw.com\npymotw.com 66.33.211.242\n");
        var swapped = assertThrows(LessonListException.class, () -> LessonHosts.jvmOptions(lesson));
        assertEquals(hosts + ":2: 'pymotw.com' is not a literal IPv4 or IPv6 address", swapped.getMessage());
        Files.writeString(hosts, "# ok\n\n66.33.211.242\n");
        var alone = assertThrows(LessonListException.class, () -> LessonHosts.jvmOptions(lesson));
        assertEquals(hosts + ":3: expected 'address name [name...]', got '66.33.211.242'", alone.getMessage());
    }
}
