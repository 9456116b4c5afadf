package io.github.asyncioworkbook.lessons;

import io.github.asyncioworkbook.runner.CPythonComparison;
import io.github.asyncioworkbook.runner.Lesson;
import io.github.asyncioworkbook.runner.MatchResult;
import io.github.asyncioworkbook.runner.OutputMatcher;
import io.github.asyncioworkbook.runner.Workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every expected file against CPython 3.11's output of the original script, under the rules of
 * {@link CPythonComparison}. The reference outputs live outside the repository (in the project's
 * shared reference material, {@code shared/reference/cpython-3.11-outputs} beside the checkout
 * or a folder above it, or {@code -Dcpython.outputs=<dir>}); without them these tests are skipped,
 * with a message.
 */
class FaithfulnessTest {

    static Optional<Path> referenceDir() {
        String configured = System.getProperty("cpython.outputs");
        if (configured != null) {
            return Files.isDirectory(Path.of(configured)) ? Optional.of(Path.of(configured)) : Optional.empty();
        }
        // shared/reference/... beside the checkout or any folder above it (worktrees sit deeper)
        for (Path dir = Path.of("").toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/cpython-3.11-outputs");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @TestFactory
    Stream<DynamicTest> everyExpectedFileIsFaithfulToCPython() {
        Optional<Path> dir = referenceDir();
        Assumptions.assumeTrue(dir.isPresent(),
                "CPython reference outputs not found (shared/reference/cpython-3.11-outputs above the checkout, or -Dcpython.outputs)");
        CPythonComparison comparison = new CPythonComparison(dir.get());
        Workbook workbook = Workbook.load(LessonsTest.LESSONS);
        List<Lesson> lessons = workbook.runs();  // each run with arguments has its own reference
        return lessons.stream().map(lesson -> DynamicTest.dynamicTest(lesson.id(), lesson.source().toUri(), () -> {
            Optional<MatchResult> result = comparison.compare(lesson, workbook.pairOf(lesson).isPresent());
            if (result.isEmpty()) {
                fail("no CPython output for " + lesson.id() + " (looked for "
                        + lesson.header().scriptStem() + ".txt in " + dir.get() + ", the script its header names)");
            }
            if (result.get() instanceof MatchResult.Mismatched m) {
                fail("expected output differs from CPython 3.11 beyond names and chance:\n" + m.report());
            }
        }));
    }

    @Test
    void pythonNamesBecomeJavaNames() {
        assertEquals("in taskFunc\n<Task pending name='Task-2' coro=<taskFunc() running at CreateTask.java:12>>",
                CPythonComparison.renamed("in task_func\n<Task pending name='Task-2' coro=<task_func() running at "
                        + "asyncio_create_task.py:12>>\n[exit 1, 0.1s]\n", "CreateTask"));
        assertEquals("IllegalStateException('x')", CPythonComparison.renamed("RuntimeError('x')", "X"));
        assertEquals("MainThread run_blocking_tasks: starting taskFunc()",
                CPythonComparison.renamed("MainThread run_blocking_tasks: starting task_func()", "X",
                        "MainThread run_blocking_tasks: starting taskFunc()\n"),
                "a snake_case word the expected file prints verbatim (a logger's name) stays");
    }

    @Test
    void aDriftFromCPythonIsRejected() {
        String expected = "waiting for <Task pending name='Task-2' coro=<taskFunc() running at CreateTask.java:9>>\n"
                + "callback invoked at 0.1\n";
        OutputMatcher m = OutputMatcher.parse("x.out", CPythonComparison.pattern(expected));
        String cpython = CPythonComparison.renamed(
                "waiting for <Task pending name='Task-2' coro=<task_func() running at asyncio_create_task.py:12>>\n"
                        + "callback invoked at 319.280097172\n", "CreateTask");
        assertTrue(m.match(cpython).matched(), "line numbers and float values are chance");
        String drifted = CPythonComparison.renamed(
                "waiting for <Task pending name='Task-3' coro=<task_func() running at asyncio_create_task.py:12>>\n"
                        + "callback invoked at 319.280097172\n", "CreateTask");
        assertFalse(m.match(drifted).matched(), "a different task number is a real difference");
    }

    @Test
    void aPythonTracebackKeepsTheProgramsFramesInJavaTerms() {
        String cpython = """
                main: closing event loop
                Traceback (most recent call last):
                  File "asyncio_echo_server_protocol.py", line 61, in <module>
                    event_loop.run_forever()
                  File "<stdlib>/asyncio/base_events.py", line 607, in run_forever
                    self._run_once()
                  File "<stdlib>/selectors.py", line 468, in select
                    fd_event_list = self._selector.poll(timeout, max_ev)
                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                KeyboardInterrupt
                [exit 124 (server stopped by SIGINT from timeout -s INT 4)]
                """;
        assertEquals("""
                main: closing event loop
                Traceback (most recent call last):
                  File "EchoServerProtocol.java", line 61, in main
                KeyboardInterrupt""".stripIndent().strip(), CPythonComparison.renamed(cpython, "EchoServerProtocol").strip());
    }

    @Test
    void aClientsReferenceHoldsOneOutputPerRun() {
        List<String> runs = CPythonComparison.runs("### client run 1\nhello\n[exit 0]\n### client run 2\nhello again\n[exit 0]\n");
        assertEquals(List.of("hello\n[exit 0]\n", "hello again\n[exit 0]\n"), runs);
        assertEquals(List.of("no runs\n"), CPythonComparison.runs("no runs\n"));
    }
}
