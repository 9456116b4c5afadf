package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One lesson: a compact source file {@code <chapter>/<Name>.java} and, beside it, its expected
 * output {@code <Name>.out}. A lesson whose header asks for further runs with arguments
 * ({@link ArgumentRun}) stands for several runs: {@link #runs()} gives one {@code Lesson} per run,
 * the same source with that run's expected file ({@code Name.v.out}), and {@link #arguments()} tells
 * a run its arguments.
 *
 * @param chapter  the chapter folder's name, e.g. {@code 05-tasks}
 * @param name     the class (and file) name without extension, e.g. {@code CreateTask}
 * @param source   path of the {@code .java} file
 * @param expected path of the {@code .out} file (it may be missing; see {@link #expectedOutput()})
 */
public record Lesson(String chapter, String name, Path source, Path expected) {

    /**
     * {@return {@code chapter/name}, e.g. {@code 02-tasks/CreateTask}, followed for a run with
     * arguments by them ({@code 15-debugging/Debug -v}); unique in a workbook}
     */
    public String id() {
        List<String> arguments = arguments();
        return chapter + "/" + name + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
    }

    /**
     * {@return the name of this run's expected file without {@code .out}: {@code Name}, or
     * {@code Name.<label>} for a run with arguments; saved runs and traces are named after it}
     */
    public String runKey() {
        String file = expected.getFileName().toString();
        return file.endsWith(".out") ? file.substring(0, file.length() - ".out".length()) : file;
    }

    /**
     * {@return this lesson's runs: itself (no arguments), then one per {@link ArgumentRun} of its
     * header, each with that run's expected file}
     *
     * @throws LessonListException when an {@link ArgumentRun#DIRECTIVE} line is malformed
     */
    public List<Lesson> runs() {
        List<Lesson> runs = new ArrayList<>();
        runs.add(this);
        for (ArgumentRun run : argumentRuns()) {
            runs.add(new Lesson(chapter, name, source, run.expected(this)));
        }
        return runs;
    }

    /**
     * {@return the command-line arguments of this run: none for {@code Name.out}, those of the
     * {@link ArgumentRun} whose expected file this is otherwise}
     */
    public List<String> arguments() {
        if (runKey().equals(name)) {
            return List.of();
        }
        return argumentRuns().stream().filter(r -> r.expected(this).equals(expected))
                .findFirst().map(ArgumentRun::arguments).orElse(List.of());
    }

    /** {@return the further runs the header declares} */
    public List<ArgumentRun> argumentRuns() {
        try {
            return ArgumentRun.parse(source, Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    /**
     * Loads the expected output.
     *
     * @return a matcher for {@link #expected()}
     * @throws ExpectedOutputException if the file is missing, empty or malformed
     */
    public OutputMatcher expectedOutput() {
        return OutputMatcher.load(expected);
    }

    /**
     * Reads the lesson's header comment.
     *
     * @return its description and the script it ports
     * @throws LessonListException when the header lacks either
     */
    public LessonHeader header() {
        try {
            return LessonHeader.parse(source, Files.readString(source, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    @Override
    public String toString() {
        return id();
    }
}
