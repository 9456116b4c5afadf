package io.github.asyncioworkbook.lessons;

import io.github.asyncioworkbook.runner.ClockMode;
import io.github.asyncioworkbook.runner.ExpectedOutputOverwrite;
import io.github.asyncioworkbook.runner.Lesson;
import io.github.asyncioworkbook.runner.LessonPair;
import io.github.asyncioworkbook.runner.LessonRunner;
import io.github.asyncioworkbook.runner.PairRun;
import io.github.asyncioworkbook.runner.RunOptions;
import io.github.asyncioworkbook.runner.RunResult;
import io.github.asyncioworkbook.runner.Verification;
import io.github.asyncioworkbook.runner.VerifiedPairs;
import io.github.asyncioworkbook.runner.VerifiedRuns;
import io.github.asyncioworkbook.runner.Workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every lesson of the lesson list ({@code SUMMARY.md}, relative to the module directory) once,
 * and once more for each run with arguments its header declares ({@code // Also run with: -v}),
 * and checks each run's output against its own expected file ({@code Name.out}, {@code Name.v.out}),
 * one dynamic test per run. Each
 * run that passes is saved ({@code lessons.verifiedRuns}, see {@link VerifiedRuns}) for the site,
 * which shows it instead of running the lesson again. A server and its client ({@link LessonPair}) are
 * one dynamic test: they run together as in two terminals ({@link PairRun}), the client twice, and
 * both outputs are checked; the run is saved with {@link VerifiedPairs}.
 *
 * <p>System properties: {@code lessons.launcher=java|jbang}, {@code lessons.timeout} (seconds),
 * {@code lessons.parallelism}, {@code lessons.jbang} (launcher path),
 * {@code lessons.clock=virtual|real} (default virtual, as the {@code .out} files are made under
 * it), {@code lessons.overwrite=true} (authors only: rewrite non-matching {@code .out} files from
 * actual output; refused when {@code CI=true}). See {@code lesson-runner/MATCHING.md}.
 */
class LessonsTest {

    static final Path LESSONS = Path.of(System.getProperty("lessons.dir", "."));
    static final Path WORK = Path.of(System.getProperty("lessons.workDir", "target/lesson-runs"));

    private static final AtomicInteger passed = new AtomicInteger();
    private static final AtomicInteger failed = new AtomicInteger();
    private static volatile long startNanos;
    private static volatile String launcher = "";

    @TestFactory
    Stream<DynamicTest> everyLessonPrintsItsExpectedOutput() {
        boolean overwrite = ExpectedOutputOverwrite.requested();
        ClockMode clock = ClockMode.parse(System.getProperty("lessons.clock", "virtual"));
        startNanos = System.nanoTime();
        Workbook workbook = Workbook.load(LESSONS);
        LessonRunner runner = LessonRunner.forWorkbook(workbook, RunOptions.fromSystemProperties(WORK));
        String saveTo = System.getProperty("lessons.verifiedRuns", "");
        VerifiedRuns saved = saveTo.isBlank() ? null : new VerifiedRuns(Path.of(saveTo), runner.options().classpath());
        launcher = runner.options().launcher().name().toLowerCase(Locale.ROOT);
        List<Lesson> lessons = workbook.soloLessons();
        List<LessonPair> pairs = workbook.pairs();
        if (lessons.isEmpty() && pairs.isEmpty()) {
            System.out.println("[lessons] no lessons listed in " + LESSONS.toAbsolutePath().resolve(Workbook.LIST) + " yet");
            return Stream.empty();
        }
        // Pairs run one after another (beside the other lessons): -Dlessons.pairPort gives them all one port.
        List<CompletableFuture<PairRun.Result>> pairRuns = pairs.stream().map(pair -> new CompletableFuture<PairRun.Result>()).toList();
        Thread.ofVirtual().name("pair-runs").start(() -> {
            for (int i = 0; i < pairs.size(); i++) {
                try {
                    pairRuns.get(i).complete(PairRun.run(runner, pairs.get(i), clock));
                } catch (RuntimeException | Error e) {
                    pairRuns.get(i).completeExceptionally(e);
                }
            }
        });
        List<CompletableFuture<RunResult>> runs = runner.start(lessons, clock);
        Stream<DynamicTest> solo = IntStream.range(0, lessons.size()).mapToObj(i -> {
            Lesson lesson = lessons.get(i);
            return DynamicTest.dynamicTest(lesson.id(), lesson.source().toUri(),
                    () -> check(lesson, runs.get(i), overwrite, saved, runner.tracePath(lesson)));
        });
        Stream<DynamicTest> paired = IntStream.range(0, pairs.size()).mapToObj(i -> {
            LessonPair pair = pairs.get(i);
            return DynamicTest.dynamicTest(pair.id(), pair.server().source().toUri(),
                    () -> checkPair(pairRuns.get(i), saved == null ? null : new VerifiedPairs(saved), runner));
        });
        return Stream.concat(solo, paired);
    }

    private static void checkPair(CompletableFuture<PairRun.Result> pending, VerifiedPairs saved, LessonRunner runner)
            throws Throwable {
        boolean ok = false;
        try {
            PairRun.Result result;
            try {
                result = pending.join();
            } catch (CompletionException e) {
                throw e.getCause() == null ? e : e.getCause();
            }
            String report = PairRun.report(result);
            if (!report.isEmpty()) {
                fail(report);
            }
            System.out.println(String.format(Locale.ROOT, "[lessons] pair %s on port %d: server ran %.2f s, client runs %s",
                    result.pair().id(), result.port(), result.server().elapsed().toNanos() / 1e9,
                    result.clients().stream().map(c -> String.format(Locale.ROOT, "%.2f s", c.elapsed().toNanos() / 1e9)).toList()));
            if (saved != null) {
                saved.save(result, runner);
            }
            ok = true;
        } finally {
            // a pair is two lessons
            (ok ? passed : failed).addAndGet(2);
        }
    }

    private static void check(Lesson lesson, CompletableFuture<RunResult> pending, boolean overwrite, VerifiedRuns saved,
            Path trace) throws Throwable {
        boolean ok = false;
        try {
            RunResult run = await(pending);
            if (overwrite && run.succeeded()) {
                ExpectedOutputOverwrite.apply(run).ifPresent(f -> System.out.println("[lessons] rewrote " + f));
            }
            Verification verification = new Verification(run, lesson.expectedOutput()
                    .match(lesson.id() + " (actual output)", run.output()));
            if (!verification.passed()) {
                fail(verification.report());
            }
            if (saved != null) {
                saved.save(run, trace);
            }
            ok = true;
        } finally {
            (ok ? passed : failed).incrementAndGet();
        }
    }

    private static RunResult await(CompletableFuture<RunResult> pending) throws Throwable {
        try {
            return pending.join();
        } catch (CompletionException e) {
            throw e.getCause() == null ? e : e.getCause();
        }
    }

    @AfterAll
    static void printTiming() {
        int total = passed.get() + failed.get();
        if (total == 0) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.println(String.format(Locale.ROOT, "[lessons] verified %d lessons through %s in %.1f s wall (%d passed, %d failed)",
                total, launcher, seconds, passed.get(), failed.get()));
    }
}
