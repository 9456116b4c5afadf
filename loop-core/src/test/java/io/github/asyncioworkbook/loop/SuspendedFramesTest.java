package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A suspended task keeps every frame between its fiber's entry and the yield in its stack chunk,
 * the bulk of a pending task's memory (DESIGN.md, "Memory of a pending task"). These tests pin the
 * loop-core frames on the two common ways to suspend, so that a refactoring that adds one shows up
 * here rather than only in {@code ./bench}'s memory row.
 */
class SuspendedFramesTest {

    /** The loop-core frames of {@code task}'s suspended coroutine, innermost first, as Class.method. */
    private static List<String> loopCoreFrames(Task<?> task) {
        StackTraceElement[] stack = task.stackOfCoroutine();
        assertNotNull(stack, "a suspended task has frames");
        return Arrays.stream(stack)
                .filter(e -> e.getClassName().startsWith("io.github.asyncioworkbook.loop.")
                        && !e.getClassName().endsWith("Test")
                        && !e.getClassName().endsWith(".ThreadFiber"))  // the thread runner's own hand-over
                .map(e -> e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "." + e.getMethodName())
                .collect(Collectors.toList());
    }

    private static List<String> framesWhileParked(Coroutine.VoidBody parkedBody) {
        EventLoop loop = Loops.virtualLoop();
        try {
            return loop.runUntilComplete(Coroutine.of(() -> {
                Task<Void> parked = loop.createTask(Coroutine.of(parkedBody));
                Asyncio.sleep(0);  // parked runs up to its await
                List<String> frames = loopCoreFrames(parked);
                parked.cancel();
                return frames;
            }));
        } finally {
            loop.close();
        }
    }

    @Test
    void awaitingAFutureKeepsOnlyAwaitAndTheFiberEntry() {
        assertEquals(List.of("Future.await", "Task$Wakeup.run"),
                framesWhileParked(() -> new Future<Void>(Asyncio.getRunningLoop()).await()));
    }

    @Test
    void sleepingKeepsOneSleepFrame() {
        assertEquals(List.of("Future.await", "Asyncio.sleep", "Task$Wakeup.run"),
                framesWhileParked(() -> Asyncio.sleep(60)));
    }
}
