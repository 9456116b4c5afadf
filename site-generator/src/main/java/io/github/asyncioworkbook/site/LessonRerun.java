package io.github.asyncioworkbook.site;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A further run of a lesson with command-line arguments, as the PyMOTW-3 page runs its script
 * again ({@code asyncio_debug.py -v}): the lesson's header declares it with
 * {@code // Also run with: -v}, and its expected output is {@code Name.<label>.out} beside the lesson
 * (lesson-runner's {@code ArgumentRun}). The site shows it after the lesson's run without arguments.
 *
 * @param arguments the arguments, e.g. {@code [-v]}
 * @param expected its expected file, e.g. {@code Debug.v.out}
 * @param expectedText that file's text
 * @param run the live run, verified against {@code expectedText}; {@code null} until preprocess ran
 */
public record LessonRerun(List<String> arguments, Path expected, String expectedText, LessonRun run) {

    /** Checks and copies. */
    public LessonRerun {
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(expectedText, "expectedText");
    }

    /** {@return a copy carrying this live run} */
    public LessonRerun withRun(LessonRun newRun) {
        return new LessonRerun(arguments, expected, expectedText, newRun);
    }

    /** {@return the arguments as typed after the command, e.g. {@code -v}} */
    public String commandLine() {
        return String.join(" ", arguments);
    }
}
