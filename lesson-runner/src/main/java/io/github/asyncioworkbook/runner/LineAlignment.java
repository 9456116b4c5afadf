package io.github.asyncioworkbook.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * Longest common subsequence of two line sequences under an arbitrary "these two lines match"
 * predicate, as the list of matched index pairs in increasing order. Used to lay out diffs.
 */
final class LineAlignment {

    /** Beyond this many DP cells (after trimming common ends) no middle lines are paired. */
    private static final long MAX_CELLS = 4_000_000L;

    /** Whether expected line {@code e} matches actual line {@code a}. */
    @FunctionalInterface
    interface Same {
        boolean test(int e, int a);
    }

    /** A matched pair: expected index and actual index (both 0-based). */
    record Pair(int expected, int actual) {
    }

    private LineAlignment() {
    }

    static List<Pair> align(int expectedCount, int actualCount, Same same) {
        List<Pair> head = new ArrayList<>();
        int start = 0;
        while (start < expectedCount && start < actualCount && same.test(start, start)) {
            head.add(new Pair(start, start));
            start++;
        }
        int endE = expectedCount;
        int endA = actualCount;
        List<Pair> tail = new ArrayList<>();
        while (endE > start && endA > start && same.test(endE - 1, endA - 1)) {
            endE--;
            endA--;
            tail.addFirst(new Pair(endE, endA));
        }
        head.addAll(middle(start, endE, start, endA, same));
        head.addAll(tail);
        return head;
    }

    private static List<Pair> middle(int e0, int e1, int a0, int a1, Same same) {
        int n = e1 - e0;
        int m = a1 - a0;
        List<Pair> pairs = new ArrayList<>();
        if (n == 0 || m == 0 || (long) n * m > MAX_CELLS) {
            return pairs;
        }
        // lengths[i][j] = LCS length of expected[e0+i..e1) and actual[a0+j..a1)
        int[][] lengths = new int[n + 1][m + 1];
        boolean[][] equal = new boolean[n][m];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                equal[i][j] = same.test(e0 + i, a0 + j);
                lengths[i][j] = equal[i][j]
                        ? lengths[i + 1][j + 1] + 1
                        : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (equal[i][j] && lengths[i][j] == lengths[i + 1][j + 1] + 1) {
                pairs.add(new Pair(e0 + i, a0 + j));
                i++;
                j++;
            } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return pairs;
    }
}
