package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A lesson's own name resolution for its verified run: {@code <Name>.hosts} beside
 * {@code <Name>.java}, in the format of {@code /etc/hosts} ({@code address name [name...]}, comments
 * from {@code #}). When it exists, {@link LessonRunner} starts the lesson's JVM with
 * {@code -Djdk.net.hosts.file=<that file>} (both launchers: JBang hands {@code -D} options to the
 * lesson's JVM), and the JDK then resolves names from that file only, so a lesson that looks up
 * real hosts prints the same addresses on a machine without DNS. A reader running the lesson by
 * hand gets real DNS.
 *
 * <p>As the JDK reads such a file: a name resolves to the address of every line that lists it; an
 * address resolves back (reverse lookup) to the first name of the first line that has it, and only
 * if that name resolves forward to the address again; any other name or address is unknown.
 */
public final class LessonHosts {
    /** The JDK's system property naming a hosts file that replaces DNS. */
    public static final String PROPERTY = "jdk.net.hosts.file";
    /** What the file's name ends with, after the lesson's name. */
    public static final String EXTENSION = ".hosts";

    private LessonHosts() {
    }

    /**
     * @param lesson a lesson
     * @return where its hosts file is, whether or not it exists: {@code <Name>.hosts} beside its source
     */
    public static Path path(Lesson lesson) {
        return lesson.source().resolveSibling(lesson.name() + EXTENSION);
    }

    /**
     * Where CPython 3.11's output of the original script, run with the same hosts file, is kept:
     * {@code <Name>.cpython-with-hosts.txt} beside the lesson. The shared CPython reference outputs
     * were made on a machine without DNS, so they show a lookup failure instead; this file is the
     * comparison {@link CPythonComparison} makes for such a lesson. Made on Linux, as root, with the
     * hosts file mounted over {@code /etc/hosts} in a private mount namespace:
     * <pre>{@code unshare -m sh -c 'mount --bind Name.hosts /etc/hosts && python3 asyncio_x.py' > Name.cpython-with-hosts.txt}</pre>
     *
     * @param lesson a lesson
     * @return the path, whether or not it exists
     */
    public static Path cpythonReference(Lesson lesson) {
        return lesson.source().resolveSibling(lesson.name() + ".cpython-with-hosts.txt");
    }

    /**
     * The JVM options that give {@code lesson} its hosts file, after checking the file.
     *
     * @param lesson a lesson
     * @return {@code [-Djdk.net.hosts.file=<absolute path>]}, or nothing when the lesson has no such file
     * @throws LessonListException naming the file and line of a line that is not {@code address name...}
     */
    public static List<String> jvmOptions(Lesson lesson) {
        Path file = path(lesson);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        check(file);
        return List.of("-D" + PROPERTY + "=" + file.toAbsolutePath());
    }

    /**
     * Checks that every line is blank, a comment, or a literal IPv4 or IPv6 address followed by at
     * least one name (the JDK silently skips other lines, which would make a typo look like a
     * missing host).
     *
     * @param file a hosts file
     * @throws LessonListException at the first bad line
     */
    static void check(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String[] fields = (hash < 0 ? line : line.substring(0, hash)).strip().split("\\s+");
            if (fields.length == 1 && fields[0].isEmpty()) {
                continue;
            }
            if (fields.length < 2) {
                throw new LessonListException(file, i + 1, "expected 'address name [name...]', got '" + line.strip() + "'");
            }
            try {
                InetAddress.ofLiteral(fields[0]);
            } catch (IllegalArgumentException e) {
                throw new LessonListException(file, i + 1, "'" + fields[0] + "' is not a literal IPv4 or IPv6 address");
            }
        }
    }
}
