package io.github.asyncioworkbook.site;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One lesson: a JBang-runnable Java file and the output it is expected to print.
 *
 * @param name the class name, e.g. {@code CreateTask}
 * @param alias the JBang catalog alias that runs it, e.g. {@code create-task}
 * @param source the {@code .java} file
 * @param sourceText its text
 * @param expected the {@code .out} file beside it
 * @param expectedText its text: stdout and stderr merged, as produced under the virtual clock
 * @param run the live run, verified against {@code expectedText}; {@code null} until preprocess ran
 */
public record Lesson(String name, String alias, Path source, String sourceText, Path expected, String expectedText, LessonRun run) {

    /** Checks required fields. */
    public Lesson {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceText, "sourceText");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(expectedText, "expectedText");
    }

    /** {@return a copy carrying this live run} */
    public Lesson withRun(LessonRun newRun) {
        return new Lesson(name, alias, source, sourceText, expected, expectedText, newRun);
    }

    /** {@return the lesson's one-line {@code //DESCRIPTION}, or an empty string} */
    public String description() {
        return sourceText.lines()
                .filter(l -> l.startsWith("//DESCRIPTION"))
                .map(l -> l.substring("//DESCRIPTION".length()).strip())
                .findFirst().orElse("");
    }

    /**
     * {@return the alias JBang's catalog convention gives a class name: kebab case}
     * ({@code CreateTask} becomes {@code create-task}, {@code HTTPGet} becomes {@code http-get}).
     *
     * @param className a lesson class name
     */
    public static String kebabCase(String className) {
        String kebab = className.replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
                .replace('_', '-');
        return kebab.toLowerCase(java.util.Locale.ROOT);
    }
}
