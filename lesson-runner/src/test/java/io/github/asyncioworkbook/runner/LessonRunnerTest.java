package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the lesson machinery on fixture lessons that need no loop-core
 * ({@code src/test/resources/fixtures/chapters}): a passing lesson, an exception, a non-zero exit,
 * a hang, and drifted output must each be told apart, so a lesson test can really fail.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "fixtures use sleep(1) and a sh script")
class LessonRunnerTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/chapters");
    static final Path FIXTURE_BOOK = FIXTURES.getParent();
    static final Duration SHORT_TIMEOUT = Duration.ofSeconds(3);

    static LessonRunner runner;
    static List<RunResult> results;
    static Duration wall;

    @BeforeAll
    static void runAllFixturesOnce(@TempDir Path work) {
        runner = LessonRunner.forWorkbook(Workbook.load(FIXTURE_BOOK), RunOptions.defaults(work)
                .withTimeout(SHORT_TIMEOUT).withParallelism(2).withLauncher(Launcher.JAVA));
        runner.compile();
        long start = System.nanoTime();
        results = runner.runAll(ClockMode.VIRTUAL);
        wall = Duration.ofNanos(System.nanoTime() - start);
    }

    static RunResult result(String name) {
        return results.stream().filter(r -> r.lesson().name().equals(name)).findFirst().orElseThrow();
    }

    static Lesson lesson(String name) {
        return result(name).lesson();
    }

    @Test
    void takesTheListedLessonsInListOrderWithTheirExpectedFilesBeside() {
        List<String> ids = runner.lessons().stream().map(Lesson::id).toList();
        assertEquals(List.of("01-fixtures/Drifted", "01-fixtures/ExitsThree", "01-fixtures/Hangs",
                "01-fixtures/PrintsLines", "01-fixtures/Throws"), ids);
        Lesson printer = lesson("PrintsLines");
        assertEquals(FIXTURES.resolve("01-fixtures/PrintsLines.java"), printer.source());
        assertEquals(FIXTURES.resolve("01-fixtures/PrintsLines.out"), printer.expected());
    }

    @Test
    void resultsComeBackInLessonOrderDespiteParallelRuns() {
        assertEquals(runner.lessons(), results.stream().map(RunResult::lesson).toList());
        assertTrue(results.stream().allMatch(r -> r.clock() == ClockMode.VIRTUAL));
    }

    @Test
    void aGoodLessonPassesWithStderrMergedAndTheVirtualClockSelected() {
        RunResult run = result("PrintsLines");
        assertTrue(run.succeeded(), run::describe);
        assertEquals(0, run.exitCode());
        assertTrue(run.output().contains("first line\na line on stderr\n"), run.output());
        assertTrue(run.output().contains("clock: virtual / virtual"), run.output());
        assertTrue(run.output().contains("事件循环 ✓"), run.output());
        Verification v = new Verification(run, lesson("PrintsLines").expectedOutput().match(run.output()));
        assertTrue(v.passed(), v::report);
        assertEquals("", v.report());
    }

    @Test
    void theRealClockIsPassedToo() {
        RunResult run = runner.run(lesson("PrintsLines"), ClockMode.REAL);
        assertTrue(run.output().contains("clock: real / real"), run.output());
        Verification v = new Verification(run, lesson("PrintsLines").expectedOutput().match(run.output()));
        assertFalse(v.passed(), "the .out was made under the virtual clock");
        assertTrue(v.report().contains("+clock: real / real"), v.report());
    }

    @Test
    void anUncaughtExceptionFailsWithEverythingItPrinted() {
        RunResult run = result("Throws");
        assertFalse(run.succeeded());
        assertEquals(1, run.exitCode());
        assertFalse(run.timedOut());
        assertTrue(run.output().contains("before the exception"), run.output());
        assertTrue(run.output().contains("java.lang.IllegalStateException: boom from a fixture"), run.output());
        String report = new Verification(run, lesson("Throws").expectedOutput().match(run.output())).report();
        assertTrue(report.startsWith("lesson 01-fixtures/Throws [virtual clock] exited with code 1"), report);
        assertTrue(report.contains("boom from a fixture"), report);
    }

    @Test
    void aNonZeroExitFailsEvenWhenTheOutputMatches() {
        RunResult run = result("ExitsThree");
        assertEquals(3, run.exitCode());
        MatchResult match = lesson("ExitsThree").expectedOutput().match(run.output());
        assertTrue(match.matched());
        Verification v = new Verification(run, match);
        assertFalse(v.passed());
        assertTrue(v.report().contains("01-fixtures/ExitsThree") && v.report().contains("code 3"), v.report());
        assertTrue(v.report().contains("leaving with status 3"), v.report());
    }

    @Test
    void aHangingLessonIsKilledWithItsChildrenAndReportsWhatItPrinted() throws Exception {
        RunResult run = result("Hangs");
        assertTrue(run.timedOut(), run::describe);
        assertFalse(run.succeeded());
        assertTrue(run.elapsed().compareTo(SHORT_TIMEOUT) >= 0, run.elapsed()::toString);
        assertTrue(run.elapsed().compareTo(SHORT_TIMEOUT.plusSeconds(5)) < 0, run.elapsed()::toString);
        assertTrue(run.output().contains("hanging now"), run.output());
        assertTrue(run.describe().contains("timed out after"), run.describe());
        Matcher pid = Pattern.compile("child pid (\\d+)").matcher(run.output());
        assertTrue(pid.find(), run.output());
        long childPid = Long.parseLong(pid.group(1));
        for (int i = 0; i < 50 && ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(childPid).map(ProcessHandle::isAlive).orElse(false),
                "the lesson's child process " + childPid + " survived the kill");
    }

    @Test
    void driftedOutputIsRejectedWithADiff() {
        RunResult run = result("Drifted");
        assertTrue(run.succeeded(), run::describe);
        Verification v = runner.verify(lesson("Drifted"), ClockMode.VIRTUAL);
        assertFalse(v.passed());
        String report = v.report();
        assertTrue(report.startsWith("lesson 01-fixtures/Drifted: output does not match"), report);
        assertTrue(report.contains("--- " + FIXTURES.resolve("01-fixtures/Drifted.out") + " (expected)"), report);
        assertTrue(report.contains("+++ 01-fixtures/Drifted (actual output)"), report);
        assertTrue(report.contains("-phase 3 finished\n+phase 3 done\n"), report);
        assertTrue(report.contains("@@ -1,5 +1,5 @@"), report);
    }

    @Test
    void parallelRunsOverlap() {
        Duration sum = results.stream().map(RunResult::elapsed).reduce(Duration.ZERO, Duration::plus);
        assertTrue(wall.compareTo(sum) < 0, () -> "wall " + wall + " vs sum " + sum);
    }

    @Test
    void missingOrEmptyExpectedOutputIsAnErrorNotAPass(@TempDir Path root) throws Exception {
        Path chapter = Files.createDirectories(root.resolve("01-x"));
        Files.writeString(chapter.resolve("NoOut.java"), "void main() { IO.println(\"hi\"); }\n");
        Files.writeString(chapter.resolve("BlankOut.java"), "void main() { IO.println(\"hi\"); }\n");
        Files.writeString(chapter.resolve("BlankOut.out"), "\n");
        LessonRunner r = new LessonRunner(List.of(lesson(chapter, "NoOut"), lesson(chapter, "BlankOut")),
                RunOptions.defaults(root.resolve("work")));
        for (Lesson l : r.lessons()) {
            ExpectedOutputException e = assertThrows(ExpectedOutputException.class, () -> r.verify(l, ClockMode.VIRTUAL));
            assertTrue(e.getMessage().startsWith(l.expected().toString()), e.getMessage());
        }
    }

    @Test
    void compileErrorsAreReportedWithFileAndLine(@TempDir Path root) throws Exception {
        Path chapter = Files.createDirectories(root.resolve("01-x"));
        Files.writeString(chapter.resolve("Fine.java"), "void main() { IO.println(\"ok\"); }\n");
        Files.writeString(chapter.resolve("Broken.java"), "void main() {\n    IO.println(\"a\");\n    int x = \"no\";\n}\n");
        LessonRunner r = new LessonRunner(List.of(lesson(chapter, "Fine"), lesson(chapter, "Broken")),
                RunOptions.defaults(root.resolve("work")));
        LessonCompilationException e = assertThrows(LessonCompilationException.class, r::compile);
        assertEquals(1, e.errors().size(), e.getMessage());
        assertTrue(e.errors().getFirst().startsWith(chapter.resolve("Broken.java") + ":3: error: "), e.getMessage());
        Lesson fine = r.lessons().stream().filter(l -> l.name().equals("Fine")).findFirst().orElseThrow();
        assertInstanceOf(LessonCompilationException.class,
                assertThrows(LessonCompilationException.class, () -> r.run(fine, ClockMode.VIRTUAL)));
    }

    static Lesson lesson(Path chapter, String name) {
        return new Lesson(chapter.getFileName().toString(), name, chapter.resolve(name + ".java"), chapter.resolve(name + ".out"));
    }

    @Test
    void jbangModeRunsTheLauncherScriptWithTheClockAndTheSourcePath(@TempDir Path root) throws Exception {
        Path chapter = Files.createDirectories(root.resolve("chapters/01-x"));
        Path source = Files.writeString(chapter.resolve("ViaJbang.java"), "void main() {}\n");
        Path fake = root.resolve("jbang");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\necho \"env: $LOOPCORE_CLOCK\"\n");
        assertTrue(fake.toFile().setExecutable(true));
        LessonRunner r = new LessonRunner(List.of(lesson(chapter, "ViaJbang")),
                RunOptions.defaults(root.resolve("work")).withLauncher(Launcher.JBANG));
        RunResult run = r.run(r.lessons().getFirst(), ClockMode.VIRTUAL);
        assertTrue(run.succeeded(), run::describe);
        List<String> lines = run.output().lines().toList();
        assertEquals("arg: --quiet", lines.getFirst(), run.output());
        assertTrue(lines.contains("arg: -Dloopcore.clock=virtual"), run.output());
        assertEquals("arg: " + source.toAbsolutePath(), lines.get(lines.size() - 2), run.output());
        assertEquals("env: virtual", lines.getLast(), run.output());
    }

    @Test
    void optionsComeFromSystemProperties(@TempDir Path work) {
        // The build may itself run with these properties (CI passes -Dlessons.launcher=jbang):
        // put back what was there, so that LessonsTest still sees it.
        java.util.Map<String, String> saved = new java.util.HashMap<>();
        for (String key : List.of(RunOptions.LAUNCHER_PROPERTY, RunOptions.TIMEOUT_PROPERTY, RunOptions.PARALLELISM_PROPERTY)) {
            saved.put(key, System.getProperty(key));
        }
        try {
            System.setProperty(RunOptions.LAUNCHER_PROPERTY, "jbang");
            System.setProperty(RunOptions.TIMEOUT_PROPERTY, "1.5");
            System.setProperty(RunOptions.PARALLELISM_PROPERTY, "3");
            RunOptions o = RunOptions.fromSystemProperties(work);
            assertEquals(Launcher.JBANG, o.launcher());
            assertEquals(Duration.ofMillis(1500), o.timeout());
            assertEquals(3, o.parallelism());
            System.setProperty(RunOptions.LAUNCHER_PROPERTY, "gradle");
            assertThrows(IllegalArgumentException.class, () -> RunOptions.fromSystemProperties(work));
        } finally {
            saved.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
        RunOptions d = RunOptions.defaults(work);
        assertEquals(Launcher.JAVA, d.launcher());
        assertEquals(Duration.ofSeconds(20), d.timeout());
    }

    @Test
    void overwriteRewritesOnlyMismatchingOrMissingFilesOfSuccessfulRuns(@TempDir Path root) throws Exception {
        Path chapter = Files.createDirectories(root.resolve("01-x"));
        Path out = chapter.resolve("Author.out");
        Lesson lesson = new Lesson("01-x", "Author", chapter.resolve("Author.java"), out);
        RunResult ok = new RunResult(lesson, ClockMode.VIRTUAL, 0, "a\r\nb 7\n", Duration.ZERO, false);

        assertEquals(out, ExpectedOutputOverwrite.apply(ok).orElseThrow());
        assertEquals("a\nb 7\n", Files.readString(out));

        Files.writeString(out, "a\nb {{int}}\n");
        assertTrue(ExpectedOutputOverwrite.apply(ok).isEmpty(), "a matching file keeps its placeholders");
        assertEquals("a\nb {{int}}\n", Files.readString(out));

        RunResult failed = new RunResult(lesson, ClockMode.VIRTUAL, 1, "oops\n", Duration.ZERO, false);
        assertTrue(ExpectedOutputOverwrite.apply(failed).isEmpty());
        assertEquals("a\nb {{int}}\n", Files.readString(out));

        Files.writeString(out, "a {{nope}}\n");
        assertThrows(ExpectedOutputException.class, () -> ExpectedOutputOverwrite.apply(ok));
    }
}
