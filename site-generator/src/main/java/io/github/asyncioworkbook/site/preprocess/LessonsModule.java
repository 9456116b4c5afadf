package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.lessons.ClockMode;
import io.github.asyncioworkbook.lessons.ExpectedOutputException;
import io.github.asyncioworkbook.lessons.LessonCompilationException;
import io.github.asyncioworkbook.lessons.LessonRunner;
import io.github.asyncioworkbook.lessons.MatchResult;
import io.github.asyncioworkbook.lessons.OutputMatcher;
import io.github.asyncioworkbook.lessons.RunOptions;
import io.github.asyncioworkbook.lessons.RunResult;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRun;
import io.github.asyncioworkbook.site.SiteException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Adapts the lessons module ({@code io.github.asyncioworkbook.lessons}) to the preprocess
 * interfaces: {@link LessonRunner} runs lessons, {@link OutputMatcher} verifies their output.
 *
 * <p>Lessons run under the virtual clock ({@code -Dloopcore.clock=virtual}), the clock their
 * {@code .out} files were made with. The runner's options come from its system properties
 * ({@code lessons.launcher}, {@code lessons.timeout}, {@code lessons.parallelism}).
 */
public final class LessonsModule {

    private LessonsModule() {
    }

    /**
     * {@return an executor that compiles all lessons with {@code javax.tools} and runs each as a
     * subprocess under the virtual clock}
     *
     * @param workDir a folder the runner may own (compiled classes go there)
     */
    public static LessonExecutor executor(Path workDir) {
        return (book, lessons) -> {
            List<io.github.asyncioworkbook.lessons.Lesson> theirs = lessons.stream().map(LessonsModule::toTheirs).toList();
            LessonRunner runner = new LessonRunner(theirs, RunOptions.fromSystemProperties(workDir));
            try {
                return runner.runAll(ClockMode.VIRTUAL).stream().map(r -> withTrace(toRun(r), runner.tracePath(r.lesson()))).toList();
            } catch (LessonCompilationException e) {
                throw new SiteException(e.getMessage(), e);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new SiteException("cannot run lessons: " + e.getMessage(), e);
            }
        };
    }

    /** {@return a verifier using the lessons module's matching rules (placeholders, unordered blocks)} */
    public static OutputVerifier verifier() {
        return (lesson, actual) -> {
            try {
                OutputMatcher matcher = OutputMatcher.parse(lesson.expected().toString(), lesson.expectedText());
                MatchResult result = matcher.match(lesson.name() + ".java (live output)", actual);
                return result instanceof MatchResult.Mismatched m ? Optional.of(m.report()) : Optional.empty();
            } catch (ExpectedOutputException e) {
                throw new SiteException(e.getMessage(), e);
            }
        };
    }

    private static io.github.asyncioworkbook.lessons.Lesson toTheirs(Lesson lesson) {
        Path source = lesson.source();
        String chapter = source.toAbsolutePath().getParent().getFileName().toString();
        return new io.github.asyncioworkbook.lessons.Lesson(chapter, lesson.name(), source, lesson.expected());
    }

    /**
     * The trace the run left, if any: a lesson that makes no event loop (or runs against a loop-core
     * older than tracing) leaves none and gets no timeline. TimelineIT checks the real book has one
     * for every lesson.
     */
    private static LessonRun withTrace(LessonRun run, Path trace) {
        try {
            if (!Files.isRegularFile(trace)) {
                return run;
            }
            return new LessonRun(run.exitCode(), run.output(), run.elapsed(), run.timedOut(), run.clock(), Files.readString(trace));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trace, e);
        }
    }

    private static LessonRun toRun(RunResult r) {
        LessonRun.RunClock clock = r.clock() == ClockMode.VIRTUAL ? LessonRun.RunClock.VIRTUAL : LessonRun.RunClock.REAL;
        return new LessonRun(r.exitCode(), r.output(), r.elapsed(), r.timedOut(), clock);
    }
}
