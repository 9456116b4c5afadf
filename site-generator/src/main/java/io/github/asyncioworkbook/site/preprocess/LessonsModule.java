package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.runner.ClockMode;
import io.github.asyncioworkbook.runner.ExpectedOutputException;
import io.github.asyncioworkbook.runner.LessonCompilationException;
import io.github.asyncioworkbook.runner.LessonListException;
import io.github.asyncioworkbook.runner.LessonPair;
import io.github.asyncioworkbook.runner.LessonRunner;
import io.github.asyncioworkbook.runner.MatchResult;
import io.github.asyncioworkbook.runner.OutputMatcher;
import io.github.asyncioworkbook.runner.PairRun;
import io.github.asyncioworkbook.runner.RunOptions;
import io.github.asyncioworkbook.runner.RunResult;
import io.github.asyncioworkbook.runner.VerifiedPairs;
import io.github.asyncioworkbook.runner.VerifiedRuns;
import io.github.asyncioworkbook.runner.Workbook;
import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRerun;
import io.github.asyncioworkbook.site.LessonRun;
import io.github.asyncioworkbook.site.PairRuns;
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
 *
 * <p>A server and its client ({@link LessonPair}, from the book's lesson list) are never run alone:
 * their verified pair run is shown ({@link VerifiedPairs}), or they are run together as in two
 * terminals ({@link PairRun}); both sides' {@link LessonRun}s then carry the pair's
 * {@link PairRuns}, and {@link #verifier()} checks every output of it.
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
            return run(book, lessons.stream().map(LessonsModule::toTheirs).toList());
        }

        /** Runs the run of {@code rerun}: the lesson with that run's expected file, hence its arguments. */
        @Override
        public LessonRun runWithArguments(io.github.asyncioworkbook.site.Book book, Lesson lesson, LessonRerun rerun)
                throws SiteException {
            io.github.asyncioworkbook.runner.Lesson plain = toTheirs(lesson);
            return run(book, List.of(new io.github.asyncioworkbook.runner.Lesson(plain.chapter(), plain.name(), plain.source(),
                    rerun.expected()))).getFirst();
        }

        /** Shows saved runs where still valid, runs the others. */
        private List<LessonRun> run(Book book, List<io.github.asyncioworkbook.runner.Lesson> theirs) throws SiteException {
            RunOptions options = RunOptions.fromSystemProperties(workDir);
            VerifiedRuns saved = verifiedRuns == null ? null : new VerifiedRuns(verifiedRuns, options.classpath());
            LessonRun[] runs = new LessonRun[theirs.size()];
            List<io.github.asyncioworkbook.runner.Lesson> pending = new ArrayList<>();
            List<LessonPair> pairs = pairs(book);
            runPairs(pairs, theirs, runs, options, saved);
            for (int i = 0; i < theirs.size(); i++) {
                if (runs[i] != null) {
                    continue;
                }
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

    /**
     * {@return a verifier using lesson-runner's matching rules (placeholders, unordered blocks); for
     * a side of a pair, every output of the pair run against that side's file, with the run's port
     * and the rule for TCP reads ({@link PairRun#match})}
     */
    public static OutputVerifier verifier() {
        return new OutputVerifier() {
            @Override
            public Optional<String> verify(Lesson lesson, String actual) throws SiteException {
                try {
                    OutputMatcher matcher = OutputMatcher.parse(lesson.expected().toString(), lesson.expectedText());
                    MatchResult result = matcher.match(lesson.name() + ".java (live output)", actual);
                    return result instanceof MatchResult.Mismatched m ? Optional.of(m.report()) : Optional.empty();
                } catch (ExpectedOutputException e) {
                    throw new SiteException(e.getMessage(), e);
                }
            }

            @Override
            public Optional<String> verify(Lesson lesson, LessonRun run) throws SiteException {
                PairRuns pair = run.pair();
                if (pair == null) {
                    return verify(lesson, run.output());
                }
                List<String> outputs = pair.server() ? List.of(pair.serverOutput()) : pair.clientOutputs();
                try {
                    for (String output : outputs) {
                        if (PairRun.match(toTheirs(lesson), pair.port(), output) instanceof MatchResult.Mismatched m) {
                            return Optional.of(m.report());
                        }
                    }
                    return Optional.empty();
                } catch (ExpectedOutputException e) {
                    throw new SiteException(e.getMessage(), e);
                }
            }
        };
    }

    /** The book's server/client pairs, from its lesson list (none if the list cannot be read here). */
    private static List<LessonPair> pairs(Book book) {
        try {
            Path lessonsDir = book.chaptersDir().toAbsolutePath().getParent();
            return lessonsDir == null || !Files.isRegularFile(lessonsDir.resolve(Workbook.LIST)) ? List.of()
                    : Workbook.load(lessonsDir).pairs();
        } catch (LessonListException e) {
            return List.of();
        }
    }

    /**
     * Fills in the runs of both sides of every pair among {@code theirs}: the verified run when saved,
     * else a new pair run.
     */
    private static void runPairs(List<LessonPair> pairs, List<io.github.asyncioworkbook.runner.Lesson> theirs, LessonRun[] runs,
            RunOptions options, VerifiedRuns saved) throws SiteException {
        VerifiedPairs savedPairs = saved == null ? null : new VerifiedPairs(saved);
        for (LessonPair pair : pairs) {
            int server = indexOf(theirs, pair.server());
            int client = indexOf(theirs, pair.client());
            if (server < 0 || client < 0) {
                continue;
            }
            Optional<PairRun.Result> earlier = savedPairs == null ? Optional.empty() : savedPairs.load(pair);
            PairRun.Result result;
            LessonRunner runner = null;
            if (earlier.isPresent()) {
                result = earlier.get();
            } else {
                runner = new LessonRunner(List.of(pair.server(), pair.client()), options);
                try {
                    result = PairRun.run(runner, pair, ClockMode.VIRTUAL);
                } catch (LessonCompilationException e) {
                    throw new SiteException(e.getMessage(), e);
                }
                if (result.problem().isPresent()) {
                    throw new SiteException(PairRun.report(result));
                }
            }
            boolean reused = earlier.isPresent();
            LessonRun.RunClock clock = result.server().clock() == ClockMode.VIRTUAL ? LessonRun.RunClock.VIRTUAL : LessonRun.RunClock.REAL;
            List<String> clientOutputs = result.clients().stream().map(RunResult::output).toList();
            PairRuns view = new PairRuns(result.port(), true, pair.server().name(), pair.client().name(),
                    result.server().output(), result.server().exitCode(), result.interruptedAt(), clientOutputs);
            RunResult lastClient = result.clients().getLast();
            runs[server] = withTrace(new LessonRun(0, result.server().output(), result.server().elapsed(), false, clock, reused, null, view),
                    trace(pair.server(), savedPairs, runner));
            runs[client] = withTrace(new LessonRun(0, lastClient.output(), lastClient.elapsed(), false, clock, reused, null, view.otherSide()),
                    trace(pair.client(), savedPairs, runner));
        }
    }

    private static Path trace(io.github.asyncioworkbook.runner.Lesson side, VerifiedPairs saved, LessonRunner runner) {
        if (runner != null) {
            return runner.tracePath(side);
        }
        return saved.traceFile(side).orElse(null);
    }

    private static int indexOf(List<io.github.asyncioworkbook.runner.Lesson> theirs, io.github.asyncioworkbook.runner.Lesson lesson) {
        for (int i = 0; i < theirs.size(); i++) {
            if (theirs.get(i).id().equals(lesson.id())) {
                return i;
            }
        }
        return -1;
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
            return trace != null && Files.isRegularFile(trace) ? run.withTrace(Files.readString(trace)) : run;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + trace, e);
        }
    }

    private static LessonRun toRun(RunResult r, boolean reused) {
        LessonRun.RunClock clock = r.clock() == ClockMode.VIRTUAL ? LessonRun.RunClock.VIRTUAL : LessonRun.RunClock.REAL;
        return new LessonRun(r.exitCode(), r.output(), r.elapsed(), r.timedOut(), clock, reused, null);
    }
}
