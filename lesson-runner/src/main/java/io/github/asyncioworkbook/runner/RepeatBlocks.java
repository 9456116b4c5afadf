package io.github.asyncioworkbook.runner;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The repeated blocks of an expected-output file (rule 5 of {@link OutputMatcher}): a line that is
 * exactly <code>{{repeat}}</code>, one or more expected lines, then <code>{{end}}</code>. The
 * block's lines, as a group, stand for one or more consecutive copies of them in the actual
 * output, for output whose number of lines the original leaves to the machine (one line per
 * mounted file system, one per read chunk).
 *
 * <p>Blocks are kept as ranges of expected items. Matching chooses how often each block repeats:
 * {@link #fit} finds counts for which the whole output matches, if any (a search over
 * (item, output line) states, each tried once, so it stays polynomial with several blocks);
 * {@link #displayCounts} picks counts for a diff when none fit. {@link #expand} writes the items
 * out with the chosen counts, and the expanded items are then an ordinary expected output.
 *
 * <p>Instances are immutable once built.
 */
final class RepeatBlocks {

    static final String MARKER = "{{repeat}}";

    /** A file without repeated blocks. */
    static final RepeatBlocks NONE = new RepeatBlocks(List.of());

    /** Each block as [first item, last item + 1). */
    private final List<int[]> ranges;

    private RepeatBlocks(List<int[]> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** {@return whether the file has no repeated block} */
    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Collects blocks while {@link OutputMatcher#parse} reads the file. */
    static final class Builder {
        private final String file;
        private final List<int[]> ranges = new ArrayList<>();
        private int start = -1;
        private int openedAt;

        Builder(String file) {
            this.file = file;
        }

        /** {@return whether a block is open, i.e. an {@code {{end}}} would close it} */
        boolean isOpen() {
            return start >= 0;
        }

        /** A <code>{{repeat}}</code> line at file line {@code line}; the next item is the block's first. */
        void open(int nextItem, int line) {
            if (isOpen()) {
                throw new ExpectedOutputException(file, line, MARKER + " inside the block opened at line " + openedAt
                        + " (blocks do not nest)");
            }
            start = nextItem;
            openedAt = line;
        }

        /** The <code>{{end}}</code> of the open block; {@code nextItem} is the first item after it. */
        void close(int nextItem) {
            if (start == nextItem) {
                throw new ExpectedOutputException(file, openedAt, "empty " + MARKER + " block");
            }
            ranges.add(new int[] {start, nextItem});
            start = -1;
        }

        /** Fails when {@code line} opens another kind of block inside an open repeated block. */
        void refuseNested(String marker, int line) {
            if (isOpen()) {
                throw new ExpectedOutputException(file, line, marker + " inside the block opened at line " + openedAt
                        + " (blocks do not nest)");
            }
        }

        RepeatBlocks build() {
            if (isOpen()) {
                throw new ExpectedOutputException(file, openedAt, MARKER + " is never closed by " + OutputMatcher.END);
            }
            return ranges.isEmpty() ? NONE : new RepeatBlocks(ranges);
        }
    }

    /**
     * The items written out with a count per block, unordered blocks moved along.
     *
     * @param items the expanded items
     * @param blockOf for each, its unordered block's index, or -1
     * @param blocks the unordered blocks' new ranges
     * @param repeated for each, whether it is a copy of a repeated block's line
     */
    record Expansion(List<LinePattern> items, int[] blockOf, List<int[]> blocks, boolean[] repeated) {
    }

    private int startingAt(int item) {
        for (int r = 0; r < ranges.size(); r++) {
            if (ranges.get(r)[0] == item) {
                return r;
            }
        }
        return -1;
    }

    private static boolean copyMatches(List<LinePattern> items, int[] range, List<String> actual, int pos) {
        int len = range[1] - range[0];
        if (pos + len > actual.size()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (!items.get(range[0] + k).matches(actual.get(pos + k))) {
                return false;
            }
        }
        return true;
    }

    private static boolean unorderedMatches(List<LinePattern> items, int[] block, List<String> actual, int pos) {
        int size = block[1] - block[0];
        if (pos + size > actual.size()) {
            return false;
        }
        int[] pairs = BipartiteMatching.maximum(size, size,
                (l, r) -> items.get(block[0] + l).matches(actual.get(pos + r)));
        return BipartiteMatching.size(pairs) == size;
    }

    /**
     * Finds how often each block repeats so that the whole output matches.
     *
     * @param items the expected items (block lines written once)
     * @param blockOf for each item, its unordered block's index, or -1
     * @param blocks the unordered blocks as item ranges
     * @param actual the output's lines
     * @return one count (at least 1) per block, or {@code null} when no counts make the output match
     */
    int[] fit(List<LinePattern> items, int[] blockOf, List<int[]> blocks, List<String> actual) {
        int[] counts = new int[ranges.size()];
        BitSet failed = new BitSet();
        return search(0, 0, items, blockOf, blocks, actual, counts, failed) ? counts : null;
    }

    private boolean search(int item, int pos, List<LinePattern> items, int[] blockOf, List<int[]> blocks,
            List<String> actual, int[] counts, BitSet failed) {
        if (item == items.size()) {
            return pos == actual.size();
        }
        int state = item * (actual.size() + 1) + pos;
        if (failed.get(state)) {
            return false;
        }
        int r = startingAt(item);
        if (r >= 0) {
            int[] range = ranges.get(r);
            int len = range[1] - range[0];
            for (int n = 1, p = pos; copyMatches(items, range, actual, p); n++, p += len) {
                counts[r] = n;
                if (search(range[1], p + len, items, blockOf, blocks, actual, counts, failed)) {
                    return true;
                }
            }
        } else if (blockOf[item] >= 0) {
            int[] block = blocks.get(blockOf[item]);
            if (unorderedMatches(items, block, actual, pos)
                    && search(block[1], pos + block[1] - block[0], items, blockOf, blocks, actual, counts, failed)) {
                return true;
            }
        } else if (pos < actual.size() && items.get(item).matches(actual.get(pos))
                && search(item + 1, pos + 1, items, blockOf, blocks, actual, counts, failed)) {
            return true;
        }
        failed.set(state);
        return false;
    }

    /**
     * Counts for showing a mismatch: walking the output in step with the items, each block takes
     * as many consecutive copies as match where it starts (at least one).
     *
     * @param items the expected items
     * @param blockOf for each item, its unordered block's index, or -1
     * @param blocks the unordered blocks
     * @param actual the output's lines
     * @return one count per block
     */
    int[] displayCounts(List<LinePattern> items, int[] blockOf, List<int[]> blocks, List<String> actual) {
        int[] counts = new int[ranges.size()];
        int pos = 0;
        int item = 0;
        while (item < items.size()) {
            int r = startingAt(item);
            if (r >= 0) {
                int[] range = ranges.get(r);
                int len = range[1] - range[0];
                int n = 0;
                while (copyMatches(items, range, actual, pos + n * len)) {
                    n++;
                }
                counts[r] = Math.max(1, n);
                pos += counts[r] * len;
                item = range[1];
            } else if (blockOf[item] >= 0) {
                int[] block = blocks.get(blockOf[item]);
                pos += block[1] - block[0];
                item = block[1];
            } else {
                pos++;
                item++;
            }
        }
        return counts;
    }

    /**
     * Writes the items out with {@code counts[r]} copies of block {@code r}.
     *
     * @param items the expected items
     * @param blockOf for each item, its unordered block's index, or -1
     * @param blocks the unordered blocks
     * @param counts one count per block, each at least 1
     * @return the expanded items, with the unordered blocks' ranges moved to match
     */
    Expansion expand(List<LinePattern> items, int[] blockOf, List<int[]> blocks, int[] counts) {
        List<LinePattern> out = new ArrayList<>();
        List<Integer> outBlockOf = new ArrayList<>();
        List<Boolean> copies = new ArrayList<>();
        int[][] moved = new int[blocks.size()][2];
        int item = 0;
        while (item < items.size()) {
            int r = startingAt(item);
            if (r >= 0) {
                int[] range = ranges.get(r);
                for (int n = 0; n < counts[r]; n++) {
                    for (int k = range[0]; k < range[1]; k++) {
                        out.add(items.get(k));
                        outBlockOf.add(-1);
                        copies.add(true);
                    }
                }
                item = range[1];
                continue;
            }
            int b = blockOf[item];
            if (b >= 0 && blocks.get(b)[0] == item) {
                moved[b][0] = out.size();
            }
            out.add(items.get(item));
            outBlockOf.add(b);
            copies.add(false);
            if (b >= 0 && blocks.get(b)[1] == item + 1) {
                moved[b][1] = out.size();
            }
            item++;
        }
        boolean[] repeated = new boolean[copies.size()];
        for (int i = 0; i < repeated.length; i++) {
            repeated[i] = copies.get(i);
        }
        return new Expansion(out, outBlockOf.stream().mapToInt(Integer::intValue).toArray(), List.of(moved), repeated);
    }
}
