package io.github.asyncioworkbook.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RulesTest {
    private static final String LOG = String.valueOf(Trace.LOG_MARK);

    private static Trace trace(String... lines) {
        return new Trace(List.of(lines), Set.of());
    }

    @Test
    @DisplayName("FILE_AND_LINE: Python paths and Java file names with lines compare equal")
    void fileAndLine() {
        assertEquals("<Handle tick('L1') at FILE:LINE>",
                Rules.fileAndLine("<Handle tick('L1') at /work/x/target/work/P3.py:18>"));
        assertEquals("<Handle tick('L1') at FILE:LINE>", Rules.fileAndLine("<Handle tick('L1') at P3_s4.java:24>"));
        assertEquals(Rules.python(trace("cb=[x() at /usr/lib/python3.11/asyncio/base_events.py:180]")),
                Rules.java(trace("cb=[x() at EventLoop.java:541]")));
    }

    @Test
    @DisplayName("TASK_NUMBERS: numbers are relative to main's, which each trace prints first")
    void taskNumbers() {
        List<String> py = Rules.python(trace("main Task-61", "<Task pending name='Task-62'>", "Task-70"));
        List<String> java = Rules.java(trace("main Task-7", "<Task pending name='Task-8'>", "Task-16"));
        assertEquals(List.of("main Task-1", "<Task pending name='Task-2'>", "Task-10"), py);
        assertEquals(py, java);
        // an extra task number consumed on one side still shows
        assertNotEquals(py, Rules.java(trace("main Task-7", "<Task pending name='Task-9'>", "Task-16")));
    }

    @Test
    @DisplayName("EXCEPTION_NAMES: only the two Java names of asyncio's built-in exceptions are mapped")
    void exceptionNames() {
        assertEquals(List.of("L6 raised ValueError('task_done() called too many times')"),
                Rules.java(trace("L6 raised IllegalArgumentException('task_done() called too many times')")));
        assertEquals(List.of("RuntimeError('x')"), Rules.java(trace("IllegalStateException('x')")));
        // Python's trace is not rewritten, and other Java names stay
        assertEquals(List.of("IllegalStateException('x')"), Rules.python(trace("IllegalStateException('x')")));
        assertEquals(List.of("NullPointerException()"), Rules.java(trace("NullPointerException()")));
    }

    @Test
    @DisplayName("NEVER_RETRIEVED_AT_CLOSE: late records move to the end, sorted, with their key lines")
    void neverRetrieved() {
        List<String> py = Rules.python(trace("main Task-1",
                LOG + "Task exception was never retrieved", "future: <Task finished name='Task-2'>",
                "L3", "run returned"));
        List<String> java = Rules.java(trace("main Task-1", "L3", "run returned",
                LOG + "Task exception was never retrieved", "future: <Task finished name='Task-2'>"));
        assertEquals(py, java);
        assertEquals(List.of("main Task-1", "L3", "run returned", "-- reported late (rule NEVER_RETRIEVED_AT_CLOSE):",
                LOG + "Task exception was never retrieved", "future: <Task finished name='Task-2'>"), py);
    }

    @Test
    @DisplayName("other log records stay where they were printed")
    void otherRecordsStay() {
        List<String> lines = Rules.python(trace("L1", LOG + "Exception in callback boom('L2') at x.py:3",
                "handle: <Handle boom('L2') at x.py:3>", "L2"));
        assertEquals(LOG + "Exception in callback boom('L2') at FILE:LINE", lines.get(1));
        assertEquals("L2", lines.get(3));
    }

    @Test
    @DisplayName("a deadlock on both sides is the same outcome; late records are not compared then")
    void deadlocks() {
        Trace javaParked = new Trace(List.of("main Task-3", "L1", "DEADLOCK"), Set.of("hang"));
        Trace pyDeadlock = new Trace(List.of("main Task-1", "L1", "DEADLOCK",
                LOG + "Task was destroyed but it is pending!", "task: <Task pending name='Task-2'>"), Set.of("deadlock"));
        assertEquals(Verdict.Kind.SAME, Verdict.of(pyDeadlock, javaParked).kind());
        // a deadlock on the Java side only is a divergence
        assertEquals(Verdict.Kind.DIVERGENT, Verdict.of(trace("main Task-1", "L1", "L2"), javaParked).kind());
    }

    @Test
    @DisplayName("OBJECT_ADDRESSES: addresses and identity hashes are blotted out")
    void objectAddresses() {
        assertEquals(Rules.python(trace("<Queue at 0x7fdb262a35d0 maxsize=2>")),
                Rules.java(trace("<Queue at 0x80b9e7a maxsize=2>")));
        assertEquals(List.of("<Queue at 0x... maxsize=2>"), Rules.java(trace("<Queue at 0x80b9e7a maxsize=2>")));
    }

    @Test
    @DisplayName("SUSPENDED_CLOSED_AT_CLOSE: what unwinding prints compares equal before or after the run line")
    void suspendedClosedAtClose() {
        List<String> py = Rules.python(trace("main Task-1", "main end", "run returned", "L2 raised RuntimeError('x')",
                LOG + "Task was destroyed but it is pending!", "task: <Task pending name='Task-2'>"));
        List<String> java = Rules.java(trace("main Task-1", "main end", "L2 raised IllegalStateException('x')",
                "run returned", LOG + "Task was destroyed but it is pending!", "task: <Task pending name='Task-2'>"));
        assertEquals(py, java);
        assertEquals("run returned", py.get(3));
        // the order of the other lines still counts
        assertNotEquals(py, Rules.java(trace("main Task-1", "L2 raised IllegalStateException('x')", "main end",
                "run returned", LOG + "Task was destroyed but it is pending!", "task: <Task pending name='Task-2'>")));
    }

    @Test
    @DisplayName("INTERNAL_NAMES: loop-core's Java names of asyncio's callbacks become CPython's")
    void internalNames() {
        assertEquals(Rules.python(trace("cb=[Task.task_wakeup()] cb=[_run_until_complete_cb() at b.py:180]")),
                Rules.java(trace("cb=[Task.taskWakeup()] cb=[runUntilCompleteCb() at EventLoop.java:541]")));
        assertEquals(Rules.python(trace("cb=[gather.<locals>._done_callback() at tasks.py:764]",
                        "cb=[_release_waiter(<Future pendi...ask_wakeup()]>)() at tasks.py:431]",
                        "cb=[_wait.<locals>._on_completion() at tasks.py:519]")),
                Rules.java(trace("cb=[gather.doneCallback() at Gather.java:150]",
                        "cb=[releaseWaiter(<Future pendi...taskWakeup()]>)() at Wait.java:148]",
                        "cb=[wait.onCompletion() at Wait.java:114]")));
        assertNotEquals(Rules.python(trace("cb=[gather.<locals>._done_callback() at tasks.py:764]")),
                Rules.java(trace("cb=[gather.doneCallback()]")), "a callback without its place still differs");
    }

    @Test
    @DisplayName("NEVER_RETRIEVED_AT_CLOSE: a destroyed-pending record compares without its coroutines' state")
    void destroyedPendingCoroutineState() {
        String mark = String.valueOf(Trace.LOG_MARK);
        assertEquals(Rules.python(trace(mark + "Task was destroyed but it is pending!",
                        "task: <Task pending name='Task-4' coro=<w0() running at a.py:69> wait_for=<Future cancelled>>")),
                Rules.java(trace(mark + "Task was destroyed but it is pending!",
                        "task: <Task pending name='Task-4' coro=<w0() done, defined at A.java:12> wait_for=<Future cancelled>>")));
        assertNotEquals(Rules.python(trace("L1 <Task pending name='Task-4' coro=<w0() running at a.py:69>>")),
                Rules.java(trace("L1 <Task pending name='Task-4' coro=<w0() done, defined at A.java:12>>")),
                "elsewhere the state still counts");
    }

    @Test
    @DisplayName("MODULE_PATHS and NO_RUNNING_LOOP: the two documented differences of primitives")
    void primitives() {
        assertEquals(Rules.python(trace("L4 raised RuntimeError('<asyncio.locks.Condition object at 0x7f3 [unlocked]> is bound')",
                        "L6 raised AttributeError(\"'NoneType' object has no attribute 'create_future'\")")),
                Rules.java(trace("L4 raised IllegalStateException('<Condition object at 0x1b2 [unlocked]> is bound')",
                        "L6 raised IllegalStateException('no running event loop')")));
        assertNotEquals(Rules.python(trace("L6 raised AttributeError(\"'NoneType' object has no attribute 'done'\")")),
                Rules.java(trace("L6 raised IllegalStateException('no running event loop')")), "only that one message");
    }

    @Test
    @DisplayName("verdicts: equal-deadline and set-order chance only excuse a difference when the driver saw it")
    void chanceVerdicts() {
        Trace java = trace("main Task-1", "L2 tick", "L1 tick");
        Trace same = trace("main Task-1", "L2 tick", "L1 tick");
        Trace other = trace("main Task-1", "L1 tick", "L2 tick");
        assertEquals(Verdict.Kind.SAME, Verdict.of(new Trace(same.lines(), Set.of("tie")), java).kind());
        assertEquals(Verdict.Kind.DIVERGENT, Verdict.of(other, java).kind());
        assertEquals(Verdict.Kind.EQUAL_DEADLINES, Verdict.of(new Trace(other.lines(), Set.of("tie")), java).kind());
        assertEquals(Verdict.Kind.SET_ORDER, Verdict.of(new Trace(other.lines(), Set.of("set-order")), java).kind());
        assertEquals(Verdict.Kind.OLDER_PYTHON, Verdict.of(new Trace(other.lines(), Set.of("timeout-rule")), java).kind());
        assertEquals(Verdict.Kind.ERROR, Verdict.of(new Trace(same.lines(), Set.of("hang")), java).kind());
        assertEquals(1, Verdict.of(other, java).firstDifference());
    }

    @Test
    @DisplayName("AFTER_DEADLOCK: both deadlocked; a difference after CPython's last DEADLOCK counts under the rule, before it does not")
    void afterDeadlock() {
        Trace py = new Trace(List.of("main Task-1", "L2 cancelled CancelledError()", "DEADLOCK",
                "L4 raised RuntimeError('Event loop is closed')", "run returned"), Set.of("deadlock"));
        Trace sameUntil = new Trace(List.of("main Task-1", "L2 cancelled CancelledError()", "run returned", "DEADLOCK"),
                Set.of("deadlock-raised", "hang"));
        Trace differsBefore = new Trace(List.of("main Task-1", "L2 ok 1", "run returned", "DEADLOCK"),
                Set.of("deadlock-raised", "hang"));
        assertEquals(Verdict.Kind.AFTER_DEADLOCK, Verdict.of(py, sameUntil).kind());
        assertEquals(Verdict.Kind.DIVERGENT, Verdict.of(py, differsBefore).kind());
        Trace noDeadlockInJava = new Trace(sameUntil.lines(), Set.of());
        assertEquals(Verdict.Kind.DIVERGENT, Verdict.of(py, noDeadlockInJava).kind());
    }
}
