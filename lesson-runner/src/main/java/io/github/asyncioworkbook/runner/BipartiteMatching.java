package io.github.asyncioworkbook.runner;

import java.util.Arrays;

/**
 * Maximum bipartite matching (Kuhn's augmenting paths) between expected lines of an unordered
 * block and actual lines. Blocks are small, so the simple O(V·E) algorithm is plenty.
 */
final class BipartiteMatching {

    /** Whether left item {@code l} may be paired with right item {@code r}. */
    @FunctionalInterface
    interface Edge {
        boolean test(int l, int r);
    }

    private BipartiteMatching() {
    }

    /**
     * @return for each left index, the right index it is paired with, or -1; the number of
     *         non-negative entries is the largest possible
     */
    static int[] maximum(int left, int right, Edge edge) {
        boolean[][] adjacent = new boolean[left][right];
        for (int l = 0; l < left; l++) {
            for (int r = 0; r < right; r++) {
                adjacent[l][r] = edge.test(l, r);
            }
        }
        int[] rightOwner = new int[right];
        Arrays.fill(rightOwner, -1);
        for (int l = 0; l < left; l++) {
            augment(l, adjacent, rightOwner, new boolean[right]);
        }
        int[] pairOfLeft = new int[left];
        Arrays.fill(pairOfLeft, -1);
        for (int r = 0; r < right; r++) {
            if (rightOwner[r] >= 0) {
                pairOfLeft[rightOwner[r]] = r;
            }
        }
        return pairOfLeft;
    }

    private static boolean augment(int l, boolean[][] adjacent, int[] rightOwner, boolean[] seen) {
        for (int r = 0; r < rightOwner.length; r++) {
            if (adjacent[l][r] && !seen[r]) {
                seen[r] = true;
                if (rightOwner[r] < 0 || augment(rightOwner[r], adjacent, rightOwner, seen)) {
                    rightOwner[r] = l;
                    return true;
                }
            }
        }
        return false;
    }

    /** {@return how many left items {@code pairs} pairs} */
    static int size(int[] pairs) {
        return (int) Arrays.stream(pairs).filter(r -> r >= 0).count();
    }
}
