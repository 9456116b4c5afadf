package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A ThreadPool's count of unfinished jobs, which holds the JVM at exit, never stays above zero. */
class ThreadPoolExitTest {

    @Test
    @DisplayName("jobs taken by an idle worker at once are counted before they end: the JVM ends after 200 of them")
    void manyJobsLetTheJvmEnd() throws Exception {
        Process child = new ProcessBuilder(ChildJvm.command(PoolManyJobsChild.class)).redirectErrorStream(true).start();
        try {
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the JVM did not end: the pool's exit keeper held it");
            assertEquals("sum 19900\n", new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, child.exitValue());
        } finally {
            child.destroyForcibly();
        }
    }
}
