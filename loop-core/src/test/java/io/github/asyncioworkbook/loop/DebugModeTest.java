package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Debug mode: how it is turned on, and what it reports in asyncio's words (the reports of collected
 * coroutines, loops and transports are in {@link CollectedObjectsTest}; calls from other threads,
 * refused in and out of debug mode, in {@link RobustnessTest}). CONFORMANCE.md C54.
 */
class DebugModeTest {

    /** Runs {@code action} with System.err captured, returns what was written. */
    private static String stderrOf(Runnable action) {
        PrintStream saved = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Coroutine<Void> blockFor(long millis) {
        return Coroutine.named("slow", () -> {
            Thread.sleep(millis);
            return null;
        });
    }

    @Test
    @DisplayName("C56: Asyncio.run(main, true): a task step that blocks 150 ms is logged as 'Executing <Task ...> took 0.1xx seconds'")
    void slowStepLogged() {
        String err = stderrOf(() -> Asyncio.run(blockFor(150), true));
        assertTrue(err.matches("(?s)Executing <Task [^\\n]*slow[^\\n]*> took \\d\\.\\d\\d\\d seconds\\n.*"), err);
    }

    @Test
    @DisplayName("C56: without debug mode, or under the slowCallbackDuration threshold, nothing is logged")
    void quietOtherwise() {
        assertEquals("", stderrOf(() -> Asyncio.run(blockFor(150), false)));
        EventLoop loop = Loops.virtualLoop();
        try {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(5.0);
            assertEquals(5.0, loop.getSlowCallbackDuration());
            assertEquals("", stderrOf(() -> loop.runUntilComplete(blockFor(150))));
            loop.setSlowCallbackDuration(0.01);
            assertTrue(stderrOf(() -> loop.runUntilComplete(blockFor(50))).startsWith("Executing <Task"));
            assertThrows(IllegalArgumentException.class, () -> loop.setSlowCallbackDuration(-1));
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("C56: -Dloopcore.debug turns debug mode on for new loops; a bad value names the property")
    void systemProperty() {
        String saved = System.getProperty(DebugMode.PROPERTY);
        try {
            System.setProperty(DebugMode.PROPERTY, "true");
            assertTrue(new EventLoop(new Clock.Virtual()).getDebug());
            System.setProperty(DebugMode.PROPERTY, "0");
            assertFalse(new EventLoop(new Clock.Virtual()).getDebug());
            System.setProperty(DebugMode.PROPERTY, "maybe");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EventLoop(new Clock.Virtual()));
            assertTrue(e.getMessage().contains("loopcore.debug"), e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty(DebugMode.PROPERTY);
            } else {
                System.setProperty(DebugMode.PROPERTY, saved);
            }
        }
    }

    /** Runs {@code action} with {@link Log} at DEBUG as {@code name: message}, then puts Python's default back. */
    private static String debugLogOf(Runnable action) {
        Log.basicConfig(Log.Level.DEBUG, "%(name)s: %(message)s");
        try {
            return stderrOf(action);
        } finally {
            Log.basicConfig(Log.Level.WARNING, null);
        }
    }

    private static Coroutine<Void> inner() {
        return Asyncio.async(() -> Thread.sleep(120));
    }

    private static Coroutine<Void> outer(EventLoop loop) {
        return Asyncio.async(() -> {
            loop.createTask(inner()).await();
        });
    }

    @Test
    @DisplayName("C56: the slow step is named as asyncio names it: the finished task, where its coroutine is defined, where it was created")
    void slowStepInAsynciosWords() {
        EventLoop loop = Loops.virtualLoop();
        try {
            loop.setDebug(true);
            loop.setSlowCallbackDuration(0.1);
            String err = stderrOf(() -> loop.runUntilComplete(outer(loop)));
            java.util.List<String> slow = err.lines().filter(l -> l.startsWith("Executing ")).toList();
            assertEquals(1, slow.size(), err);
            assertTrue(slow.get(0).matches("Executing <Task finished name='Task-\\d+' coro=<inner\\(\\) done, defined at DebugModeTest\\.java:\\d+> "
                    + "result=None created at DebugModeTest\\.java:\\d+> took 0\\.1\\d\\d seconds"), slow.get(0));
        } finally {
            loop.close();
        }
    }

    @Test
    @DisplayName("C56: a new loop logs 'Using selector: EpollSelector' at DEBUG (Python's selectors name), whether or not debug mode is on")
    void usingSelectorIsLogged() {
        String err = debugLogOf(() -> new EventLoop(new Clock.Virtual()).close());
        assertTrue(err.startsWith("asyncio: Using selector: " + EventLoop.SelectorName.NAME + "\n"), err);
        if (System.getProperty("os.name").equals("Linux")) {
            assertEquals("EpollSelector", EventLoop.SelectorName.NAME);
        }
        assertEquals("KqueueSelector", EventLoop.SelectorName.pythonName("KQueueSelectorProvider"));
        assertEquals("PollSelector", EventLoop.SelectorName.pythonName("PollSelectorProvider"));
        assertEquals("SelectSelector", EventLoop.SelectorName.pythonName("WEPollSelectorProvider"));
        assertEquals("OtherSelector", EventLoop.SelectorName.pythonName("OtherSelectorProvider"));
        assertEquals("", stderrOf(() -> new EventLoop(new Clock.Virtual()).close()), "nothing below WARNING by default");
    }

    @Test
    @DisplayName("C56: closing a loop in debug mode logs 'Close <EventLoop ...>' at DEBUG, as BaseEventLoop.close does; otherwise not")
    void closeIsLoggedInDebugMode() {
        EventLoop debugLoop = new EventLoop(new Clock.Virtual());
        debugLoop.setDebug(true);
        assertEquals("asyncio: Close <EventLoop running=False closed=False debug=True clock=virtual>\n",
                debugLogOf(debugLoop::close));
        assertEquals("", debugLogOf(debugLoop::close), "a second close does nothing");
        EventLoop plain = new EventLoop(new Clock.Virtual());
        String err = debugLogOf(plain::close);
        assertFalse(err.contains("Close"), err);
    }

    @Test
    @DisplayName("C56: the environment variable LOOPCORE_DEBUG (PYTHONASYNCIODEBUG) turns debug mode on when non-empty")
    void environmentVariable() throws Exception {
        assertEquals("debug=true", childWithDebugEnv("1"));
        assertEquals("debug=true", childWithDebugEnv("yes please"));
        assertEquals("debug=false", childWithDebugEnv(""));
        assertEquals("debug=false", childWithDebugEnv(null));
    }

    private static String childWithDebugEnv(String value) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ChildJvm.command(DebugEnvChild.class)).redirectErrorStream(true);
        pb.environment().remove(DebugMode.ENVIRONMENT);
        if (value != null) {
            pb.environment().put(DebugMode.ENVIRONMENT, value);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        return out;
    }
}
