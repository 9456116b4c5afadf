package io.github.asyncioworkbook.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The written-down rules applied to both traces before they are compared. Each is a difference the
 * project documents or one that the two sources cannot avoid; nothing else is normalised, and no
 * operation is left out of the programs to avoid a difference.
 *
 * <p>Four rules are verdicts, not rewrites: places where CPython leaves an order to chance (the
 * Python driver, {@code driver.py}, notices when a run depended on it), or where what is compared is
 * no longer asyncio's behaviour:
 * <ul>
 * <li>{@link Verdict.Kind#EQUAL_DEADLINES}: loop-core runs timers with equal deadlines in the order
 *     they were scheduled (documented in loop-core's README); CPython in heapq's order. When heapq ran
 *     such timers out of scheduling order, a program whose traces differ is counted under this rule.</li>
 * <li>{@link Verdict.Kind#SET_ORDER}: CPython 3.11's {@code as_completed()} and {@code wait()} put
 *     their arguments in a set, so coroutines become tasks, and done futures get their callbacks, in
 *     the order of memory addresses (for wait with FIRST_EXCEPTION that order decides which
 *     exceptions count as retrieved); TaskGroup keeps its tasks in a set and cancels them in that
 *     order when it aborts. When two or more such arguments (or pending tasks of an aborting
 *     TaskGroup) were involved, differing traces count under this rule.</li>
 * <li>{@link Verdict.Kind#AFTER_DEADLOCK}: when a program deadlocks (nothing ready, no timer), a real
 *     asyncio program would hang forever; the Python driver instead reports {@code DEADLOCK} and lets
 *     {@code asyncio.run()} close the loop, and loop-core raises DeadlockError and does the same. What
 *     the abandoned coroutines then print is CPython's garbage collector closing them on the closed
 *     loop, in its collection order (which one releases a lock while the other still waits for it
 *     decides who sees "Event loop is closed"); loop-core closes them in creation order. When both
 *     sides deadlocked and the traces agree up to CPython's last {@code DEADLOCK} line, a difference
 *     after it counts under this rule.</li>
 * <li>{@link Verdict.Kind#OLDER_PYTHON}: the reference is CPython 3.11.7, whose asyncio.timeout()
 *     raises TimeoutError when it expires in a task that already had cancellation requests (it
 *     compares with the count at entry); earlier 3.11 releases, such as Debian 12's 3.11.2, raise
 *     CancelledError there (they compare with zero). loop-core follows 3.11.7. When the driver runs on
 *     an asyncio with the old rule and a program reaches that case, differing traces count under this
 *     rule.</li>
 * </ul>
 * A fourth such order, the set of tasks {@code asyncio.run()} cancels at the end, is made
 * deterministic by the driver instead (creation order, as loop-core's {@code allTasks()}), because
 * nearly every program that ends with pending tasks would otherwise depend on it.
 *
 * <p>The Java side's rendering also follows a documented difference: loop-core's CancelledError is a
 * RuntimeException, so every {@code catch (Exception e)} is preceded by a clause that lets a
 * CancelledError through, as Python's {@code except Exception} does ({@link JavaRenderer}).
 */
public final class Rules {
    private Rules() {
    }

    /** A rewrite rule, with the reason it exists. */
    public enum Rule {
        /**
         * {@code file.py:12} and {@code P1.java:40} become {@code FILE:LINE}: the two sources are laid
         * out differently, and CPython names its own files by absolute path.
         */
        FILE_AND_LINE("source files and line numbers differ between the Python and Java renderings"),
        /**
         * {@code Task-N} is renumbered so that the program's main task is {@code Task-1}: both runners
         * run many programs in one process, and both number tasks process-wide (as CPython does).
         */
        TASK_NUMBERS("both sides run many programs per process; task numbers are compared relative to main's"),
        /**
         * Java names for the exceptions asyncio raises as Python built-ins: IllegalStateException is
         * RuntimeError, IllegalArgumentException is ValueError (loop-core's README, name table).
         */
        EXCEPTION_NAMES("loop-core raises IllegalStateException / IllegalArgumentException for RuntimeError / ValueError"),
        /**
         * The log records "Task exception was never retrieved", "Future exception was never retrieved"
         * and "Task was destroyed but it is pending!" are moved to the end of the trace, sorted: CPython
         * reports them when the garbage collector frees the object, loop-core when the loop closes
         * (loop-core's README, differences). In a "Task was destroyed but it is pending!" record the
         * state of the coroutines shown ({@code running at FILE:LINE} or {@code done, defined at
         * FILE:LINE}) becomes {@code ...}: CPython's collector may close a coroutine before or after
         * it finalizes the task that holds it; loop-core closes each task's coroutine, then reports it.
         */
        NEVER_RETRIEVED_AT_CLOSE("CPython reports these at garbage collection, loop-core at loop close"),
        /**
         * Object addresses in reprs ({@code <Queue at 0x7fdb262a35d0 ...>}) become {@code 0x...}:
         * CPython prints memory addresses, loop-core identity hash codes; neither is reproducible.
         */
        OBJECT_ADDRESSES("memory addresses (CPython) and identity hash codes (loop-core) are arbitrary"),
        /**
         * The program's last line, {@code run returned} or {@code run raised ...}, is moved after
         * everything else it printed (before the late records): coroutines still suspended when the
         * loop closes are unwound by loop-core's {@code close()}, inside {@code asyncio.run}
         * (loop-core's README, How it runs), and by CPython's garbage collector after
         * {@code asyncio.run} returned; what their except clauses print comes before, respectively
         * after, that line.
         */
        SUSPENDED_CLOSED_AT_CLOSE("loop-core unwinds suspended coroutines in close(), CPython when it collects them"),
        /**
         * The Java names loop-core gives asyncio's own callbacks in reprs become CPython's:
         * {@code Task.taskWakeup()} is {@code Task.task_wakeup()}, {@code runUntilCompleteCb()} is
         * {@code _run_until_complete_cb()}, gather's {@code doneCallback()} is
         * {@code gather.<locals>._done_callback()}, as_completed's {@code onCompletion()} is
         * {@code as_completed.<locals>._on_completion()}, {@code onTaskDone()} is
         * {@code TaskGroup._on_task_done()}. The names only: where CPython also prints a place
         * ({@code at base_events.py:180}) and loop-core does not, the traces still differ.
         */
        INTERNAL_NAMES("loop-core names asyncio's internal callbacks in Java style (loop-core README: Java names)"),
        /**
         * A synchronization primitive's repr drops the module path: CPython's
         * {@code <asyncio.locks.Condition object at 0x... [unlocked]>} is loop-core's
         * {@code <Condition object at 0x... [unlocked]>} (loop-core's README, differences).
         */
        MODULE_PATHS("loop-core's primitives print their class name without asyncio's module path"),
        /**
         * A Lock, Event, Condition or Semaphore that was never bound to a loop, used when no loop is
         * running (a coroutine closed by the collector after its loop closed), fails in CPython 3.11
         * with {@code AttributeError("'NoneType' object has no attribute 'create_future'")}
         * ({@code mixins._get_loop} returns None); loop-core raises
         * {@code RuntimeError('no running event loop')}, as {@code get_running_loop()} does (loop-core's
         * README, differences).
         */
        NO_RUNNING_LOOP("CPython 3.11 fails on None where loop-core names the missing running loop");

        private final String reason;

        Rule(String reason) {
            this.reason = reason;
        }

        /** @return why the rule exists */
        public String reason() {
            return reason;
        }
    }

    private static final String DESTROYED_PENDING = "Task was destroyed but it is pending!";
    private static final Pattern CORO_STATE = Pattern.compile("\\(\\) (?:running at|done, defined at) FILE:LINE>");
    private static final Pattern FILE_LINE = Pattern.compile("[\\w./<>-]*\\.(?:py|java):\\d+");
    private static final Pattern TASK = Pattern.compile("\\bTask-(\\d+)\\b");
    private static final Pattern MAIN_LINE = Pattern.compile("^main Task-(\\d+)$");
    private static final String LATE_HEADER = "-- reported late (rule NEVER_RETRIEVED_AT_CLOSE):";
    private static final List<String> LATE_RECORDS = List.of("Task exception was never retrieved",
            "Future exception was never retrieved", "Task was destroyed but it is pending!");

    private static final Pattern MODULE_PATH = Pattern.compile("<asyncio\\.(?:locks|queues)\\.");
    private static final String NONE_LOOP = "AttributeError(\"'NoneType' object has no attribute 'create_future'\")";

    /** The Python trace with every rule applied. */
    public static List<String> python(Trace t) {
        List<String> lines = new ArrayList<>();
        for (String line : t.lines()) {
            lines.add(noRunningLoop(modulePaths(line)));
        }
        return common(lines);
    }

    static String modulePaths(String line) {
        return MODULE_PATH.matcher(line).replaceAll("<");
    }

    static String noRunningLoop(String line) {
        return line.replace(NONE_LOOP, "RuntimeError('no running event loop')");
    }

    /** The Java trace with every rule applied. */
    public static List<String> java(Trace t) {
        List<String> named = new ArrayList<>();
        for (String line : t.lines()) {
            named.add(internalNames(exceptionNames(line)));
        }
        return common(named);
    }

    /** Java-style names of asyncio's own callbacks (loop-core's LocalCallback and bound methods) to CPython's. */
    private static final List<Map.Entry<String, String>> INTERNAL = List.of(
            Map.entry("Task.taskWakeup()", "Task.task_wakeup()"),
            Map.entry("...taskWakeup()]>", "...ask_wakeup()]>"), // the same name cut by reprlib's 14-char tail
            Map.entry("runUntilCompleteCb()", "_run_until_complete_cb()"),
            Map.entry("gather.doneCallback()", "gather.<locals>._done_callback()"),
            Map.entry("shield.innerDoneCallback()", "shield.<locals>._inner_done_callback()"),
            Map.entry("shield.outerDoneCallback()", "shield.<locals>._outer_done_callback()"),
            Map.entry("wait.onCompletion()", "_wait.<locals>._on_completion()"),
            Map.entry("asCompleted.onCompletion()", "as_completed.<locals>._on_completion()"),
            Map.entry("releaseWaiter(", "_release_waiter("),
            Map.entry("onTaskDone()", "TaskGroup._on_task_done()"));

    static String internalNames(String line) {
        String out = line;
        for (Map.Entry<String, String> e : INTERNAL) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    static String exceptionNames(String line) {
        return line.replaceAll("\\bIllegalStateException\\b", "RuntimeError")
                .replaceAll("\\bIllegalArgumentException\\b", "ValueError");
    }

    static String fileAndLine(String line) {
        return FILE_LINE.matcher(line).replaceAll("FILE:LINE");
    }

    /** Renumbers {@code Task-N} so that main's number (from the line {@code main Task-N}) is 1. */
    static List<String> taskNumbers(List<String> lines) {
        long base = 1;
        for (String line : lines) {
            Matcher m = MAIN_LINE.matcher(line);
            if (m.matches()) {
                base = Long.parseLong(m.group(1));
                break;
            }
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            long b = base;
            out.add(TASK.matcher(line).replaceAll(r -> "Task-" + (Long.parseLong(r.group(1)) - b + 1)));
        }
        return out;
    }

    /** Moves the late log records, each with its continuation lines, to the end, sorted. */
    static List<String> neverRetrievedAtClose(List<String> lines) {
        List<String> kept = new ArrayList<>();
        List<String> late = new ArrayList<>();
        String record = null;
        for (String line : lines) {
            boolean start = !line.isEmpty() && line.charAt(0) == Trace.LOG_MARK;
            if (start) {
                if (record != null) {
                    late.add(record);
                    record = null;
                }
                if (LATE_RECORDS.contains(line.substring(1))) {
                    record = line;
                    continue;
                }
            } else if (record != null && line.matches("^[a-z_]+: .*")) {
                record += "\n" + (record.endsWith(DESTROYED_PENDING) ? CORO_STATE.matcher(line).replaceAll("() ...>") : line);
                continue;
            } else if (record != null) {
                late.add(record);
                record = null;
            }
            kept.add(line);
        }
        if (record != null) {
            late.add(record);
        }
        late.sort(null);
        if (!late.isEmpty()) {
            kept.add(LATE_HEADER);
            for (String r : late) {
                kept.addAll(List.of(r.split("\n")));
            }
        }
        return kept;
    }

    /**
     * The trace up to its {@code DEADLOCK} line. Used when both sides deadlocked: loop-core's parked
     * program never gets further, while CPython's runner closes its loop and the collector then
     * closes the pending coroutines (their except clauses print, "Task was destroyed but it is
     * pending!" is logged).
     */
    /** How many lines of a normalised trace come before its last {@code DEADLOCK} line, not counting earlier ones. */
    static int linesBeforeLastDeadlock(List<String> lines) {
        int last = lines.lastIndexOf("DEADLOCK");
        if (last < 0) {
            return Integer.MAX_VALUE;
        }
        int markers = (int) lines.subList(0, last).stream().filter(l -> l.equals("DEADLOCK")).count();
        return last - markers;
    }

    static List<String> untilDeadlock(List<String> lines) {
        int at = lines.indexOf("DEADLOCK");
        return at < 0 ? lines : lines.subList(0, at + 1);
    }

    static String objectAddresses(String line) {
        return line.replaceAll("\\b0x[0-9a-f]+\\b", "0x...");
    }

    /** Moves the last {@code run returned} / {@code run raised} line to the end. */
    static List<String> runLineLast(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.equals("run returned") || line.startsWith("run raised ")) {
                List<String> out = new ArrayList<>(lines);
                out.remove(i);
                out.add(line);
                return out;
            }
        }
        return lines;
    }

    private static List<String> common(List<String> lines) {
        List<String> located = new ArrayList<>();
        for (String line : lines) {
            located.add(objectAddresses(fileAndLine(line)));
        }
        return neverRetrievedAtClose(runLineLast(taskNumbers(located)));
    }
}
