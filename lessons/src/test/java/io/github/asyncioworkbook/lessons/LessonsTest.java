package io.github.asyncioworkbook.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every lesson under {@code chapters/} (relative to the module directory) and checks its
 * output against the {@code .out} file beside it, one dynamic test per lesson.
 *
 * <p>System properties: {@code lessons.launcher=java|jbang}, {@code lessons.timeout} (seconds),
 * {@code lessons.parallelism}, {@code lessons.jbang} (launcher path),
 * {@code lessons.clock=virtual|real} (default virtual, as the {@code .out} files are made under
 * it), {@code lessons.overwrite=true} (authors only: rewrite non-matching {@code .out} files from
 * actual output; refused when {@code CI=true}). See {@code MATCHING.md}.
 */
class LessonsTest {

    static final Path CHAPTERS = Path.of(System.getProperty("lessons.chapters", "chapters"));
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
        LessonRunner runner = LessonRunner.forChapters(CHAPTERS, RunOptions.fromSystemProperties(WORK));
        launcher = runner.options().launcher().name().toLowerCase(Locale.ROOT);
        List<Lesson> lessons = runner.lessons();
        if (lessons.isEmpty()) {
            System.out.println("[lessons] no lessons under " + CHAPTERS.toAbsolutePath() + " yet");
            return Stream.empty();
        }
        List<CompletableFuture<RunResult>> runs = runner.startAll(clock);
        return IntStream.range(0, lessons.size()).mapToObj(i -> {
            Lesson lesson = lessons.get(i);
            return DynamicTest.dynamicTest(lesson.id(), lesson.source().toUri(),
                    () -> check(lesson, runs.get(i), overwrite));
        });
    }

    private static void check(Lesson lesson, CompletableFuture<RunResult> pending, boolean overwrite) throws Throwable {
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

    @Test
    void everyExpectedFileBelongsToALesson() throws IOException {
        if (!Files.isDirectory(CHAPTERS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(CHAPTERS)) {
            List<Path> orphans = files.filter(p -> p.getFileName().toString().endsWith(".out"))
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !Files.exists(p.resolveSibling(name.substring(0, name.length() - 4) + ".java"));
                    })
                    .sorted().toList();
            assertEquals(List.of(), orphans, ".out files without a lesson beside them");
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
