package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PairRun} on fixture pairs that need no loop-core ({@code src/test/resources/pair-fixtures}):
 * a plain-Java echo server whose reads are split, and servers and clients that never get ready,
 * die early, ignore Ctrl-C or hang. Each fault must be reported naming the lesson file, and no
 * run may leave a process behind (each fixture server that starts a child prints its pid).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sends SIGINT with kill(1); reads /proc")
class PairRunTest {

    static final Path BOOK = Path.of("src/test/resources/pair-fixtures");
    static final Duration TIMEOUT = Duration.ofSeconds(4);

    static Workbook workbook;
    static LessonRunner runner;
    static Map<String, PairRun.Result> results;

    @BeforeAll
    static void runEveryFixturePairOnce(@TempDir Path work) {
        workbook = Workbook.load(BOOK);
        runner = LessonRunner.forWorkbook(workbook, RunOptions.defaults(work).withTimeout(TIMEOUT).withLauncher(Launcher.JAVA));
        runner.compile();
        List<CompletableFuture<PairRun.Result>> runs = workbook.pairs().stream()
                .map(p -> CompletableFuture.supplyAsync(() -> PairRun.run(runner, p, ClockMode.REAL),
                        task -> Thread.ofVirtual().start(task))).toList();
        results = runs.stream().map(CompletableFuture::join)
                .collect(Collectors.toMap(r -> r.pair().server().name(), Function.identity()));
    }

    private static void assertGone(long pid, String what) throws InterruptedException {
        for (int i = 0; i < 50 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false); i++) {
            Thread.sleep(100);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), what + " (pid " + pid + ") is still running");
    }

    private static long childPid(PairRun.Result r) {
        Matcher m = Pattern.compile("child pid (\\d+)").matcher(r.server().output());
        assertTrue(m.find(), r.server().output());
        return Long.parseLong(m.group(1));
    }

    @Test
    void aGoodPairRunsLikeTwoTerminalsAndMatchesWithItsReadsJoined() {
        PairRun.Result r = results.get("SplitServer");
        assertEquals("", PairRun.report(r));
        assertEquals(PairRun.CLIENT_RUNS, r.clients().size());
        assertTrue(r.clients().stream().allMatch(RunResult::succeeded));
        assertEquals(130, r.server().exitCode(), "ended by Ctrl-C through the JVM's own handler:\n" + r.server().output());
        assertFalse(r.server().timedOut(), "it ended by itself");
        assertTrue(r.server().output().endsWith("main: closing server\n"), r.server().output());
        assertEquals("main: closing server\n", r.server().output().substring(r.interruptedAt()),
                "what the server printed after Ctrl-C is its answer to it");
        assertTrue(r.server().output().contains("received b'This is the message. '\n"),
                "the fixture's client writes twice, 0.2 s apart: the server reads twice\n" + r.server().output());
        Lesson server = r.pair().server();
        assertFalse(OutputMatcher.parse("x", PairRun.expectedText(server, r.port())).match(r.server().output()).matched(),
                "without the split-reads rule the server's output does not match");
    }

    @Test
    void theOriginalsPortInTheOutFilesStandsForThePortOfTheRun() {
        PairRun.Result r = results.get("SplitServer");
        assertNotEquals(PairRun.ORIGINAL_PORT, r.port());
        assertTrue(r.port() >= 20000 && r.port() < 32000, "below the ephemeral range: " + r.port());
        assertTrue(r.clients().getFirst().output().contains("client: connected to port " + r.port()));
        assertTrue(PairRun.match(r.pair().client(), r.port(), r.clients().getFirst().output()).matched());
        assertFalse(PairRun.match(r.pair().client(), r.port() + 1, r.clients().getFirst().output()).matched());
        assertTrue(PairRun.readyLine(r.pair().server(), 12345).matcher("main: starting up on localhost port 12345").matches());
    }

    @Test
    void aServerThatNeverGetsReadyIsNamedAndKilledWithItsChildren() throws Exception {
        PairRun.Result r = results.get("NeverReady");
        String problem = r.problem().orElseThrow();
        assertTrue(problem.contains("server " + workbook.pairs().get(1).server().source() + " printed no ready line"), problem);
        assertTrue(problem.contains("within 4.0 s"), problem);
        assertTrue(r.server().timedOut());
        assertTrue(r.clients().isEmpty(), "no client runs against a server that is not ready");
        assertGone(r.serverPid(), "the server");
        assertGone(childPid(r), "the server's child");
        assertTrue(PairRun.report(r).startsWith("pair 02-faults/NeverReady + ClientA: "), PairRun.report(r));
    }

    @Test
    void aServerThatDiesBeforeItIsReadyIsNamed() {
        PairRun.Result r = results.get("DiesEarly");
        String problem = r.problem().orElseThrow();
        assertTrue(problem.contains("DiesEarly.java ended with status 3 before printing its ready line"), problem);
        assertTrue(problem.contains("cannot listen on " + r.port()), "the message shows what it printed: " + problem);
    }

    @Test
    void aServerThatIgnoresCtrlCIsNamedAndKilledWithItsChildren() throws Exception {
        PairRun.Result r = results.get("DeafServer");
        String problem = r.problem().orElseThrow();
        assertTrue(problem.contains("DeafServer.java did not end within 4.0 s after Ctrl-C (SIGINT); it was killed"), problem);
        assertTrue(r.server().output().contains("ignoring SIGINT"), "a real SIGINT reached it: " + r.server().output());
        assertEquals(PairRun.CLIENT_RUNS, r.clients().size());
        assertGone(r.serverPid(), "the server");
        assertGone(childPid(r), "the server's child");
    }

    @Test
    void aHangingClientIsNamedAndBothAreKilled() throws Exception {
        PairRun.Result r = results.get("PatientServer");
        String problem = r.problem().orElseThrow();
        assertTrue(problem.contains("client run 1 of " + r.pair().client().source()), problem);
        assertTrue(problem.contains("timed out after"), problem);
        assertEquals(1, r.clients().size());
        assertTrue(r.server().timedOut(), "the server is killed, not interrupted, after a failed client");
        assertGone(r.serverPid(), "the server");
    }

    @Test
    void thePortPropertyFixesThePortAndABadOneIsNamed() {
        String before = System.getProperty(PairRun.PORT_PROPERTY);
        try {
            System.setProperty(PairRun.PORT_PROPERTY, "10042");
            assertEquals(10042, PairRun.port());
            System.setProperty(PairRun.PORT_PROPERTY, "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, PairRun::port);
            assertTrue(e.getMessage().contains("-D" + PairRun.PORT_PROPERTY + " must be a port number"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(PairRun.PORT_PROPERTY);
            } else {
                System.setProperty(PairRun.PORT_PROPERTY, before);
            }
        }
    }
}
