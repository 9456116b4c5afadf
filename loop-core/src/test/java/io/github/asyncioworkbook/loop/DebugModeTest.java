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

/** Debug mode: how it is turned on, and the slow-callback warning in asyncio's words. */
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
    @DisplayName("Asyncio.run(main, true): a task step that blocks 150 ms is logged as 'Executing <Task ...> took 0.1xx seconds'")
    void slowStepLogged() {
        String err = stderrOf(() -> Asyncio.run(blockFor(150), true));
        assertTrue(err.matches("(?s)Executing <Task [^\\n]*slow[^\\n]*> took \\d\\.\\d\\d\\d seconds\\n.*"), err);
    }

    @Test
    @DisplayName("without debug mode, or under the slowCallbackDuration threshold, nothing is logged")
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
    @DisplayName("-Dloopcore.debug turns debug mode on for new loops; a bad value names the property")
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
}
