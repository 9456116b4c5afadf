package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EagerTaskTest {
    @Test
    @DisplayName("C25: with the eager factory the first step runs inside createTask; a task that completes there is returned done")
    void item25Eager() {
        EventLoop loop = Loops.virtualLoop();
        loop.setEagerTaskFactory(true);
        List<String> log = new ArrayList<>();
        boolean[] quickDone = new boolean[1];
        boolean[] inAll = new boolean[2];
        loop.runUntilComplete(Coroutine.named("main", () -> {
            Task<?> main = Asyncio.currentTask();
            Task<String> quick = loop.createTask(Coroutine.named("quick", () -> {
                log.add("quick body");
                return "q";
            }));
            log.add("after createTask(quick)");
            quickDone[0] = quick.done();
            inAll[0] = loop.allTasks().contains(quick);
            Task<String> blocks = loop.createTask(Coroutine.named("blocks", () -> {
                log.add("blocks start, currentTask coro: " + Asyncio.currentTask().getCoro().getName());
                Asyncio.sleep(1);
                log.add("blocks resumed");
                return "b";
            }));
            log.add("after createTask(blocks), current is main again: " + (Asyncio.currentTask() == main));
            inAll[1] = loop.allTasks().contains(blocks);
            return blocks.await();
        }));
        loop.close();
        assertEquals(List.of("quick body", "after createTask(quick)", "blocks start, currentTask coro: blocks",
                "after createTask(blocks), current is main again: true", "blocks resumed"), log);
        assertTrue(quickDone[0]);
        assertFalse(inAll[0]);
        assertTrue(inAll[1]);
    }

    @Test
    @DisplayName("C25: without the eager factory (the default) createTask only schedules the first step")
    void item25DefaultIsLazy() {
        EventLoop loop = Loops.virtualLoop();
        List<String> log = new ArrayList<>();
        loop.runUntilComplete(Coroutine.of(() -> {
            Task<String> t = loop.createTask(Coroutine.of(() -> {
                log.add("body");
                return "x";
            }));
            log.add("after createTask");
            return t.await();
        }));
        loop.close();
        assertEquals(List.of("after createTask", "body"), log);
    }
}
