package io.github.asyncioworkbook.difftest;

import java.util.List;

/**
 * The comparison of one program's two traces after {@link Rules}.
 *
 * @param kind the outcome
 * @param python the normalised Python trace
 * @param java the normalised Java trace
 * @param firstDifference the index of the first line that differs, or -1
 */
public record Verdict(Kind kind, List<String> python, List<String> java, int firstDifference) {

    /** Outcomes. */
    public enum Kind {
        /** The traces are the same. */
        SAME,
        /** They differ and no rule explains it. */
        DIVERGENT,
        /** They differ, and CPython ran timers with equal deadlines out of scheduling order. */
        EQUAL_DEADLINES,
        /** They differ, and CPython's as_completed(), wait() or an aborting TaskGroup went by set order. */
        SET_ORDER,
        /**
         * They differ, and the Python at hand predates 3.11.7's asyncio.timeout() rule, which a timeout
         * expiring in a task with earlier cancellation requests reached (see {@link Rules}).
         */
        OLDER_PYTHON,
        /**
         * Both deadlocked; they agree up to CPython's last deadlock and differ only in what came after
         * it: coroutines abandoned on the closed loop, closed by CPython's garbage collector in its
         * collection order (see {@link Rules}).
         */
        AFTER_DEADLOCK,
        /** A runner failed (compile error, driver error, python3 not answering): reported like a divergence. */
        ERROR
    }

    /** Compares two raw traces. */
    public static Verdict of(Trace python, Trace java) {
        List<String> normalisedPython = Rules.python(python);
        List<String> p = normalisedPython;
        List<String> j = Rules.java(java);
        boolean bothDeadlocked = python.flags().contains("deadlock") && java.flags().contains("hang");
        if (bothDeadlocked && java.flags().contains("deadlock-raised")) {
            // loop-core saw the deadlock itself (DeadlockError) and asyncio.run then cancelled the
            // pending tasks, as CPython's runner does after its driver reports DEADLOCK: compare the
            // whole traces, clean-up included, without the marker (it is printed at a different point).
            p = p.stream().filter(l -> !l.equals("DEADLOCK")).toList();
            j = j.stream().filter(l -> !l.equals("DEADLOCK")).toList();
        } else if (bothDeadlocked) {
            p = Rules.untilDeadlock(p);
            j = Rules.untilDeadlock(j);
        }
        int first = firstDifference(p, j);
        boolean agreeUntilDeadlock = bothDeadlocked && first >= 0
                && first >= Rules.linesBeforeLastDeadlock(normalisedPython);
        Kind kind;
        if (python.flags().contains("error") || java.flags().contains("error") || python.flags().contains("hang")) {
            kind = Kind.ERROR;
        } else if (first < 0) {
            kind = Kind.SAME;
        } else if (python.flags().contains("tie")) {
            kind = Kind.EQUAL_DEADLINES;
        } else if (python.flags().contains("set-order")) {
            kind = Kind.SET_ORDER;
        } else if (python.flags().contains("timeout-rule")) {
            kind = Kind.OLDER_PYTHON;
        } else if (agreeUntilDeadlock) {
            kind = Kind.AFTER_DEADLOCK;
        } else {
            kind = Kind.DIVERGENT;
        }
        return new Verdict(kind, p, j, first);
    }

    static int firstDifference(List<String> a, List<String> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            if (!a.get(i).equals(b.get(i))) {
                return i;
            }
        }
        return a.size() == b.size() ? -1 : n;
    }

    /** Counts as a failure of the run. */
    public boolean failed() {
        return kind == Kind.DIVERGENT || kind == Kind.ERROR;
    }
}
