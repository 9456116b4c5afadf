package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.runner.ClockMode;
import io.github.asyncioworkbook.runner.ExpectedOutputException;
import io.github.asyncioworkbook.runner.LessonCompilationException;
import io.github.asyncioworkbook.runner.LessonRunner;
import io.github.asyncioworkbook.runner.MatchResult;
import io.github.asyncioworkbook.runner.OutputMatcher;
import io.github.asyncioworkbook.runner.RunOptions;
import io.github.asyncioworkbook.runner.RunResult;
import io.github.asyncioworkbook.runner.VerifiedRuns;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRerun;
import io.github.asyncioworkbook.site.LessonRun;
import io.github.asyncioworkbook.site.SiteException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Adapts lesson-runner ({@code io.github.asyncioworkbook.runner}) to the preprocess
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
        return executor(workDir, null);
    }

    /**
     * {@return an executor that shows the runs the lessons' tests verified earlier in the build
     * where they are still valid ({@link VerifiedRuns}), and runs only the other lessons, as
     * {@link #executor(Path)} does; a run with arguments ({@link LessonRerun}) is run, or taken
     * from the saved runs, the same way}
     *
     * @param workDir a folder the runner may own (compiled classes go there)
     * @param verifiedRuns where the lessons' tests saved their runs, or {@code null} to run every lesson
     */
    public static LessonExecutor executor(Path workDir, Path verifiedRuns) {
        return new Executor(workDir, verifiedRuns);
    }

    /** The executor of {@link #executor(Path, Path)}: runs without and with arguments. */
    private static final class Executor implements LessonExecutor {
        private final Path workDir;
        private final Path verifiedRuns;

        Executor(Path workDir, Path verifiedRuns) {
            this.workDir = workDir;
            this.verifiedRuns = verifiedRuns;
        }

        @Override
        public List<LessonRun> runAll(io.github.asyncioworkbook.site.Book book, List<Lesson> lessons) throws SiteException {
            return run(lessons.stream().map(LessonsModule::toTheirs).toList());
        }

        /** Runs the run of {@code rerun}: the lesson with that run's expected file, hence its arguments. */
        @Override
        public LessonRun runWithArguments(io.github.asyncioworkbook.site.Book book, Lesson lesson, LessonRerun rerun)
                throws SiteException {
            io.github.asyncioworkbook.runner.Lesson plain = toTheirs(lesson);
            return run(List.of(new io.github.asyncioworkbook.runner.Lesson(plain.chapter(), plain.name(), plain.source(),
                    rerun.expected()))).getFirst();
        }

        /** Shows saved runs where still valid, runs the others. */
        private List<LessonRun> run(List<io.github.asyncioworkbook.runner.Lesson> theirs) throws SiteException {
            RunOptions options = RunOptions.fromSystemProperties(workDir);
            VerifiedRuns saved = verifiedRuns == null ? null : new VerifiedRuns(verifiedRuns, options.classpath());
            LessonRun[] runs = new LessonRun[theirs.size()];
            List<io.github.asyncioworkbook.runner.Lesson> pending = new ArrayList<>();
            for (int i = 0; i < theirs.size(); i++) {
                Optional<RunResult> earlier = saved == null ? Optional.empty() : saved.load(theirs.get(i));
                if (earlier.isPresent()) {
                    runs[i] = withTrace(toRun(earlier.get(), true), saved.traceFile(theirs.get(i)));
                } else {
                    pending.add(theirs.get(i));
                }
            }
            if (!pending.isEmpty()) {
                LessonRunner runner = new LessonRunner(pending, options);
                try {
                    List<RunResult> results = runner.runAll(ClockMode.VIRTUAL);
                    for (int i = 0, k = 0; i < runs.length; i++) {
                        if (runs[i] == null) {
                            RunResult result = results.get(k++);
                            runs[i] = withTrace(toRun(result, false), runner.tracePath(result.lesson()));
                        }
                    }
                } catch (LessonCompilationException e) {
                    throw new SiteException(e.getMessage(), e);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw new SiteException("cannot run lessons: " + e.getMessage(), e);
                }
            }
            return List.of(runs);
        }
    }

    /** {@return a verifier using lesson-runner's matching rules (placeholders, unordered blocks)} */
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

    private static io.github.asyncioworkbook.runner.Lesson toTheirs(Lesson lesson) {
        Path source = lesson.source();
        String chapter = source.toAbsolutePath().getParent().getFileName().toString();
        return new io.github.asyncioworkbook.runner.Lesson(chapter, lesson.name(), source, lesson.expected());
    }

    /**
     * The run with the trace it left, if any: a lesson that makes no event loop (or runs against a
     * loop-core older than tracing) leaves none and gets no timeline. TimelineIT checks the real
     * book has one for every lesson.
     */
    private static LessonRun withTrace(LessonRun run, Path trace) {
        try {
            return Files.isRegularFile(trace) ? run.withTrace(Files.readString(trace)) : run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trace, e);
        }
    }

    private static LessonRun toRun(RunResult r, boolean reused) {
        LessonRun.RunClock clock = r.clock() == ClockMode.VIRTUAL ? LessonRun.RunClock.VIRTUAL : LessonRun.RunClock.REAL;
        return new LessonRun(r.exitCode(), r.output(), r.elapsed(), r.timedOut(), clock, reused, null);
    }
}
