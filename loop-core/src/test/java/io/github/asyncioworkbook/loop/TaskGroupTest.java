package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C40: {@code asyncio.TaskGroup} (3.11). Expected orders were recorded from CPython
 * 3.11.7, except that children are cancelled in creation order (CPython uses set order).
 */
class TaskGroupTest extends Loops.Scenario {
    @Test
    @DisplayName("C40: asyncWith returns when all children are done; repr; createTask before/after is rejected")
    void waitsForAll() {
        run(() -> {
            TaskGroup tg = new TaskGroup();
            List<Task<Object>> ts = new ArrayList<>();
            tg.asyncWith(() -> {
                events.add(tg.toString());
                ts.add(tg.createTask(work("a", 2, "a", null)));
                ts.add(tg.createTask(work("b", 1, "b", null), "named-b"));
                events.add(tg.toString());
                events.add("body end");
            });
            events.add("after " + loop.time() + " " + ts.get(0).result() + " " + ts.get(1).result() + " " + tg);
            assertEquals("named-b", ts.get(1).getName());
            events.add(assertThrows(IllegalStateException.class, () -> tg.createTask(work("late", 1, null, null))).getMessage());
            events.add(assertThrows(IllegalStateException.class,
                    () -> new TaskGroup().createTask(work("x", 1, null, null))).getMessage());
            events.add(assertThrows(IllegalStateException.class, () -> tg.asyncWith(() -> { })).getMessage());
            return null;
        });
        assertEquals(List.of("<TaskGroup entered>", "<TaskGroup tasks=2 entered>", "body end", "start a", "start b",
                "end b", "end a", "after 2.0 a b <TaskGroup entered>", "TaskGroup <TaskGroup entered> is finished",
                "TaskGroup <TaskGroup> has not been entered",
                "TaskGroup <TaskGroup entered> has already been entered"), events);
    }

    @Test
    @DisplayName("C40: first failure cancels siblings and the body once; ExceptionGroup('unhandled errors in a TaskGroup'); cancelling() restored")
    void failureCancelsSiblingsAndBody() {
        IllegalArgumentException e1 = new IllegalArgumentException("e1");
        IllegalStateException e2 = new IllegalStateException("e2");
        run(() -> {
            Task<?> task = Asyncio.currentTask();
            TaskGroup tg = new TaskGroup();
            try {
                tg.asyncWith(() -> {
                    tg.createTask(work("e1", 1, null, e1));
                    tg.createTask(work("e2", 1, null, e2));
                    tg.createTask(work("long", 5, null, null));
                    try {
                        Asyncio.sleep(10);
                    } catch (CancelledError e) {
                        events.add("body cancelled at " + loop.time() + " " + tg);
                        throw e;
                    }
                });
            } catch (ExceptionGroup eg) {
                events.add(eg.getMessage() + " | " + Repr.repr(eg.exceptions()) + " at " + loop.time()
                        + " cancelling=" + task.cancelling());
                assertEquals("unhandled errors in a TaskGroup", eg.message());
                assertSame(e1, eg.exceptions().get(0));
                assertArrayEquals(new Throwable[] {e1, e2}, eg.getSuppressed());
            }
            return null;
        });
        assertEquals(List.of("start e1", "start e2", "start long", "fail e1", "fail e2", "cancelled long",
                "body cancelled at 1.0 <TaskGroup tasks=1 errors=2 cancelling>",
                "unhandled errors in a TaskGroup (2 sub-exceptions) | [IllegalArgumentException('e1'), "
                        + "IllegalStateException('e2')] at 1.0 cancelling=0"), events);
    }

    @Test
    @DisplayName("C40: the body's own exception joins the group; createTask while aborting is rejected")
    void bodyErrorAndShuttingDown() {
        run(() -> {
            try {
                new TaskGroup().asyncWith(() -> {
                    events.add("body");
                    Asyncio.sleep(1);
                    throw new IllegalStateException("body");
                });
            } catch (ExceptionGroup eg) {
                events.add("no children: " + eg.getMessage() + " " + Repr.repr(eg.exceptions()));
            }
            TaskGroup tg = new TaskGroup();
            try {
                tg.asyncWith(() -> {
                    tg.createTask(work("child", 5, null, null));
                    Asyncio.sleep(1);
                    throw new IllegalStateException("body");
                });
            } catch (ExceptionGroup eg) {
                events.add(eg.getMessage() + " " + Repr.repr(eg.exceptions()) + " at " + loop.time());
            }
            TaskGroup tg2 = new TaskGroup();
            try {
                tg2.asyncWith(() -> {
                    tg2.createTask(work("f", 1, null, new IllegalArgumentException("f")));
                    try {
                        Asyncio.sleep(5);
                    } catch (CancelledError e) {
                        try {
                            tg2.createTask(work("too late", 1, null, null));
                        } catch (IllegalStateException ise) {
                            events.add(ise.getMessage());
                        }
                        throw e;
                    }
                });
            } catch (ExceptionGroup eg) {
                events.add(Repr.repr(eg.exceptions()));
            }
            return null;
        });
        assertEquals(List.of("body", "no children: unhandled errors in a TaskGroup (1 sub-exception) [IllegalStateException('body')]",
                "start child", "cancelled child",
                "unhandled errors in a TaskGroup (1 sub-exception) [IllegalStateException('body')] at 2.0",
                "start f", "fail f", "TaskGroup <TaskGroup errors=1 cancelling> is shutting down",
                "[IllegalArgumentException('f')]"), events);
    }

    @Test
    @DisplayName("C40: a cancellation from outside cancels the children and propagates as CancelledError")
    void outsideCancellation() {
        run(() -> {
            Task<Void> t = loop.createTask(Coroutine.of(() -> {
                TaskGroup tg = new TaskGroup();
                tg.asyncWith(() -> {
                    tg.createTask(work("c1", 5, null, null));
                    tg.createTask(work("c2", 5, null, null));
                    events.add("body waits");
                });
                events.add("not reached");
            }));
            Asyncio.sleep(1);
            t.cancel();
            try {
                t.await();
            } catch (CancelledError e) {
                events.add("cancelled at " + loop.time() + " cancelling=" + t.cancelling());
            }
            Task<Void> t2 = loop.createTask(Coroutine.of(() -> {
                TaskGroup tg = new TaskGroup();
                tg.asyncWith(() -> {
                    tg.createTask(work("d1", 5, null, null));
                    Asyncio.sleep(10);
                });
            }));
            Asyncio.sleep(1);
            t2.cancel();
            try {
                t2.await();
            } catch (CancelledError e) {
                events.add("cancelled2 at " + loop.time());
            }
            return null;
        });
        assertEquals(List.of("body waits", "start c1", "start c2", "cancelled c1", "cancelled c2",
                "cancelled at 1.0 cancelling=1", "start d1", "cancelled d1", "cancelled2 at 2.0"), events);
    }

    /** A stand-in for Python's SystemExit: an Error that is not an AssertionError (see BaseExceptions). */
    static final class Exit extends Error {
        private static final long serialVersionUID = 1L;

        Exit(String message) {
            super(message);
        }
    }

    @Test
    @DisplayName("C40: an exit in a child escapes the loop at once; at shutdown the TaskGroup rethrows it bare (CPython 3.11.7 order)")
    void baseErrorsAndParentTask() {
        // Recorded from CPython 3.11.7: SystemExit(3) raised by a TaskGroup child escapes
        // asyncio.run() straight from the child's step; while asyncio.run() then cancels the
        // remaining tasks, the sibling sees its cancellation, and the TaskGroup's __aexit__ raises
        // the SystemExit bare into the parent, which may catch it and return normally.
        Exit fatal = new Exit("fatal");
        Exit escaped = assertThrows(Exit.class, () -> Asyncio.run(Coroutine.of(() -> {
            EventLoop running = Asyncio.getRunningLoop();
            TaskGroup tg = new TaskGroup();
            try {
                tg.asyncWith(() -> {
                    tg.createTask(Coroutine.of(() -> {
                        Asyncio.sleep(1);
                        throw fatal;
                    }));
                    tg.createTask(Coroutine.of(() -> {
                        try {
                            Asyncio.sleep(5);
                        } catch (CancelledError e) {
                            events.add("other cancelled at " + running.time());
                            throw e;
                        }
                    }));
                    Asyncio.sleep(10);
                });
            } catch (Exit e) {
                assertSame(fatal, e);
                events.add("caught inside at " + running.time());
            }
            events.add("main continues");
            return null;
        })));
        assertSame(fatal, escaped);
        assertEquals(List.of("other cancelled at 1.0", "caught inside at 1.0", "main continues"), events);
    }

    @Test
    @DisplayName("C40: entering a TaskGroup needs a task; an ExceptionGroup needs exceptions")
    void parentTaskAndEmptyGroup() {
        String[] message = new String[1];
        loop.callSoon(() -> {
            try {
                new TaskGroup().asyncWith(() -> { });
            } catch (IllegalStateException e) {
                message[0] = e.getMessage();
            }
            loop.stop();
        });
        loop.runForever();
        assertEquals("TaskGroup <TaskGroup> cannot determine the parent task", message[0]);
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("empty", List.of()));
    }

    @Test
    @DisplayName("C40: closing the loop while a TaskGroup, a Lock waiter and a Queue getter are suspended unwinds them all")
    void closeWhileWaiting() {
        List<java.util.Map<String, Object>> errors = Loops.captureErrors(loop);
        Lock lock = new Lock();
        Queue<String> q = new Queue<>();
        loop.createTask(Coroutine.of(() -> {
            TaskGroup tg = new TaskGroup();
            try {
                tg.asyncWith(() -> {
                    tg.createTask(work("child", 50, null, null));
                    tg.createTask(Coroutine.of(() -> {
                        lock.acquire();
                        lock.acquire();
                    }));
                    tg.createTask(Coroutine.of(q::get));
                });
            } finally {
                events.add("parent unwound");
            }
        }));
        loop.runUntilComplete(Coroutine.of(() -> Asyncio.sleep(1)));
        loop.close();
        assertEquals(List.of("start child", "parent unwound"), events);
        assertEquals(4, errors.stream().filter(c -> "Task was destroyed but it is pending!".equals(c.get("message"))).count(),
                errors.toString());
    }
}
