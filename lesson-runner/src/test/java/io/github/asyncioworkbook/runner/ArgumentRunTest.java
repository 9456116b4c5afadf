package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lesson that runs more than once with command-line arguments ({@link ArgumentRun}): each run
 * gets its arguments and is matched against its own expected file, the list accepts exactly the
 * expected files a lesson declares, saved runs and CPython references are kept apart per run.
 */
class ArgumentRunTest {

    @TempDir
    Path root;

    /** {@code Echo} prints its arguments; its header asks for runs with {@code -v} and {@code --name x}. */
    private Path echo(String... directives) throws IOException {
        Path dir = Files.createDirectories(root.resolve("chapters/15-debugging"));
        Files.writeString(dir.resolve("index.md"), "---\ntitle: t\n---\n");
        Files.writeString(root.resolve("SUMMARY.md"), "- 15-debugging\n  - Echo\n");
        Files.writeString(dir.resolve("Echo.out"), "args: []\n");
        Files.writeString(dir.resolve("Echo.v.out"), "args: [-v]\n");
        Files.writeString(dir.resolve("Echo.name_x.out"), "args: [--name, x]\n");
        return Files.writeString(dir.resolve("Echo.java"), "//DESCRIPTION Prints its arguments.\n"
                + "// Port of asyncio_echo_args.py (on no PyMOTW-3 page)\n"
                + String.join("\n", directives) + "\n"
                + "void main(String[] args) { IO.println(\"args: \" + java.util.Arrays.toString(args)); }\n");
    }

    private Path echo() throws IOException {
        return echo("// Also run with: -v", "// Also run with: --name x");
    }

    @Test
    void eachRunHasItsArgumentsExpectedFileAndId() throws Exception {
        echo();
        Workbook w = Workbook.load(root);
        assertEquals(1, w.lessons().size(), "the list still names one lesson");
        List<Lesson> runs = w.runs();
        assertEquals(List.of("15-debugging/Echo", "15-debugging/Echo -v", "15-debugging/Echo --name x"),
                runs.stream().map(Lesson::id).toList());
        assertEquals(List.of(List.of(), List.of("-v"), List.of("--name", "x")), runs.stream().map(Lesson::arguments).toList());
        assertEquals(List.of("Echo.out", "Echo.v.out", "Echo.name_x.out"),
                runs.stream().map(l -> l.expected().getFileName().toString()).toList());
        assertEquals(List.of("Echo", "Echo.v", "Echo.name_x"), runs.stream().map(Lesson::runKey).toList());
        assertTrue(runs.stream().allMatch(l -> l.source().equals(runs.getFirst().source())), "one source for all runs");
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "runs a JVM per lesson run, as LessonRunnerTest")
    void everyRunIsStartedWithItsArgumentsAndMatchedAgainstItsOwnFile() throws Exception {
        echo();
        LessonRunner runner = LessonRunner.forWorkbook(Workbook.load(root), RunOptions.defaults(root.resolve("work"))
                .withTimeout(Duration.ofSeconds(20)).withLauncher(Launcher.JAVA));
        assertEquals(3, runner.lessons().size());
        List<RunResult> results = runner.runAll(ClockMode.VIRTUAL);
        assertEquals(List.of("args: []\n", "args: [-v]\n", "args: [--name, x]\n"), results.stream().map(RunResult::output).toList());
        for (RunResult r : results) {
            assertTrue(new Verification(r, r.lesson().expectedOutput().match(r.output())).passed(), r::describe);
        }
        // the -v run's output against the plain run's file is a mismatch: the files are not interchangeable
        assertFalse(runner.lessons().getFirst().expectedOutput().match(results.get(1).output()).matched());
        assertTrue(runner.tracePath(runner.lessons().get(1)).getFileName().toString().equals("Echo.v.trace.json"));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the fake launcher is a sh script")
    void withJbangTheArgumentsFollowTheSourcePath() throws Exception {
        Path source = echo();
        Path fake = root.resolve("jbang");
        Files.writeString(fake, "#!/bin/sh\nfor a in \"$@\"; do echo \"arg: $a\"; done\n");
        assertTrue(fake.toFile().setExecutable(true));
        LessonRunner runner = LessonRunner.forWorkbook(Workbook.load(root), RunOptions.defaults(root.resolve("work"))
                .withLauncher(Launcher.JBANG).withJbang(fake));
        List<String> lines = runner.run(runner.lessons().get(2), ClockMode.VIRTUAL).output().lines().toList();
        assertEquals(List.of("arg: " + source.toAbsolutePath(), "arg: --name", "arg: x"), lines.subList(lines.size() - 3, lines.size()));
        List<String> plain = runner.run(runner.lessons().get(0), ClockMode.VIRTUAL).output().lines().toList();
        assertEquals("arg: " + source.toAbsolutePath(), plain.getLast(), "no arguments for the plain run");
    }

    @Test
    void savedRunsAreKeptPerRun() throws Exception {
        echo();
        List<Lesson> runs = Workbook.load(root).runs();
        VerifiedRuns saved = new VerifiedRuns(root.resolve("runs"), List.of());
        saved.save(new RunResult(runs.get(0), ClockMode.VIRTUAL, 0, "args: []\n", Duration.ofMillis(3), false));
        saved.save(new RunResult(runs.get(1), ClockMode.VIRTUAL, 0, "args: [-v]\n", Duration.ofMillis(3), false));
        assertEquals("args: []\n", saved.load(runs.get(0)).orElseThrow().output());
        assertEquals("args: [-v]\n", saved.load(runs.get(1)).orElseThrow().output());
        assertEquals(Optional.empty(), saved.load(runs.get(2)));
    }

    @Test
    void theListRefusesAnExpectedFileOfNoDeclaredRun() throws Exception {
        echo("// Also run with: -v");  // no --name x run, but Echo.name_x.out exists
        LessonListException e = assertThrows(LessonListException.class, () -> Workbook.load(root));
        assertTrue(e.getMessage().contains("Echo.name_x.out") && e.getMessage().contains("expected output of no listed lesson"), e.getMessage());
    }

    @Test
    void malformedDirectivesAreRefusedWithFileAndLine() throws Exception {
        echo("// Also run with: -v", "// Also run with:");
        LessonListException e = assertThrows(LessonListException.class, () -> Workbook.load(root));
        assertTrue(e.getMessage().contains("Echo.java:4") && e.getMessage().contains("names no arguments"), e.getMessage());

        echo("// Also run with: -v", "// Also run with: --v");
        e = assertThrows(LessonListException.class, () -> Workbook.load(root));
        assertTrue(e.getMessage().contains("Echo.java:4") && e.getMessage().contains("line 3"), e.getMessage());

        echo("// Also run with: -v", "// Also run with: --name x", "// Also run with: ../up");
        e = assertThrows(LessonListException.class, () -> Workbook.load(root));
        assertTrue(e.getMessage().contains("Echo.java:5") && e.getMessage().contains("cannot name an expected file"), e.getMessage());
    }

    @Test
    void theCPythonReferenceOfARunWithArgumentsIsScriptUnderscoreLabel() throws Exception {
        echo();
        Path reference = Files.createDirectories(root.resolve("cpython"));
        Files.writeString(reference.resolve("asyncio_echo_args.txt"), "args: []\n");
        Files.writeString(reference.resolve("asyncio_echo_args_v.txt"), "args: [-v]\n");
        CPythonComparison comparison = new CPythonComparison(reference);
        List<Lesson> runs = Workbook.load(root).runs();
        assertTrue(comparison.compare(runs.get(0)).orElseThrow().matched());
        assertTrue(comparison.compare(runs.get(1)).orElseThrow().matched());
        assertEquals(Optional.empty(), comparison.compare(runs.get(2)), "no asyncio_echo_args_name_x.txt");
    }
}
