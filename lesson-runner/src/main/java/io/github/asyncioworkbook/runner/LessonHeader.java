package io.github.asyncioworkbook.runner;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a lesson's header comment says about it: the one-line {@code //DESCRIPTION} (JBang's own
 * directive, copied into {@code jbang-catalog.json}) and the PyMOTW-3 script it ports, with the
 * PyMOTW-3 page that shows that script.
 *
 * <pre>{@code
 * //DESCRIPTION Create a task from a coroutine, await it, print its repr before and after.
 * // Port of asyncio_create_task.py, PyMOTW-3 page https://pymotw.com/3/asyncio/tasks.html
 * }</pre>
 * A script that no page shows (PyMOTW-3 ships {@code asyncio_stop.py} without using it) says
 * {@code // Port of asyncio_stop.py (on no PyMOTW-3 page)}. A server/client pair will name each
 * side's script in its own file.
 *
 * @param description the {@code //DESCRIPTION} text
 * @param script      the ported script, e.g. {@code asyncio_create_task.py}
 * @param pymotwPage  the PyMOTW-3 page showing it, or empty when no page does
 */
public record LessonHeader(String description, String script, Optional<String> pymotwPage) {

    private static final String DESCRIPTION = "//DESCRIPTION";
    private static final Pattern PORT = Pattern.compile(
            "// Port of (asyncio_[a-z0-9_]+\\.py)(?:, PyMOTW-3 page (https://pymotw\\.com/3/asyncio/[a-z_]+\\.html)| \\(on no PyMOTW-3 page\\))");

    /** {@return the script's name without {@code .py}, e.g. {@code asyncio_create_task}} */
    public String scriptStem() {
        return script.substring(0, script.length() - ".py".length());
    }

    /**
     * Reads the header of a lesson's source text.
     *
     * @param source the file, for messages
     * @param text   its content
     * @return the header
     * @throws LessonListException naming the file (and line) when a line is missing or malformed
     */
    public static LessonHeader parse(Path source, String text) {
        String description = null;
        String script = null;
        String page = null;
        int n = 0;
        for (String line : text.lines().toList()) {
            n++;
            if (line.startsWith(DESCRIPTION) && description == null) {
                description = line.substring(DESCRIPTION.length()).strip();
                if (description.isEmpty()) {
                    throw new LessonListException(source, n, "//DESCRIPTION is empty; write one line saying what the lesson shows");
                }
            } else if (line.startsWith("// Port of") && script == null) {
                Matcher m = PORT.matcher(line.strip());
                if (!m.matches()) {
                    throw new LessonListException(source, n, "malformed port line; write '// Port of asyncio_<name>.py, PyMOTW-3 page "
                            + "https://pymotw.com/3/asyncio/<page>.html' (or '// Port of asyncio_<name>.py (on no PyMOTW-3 page)')");
                }
                script = m.group(1);
                page = m.group(2);
            }
        }
        if (description == null) {
            throw new LessonListException(source, 0, "no //DESCRIPTION line; add one after //DEPS (it becomes the jbang-catalog.json description)");
        }
        if (script == null) {
            throw new LessonListException(source, 0, "no '// Port of asyncio_<name>.py, PyMOTW-3 page https://pymotw.com/3/asyncio/<page>.html'"
                    + " line; add it after //DESCRIPTION (the CPython comparison reads it)");
        }
        return new LessonHeader(description, script, Optional.ofNullable(page));
    }
}
