package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Compares a lesson's actual output with its expected-output file ({@code Lesson.out}).
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li>Both texts have CRLF line ends turned into LF, then one trailing newline (if any)
 *       dropped. Nothing else is normalized: spaces, tabs, blank lines and case all count.</li>
 *   <li>Otherwise the comparison is line by line and exact: the actual output must have exactly
 *       as many lines as the expected file describes, and each must match its expected line.</li>
 *   <li>An expected line may hold placeholders for what the original program leaves to chance.
 *       A placeholder matches only inside its line:
 *       <ul>
 *         <li><code>{{int}}</code> an integer: optional {@code -}, then decimal digits;</li>
 *         <li><code>{{float}}</code> a Python float repr: {@code 0.5}, {@code 100.0},
 *             {@code 1e-05}, {@code 1.5e+16}, {@code inf}, {@code nan}, each optionally
 *             negative (a bare {@code 3} is not a float repr);</li>
 *         <li><code>{{hex}}</code> {@code 0x} followed by hex digits, e.g. an address;</li>
 *         <li><code>{{any}}</code> any text, possibly empty, within the line.</li>
 *       </ul>
 *       Write <code>{{{{</code> for a literal <code>{{</code>; a <code>}}</code> outside a
 *       placeholder is literal.</li>
 *   <li>Unordered block: a line that is exactly <code>{{unordered}}</code>, then expected lines,
 *       then a line that is exactly <code>{{end}}</code>. The marker lines are not output. The
 *       actual lines at that place must be the same multiset as the block's lines, in any order
 *       (each block line matched by a different actual line; placeholders still apply).
 *       Blocks do not nest and may not be empty.</li>
 *   <li>Repeated block: a line that is exactly <code>{{repeat}}</code>, then expected lines, then
 *       <code>{{end}}</code>. The block's lines, as a group, match one or more consecutive
 *       copies of them in the actual output, for a number of lines that the original leaves to
 *       the machine (one per mounted disk, one per read chunk); placeholders apply in each copy.
 *       If several counts would fit, any is accepted. It does not nest with other blocks and may
 *       not be empty. See {@link RepeatBlocks}.</li>
 *   <li>A missing, empty (or only blank) expected file is an error, never a pass. So is a
 *       malformed one: unknown placeholder, unclosed <code>{{</code>, unclosed block, stray
 *       <code>{{end}}</code>, a marker sharing its line with other text. Errors are
 *       {@link ExpectedOutputException}s naming the file and line.</li>
 * </ol>
 * On a mismatch, {@link MatchResult.Mismatched} carries a unified diff: {@code -} lines are
 * expected lines as written in the file (marker lines left out, an unordered block's lines listed
 * in the order that best fits the actual output), {@code +} lines are actual lines, and context
 * lines show the actual text. The same rules are described for authors in {@code MATCHING.md}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class OutputMatcher {

    static final String UNORDERED = "{{unordered}}";
    static final String END = "{{end}}";

    private final String expectedName;
    private final List<LinePattern> items;
    /** For each item, the index of its unordered block in {@link #blocks}, or -1. */
    private final int[] blockOf;
    /** Unordered blocks as [first item, last item + 1). */
    private final List<int[]> blocks;
    /** Repeated blocks (rule 5). */
    private final RepeatBlocks repeats;

    private OutputMatcher(String expectedName, List<LinePattern> items, int[] blockOf, List<int[]> blocks,
            RepeatBlocks repeats) {
        this.expectedName = expectedName;
        this.items = List.copyOf(items);
        this.blockOf = blockOf;
        this.blocks = List.copyOf(blocks);
        this.repeats = repeats;
    }

    /**
     * Parses the text of an expected-output file.
     *
     * @param expectedName the file's name as authors should see it in errors and diffs
     * @param expectedText the file's content
     * @return a matcher for that expected output
     * @throws ExpectedOutputException if the text is empty, blank or malformed
     */
    public static OutputMatcher parse(String expectedName, String expectedText) {
        String text = normalize(expectedText);
        if (text.isBlank()) {
            throw new ExpectedOutputException(expectedName, 0,
                    "expected-output file is empty; it must hold what the lesson prints");
        }
        List<LinePattern> items = new ArrayList<>();
        List<Integer> blockIds = new ArrayList<>();
        List<int[]> blocks = new ArrayList<>();
        int openedAt = 0;
        int blockStart = -1;
        RepeatBlocks.Builder repeats = new RepeatBlocks.Builder(expectedName);
        String[] lines = text.split("\n", -1);
        for (int n = 1; n <= lines.length; n++) {
            String line = lines[n - 1];
            if (line.equals(RepeatBlocks.MARKER) || (line.equals(END) && repeats.isOpen())) {
                if (blockStart >= 0) {
                    throw new ExpectedOutputException(expectedName, n,
                            line + " inside the block opened at line " + openedAt + " (blocks do not nest)");
                }
                if (line.equals(END)) {
                    repeats.close(items.size());
                } else {
                    repeats.open(items.size(), n);
                }
            } else if (line.equals(UNORDERED)) {
                repeats.refuseNested(UNORDERED, n);
                if (blockStart >= 0) {
                    throw new ExpectedOutputException(expectedName, n,
                            UNORDERED + " inside the block opened at line " + openedAt + " (blocks do not nest)");
                }
                blockStart = items.size();
                openedAt = n;
            } else if (line.equals(END)) {
                if (blockStart < 0) {
                    throw new ExpectedOutputException(expectedName, n, END + " without a matching " + UNORDERED);
                }
                if (blockStart == items.size()) {
                    throw new ExpectedOutputException(expectedName, openedAt, "empty " + UNORDERED + " block");
                }
                blocks.add(new int[] {blockStart, items.size()});
                blockStart = -1;
            } else {
                items.add(LinePattern.compile(expectedName, n, line));
                blockIds.add(blockStart >= 0 ? blocks.size() : -1);
            }
        }
        if (blockStart >= 0) {
            throw new ExpectedOutputException(expectedName, openedAt, UNORDERED + " is never closed by " + END);
        }
        int[] blockOf = blockIds.stream().mapToInt(Integer::intValue).toArray();
        return new OutputMatcher(expectedName, items, blockOf, blocks, repeats.build());
    }

    /** What a matched output line may differ in from one run to the next. */
    public enum LineKind {
        /** The line is fixed: every run prints it byte for byte. */
        EXACT,
        /** The line holds a placeholder (a wall-clock time, an address): its value varies. */
        VALUE_VARIES,
        /** The line is fixed but sits in an unordered block: its position varies. */
        ORDER_VARIES
    }

    /**
     * Says, for each line of an output this matcher accepts, whether it is reproducible. A
     * matching output has exactly one line per expected line (markers left out), so the list
     * lines up with the output's lines. With repeated blocks it has one kind per expected line
     * (each block's lines once) and lines up only when each block occurs once: use
     * {@link #lineKinds(String)} there.
     *
     * @return one kind per output line, in output order
     */
    public List<LineKind> lineKinds() {
        List<LineKind> kinds = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            kinds.add(items.get(i).regex() != null ? LineKind.VALUE_VARIES
                    : blockOf[i] >= 0 ? LineKind.ORDER_VARIES : LineKind.EXACT);
        }
        return kinds;
    }

    /**
     * Says, for each line of {@code actualOutput}, whether it is reproducible; for an output this
     * matcher accepts. Lines of a repeated block vary in number, so they count as
     * {@link LineKind#VALUE_VARIES}.
     *
     * @param actualOutput an output this matcher accepts
     * @return one kind per output line, in output order
     */
    public List<LineKind> lineKinds(String actualOutput) {
        if (repeats.isEmpty()) {
            return lineKinds();
        }
        List<String> actual = lines(actualOutput);
        int[] counts = repeats.fit(items, blockOf, blocks, actual);
        RepeatBlocks.Expansion e = repeats.expand(items, blockOf, blocks,
                counts != null ? counts : repeats.displayCounts(items, blockOf, blocks, actual));
        List<LineKind> kinds = new OutputMatcher(expectedName, e.items(), e.blockOf(), e.blocks(), RepeatBlocks.NONE).lineKinds();
        List<LineKind> out = new ArrayList<>(kinds);
        for (int i = 0; i < out.size(); i++) {
            if (e.repeated()[i]) {
                out.set(i, LineKind.VALUE_VARIES);
            }
        }
        return out;
    }

    private static List<String> lines(String output) {
        String text = normalize(output);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
    }

    /**
     * Reads and parses an expected-output file (UTF-8).
     *
     * @param expectedFile the {@code .out} file; its path as given is used in messages
     * @return a matcher for that file
     * @throws ExpectedOutputException if the file is missing, empty, blank or malformed
     * @throws UncheckedIOException    if it exists but cannot be read
     */
    public static OutputMatcher load(Path expectedFile) {
        try {
            return parse(expectedFile.toString(), Files.readString(expectedFile, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new ExpectedOutputException(expectedFile.toString(), 0,
                    "expected-output file is missing; every lesson needs one beside it");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + expectedFile, e);
        }
    }

    /**
     * Applies rule 1: CRLF becomes LF, then one trailing LF (if any) is removed.
     *
     * @param text any output text
     * @return the normalized text
     */
    public static String normalize(String text) {
        String lf = text.replace("\r\n", "\n");
        return lf.endsWith("\n") ? lf.substring(0, lf.length() - 1) : lf;
    }

    /** {@return the expected file's name, as given to {@link #parse} or {@link #load}} */
    public String expectedName() {
        return expectedName;
    }

    /**
     * Matches actual output; the diff names the actual side "actual output".
     *
     * @param actualOutput everything the lesson printed (stdout and stderr merged)
     * @return {@link MatchResult.Matched} or a {@link MatchResult.Mismatched} with a diff
     */
    public MatchResult match(String actualOutput) {
        return match("actual output", actualOutput);
    }

    /**
     * Matches actual output.
     *
     * @param actualName   what to call the actual side in the diff header, e.g. the lesson name
     * @param actualOutput everything the lesson printed (stdout and stderr merged)
     * @return {@link MatchResult.Matched} or a {@link MatchResult.Mismatched} with a diff
     */
    public MatchResult match(String actualName, String actualOutput) {
        if (!repeats.isEmpty()) {
            List<String> lines = lines(actualOutput);
            int[] counts = repeats.fit(items, blockOf, blocks, lines);
            if (counts != null) {
                return new MatchResult.Matched();
            }
            RepeatBlocks.Expansion e = repeats.expand(items, blockOf, blocks, repeats.displayCounts(items, blockOf, blocks, lines));
            return new OutputMatcher(expectedName, e.items(), e.blockOf(), e.blocks(), RepeatBlocks.NONE).match(actualName, actualOutput);
        }
        String text = normalize(actualOutput);
        List<String> actual = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
        if (fits(actual)) {
            return new MatchResult.Matched();
        }
        int[] order = displayOrder(actual);
        List<LineAlignment.Pair> pairs = LineAlignment.align(order.length, actual.size(),
                (e, a) -> items.get(order[e]).matches(actual.get(a)));
        List<UnifiedDiff.Op> ops = new ArrayList<>();
        int firstChangedItem = -2;
        int e = 0;
        int a = 0;
        for (LineAlignment.Pair pair : withSentinel(pairs, order.length, actual.size())) {
            if ((e < pair.expected() || a < pair.actual()) && firstChangedItem == -2) {
                firstChangedItem = e < order.length ? order[e] : -1;
            }
            for (; e < pair.expected(); e++) {
                ops.add(new UnifiedDiff.Op(UnifiedDiff.Kind.DELETE, items.get(order[e]).raw()));
            }
            for (; a < pair.actual(); a++) {
                ops.add(new UnifiedDiff.Op(UnifiedDiff.Kind.INSERT, actual.get(a)));
            }
            if (e < order.length && a < actual.size()) {
                ops.add(new UnifiedDiff.Op(UnifiedDiff.Kind.KEEP, actual.get(a)));
            }
            e++;
            a++;
        }
        String where = firstChangedItem >= 0
                ? expectedName + ":" + items.get(firstChangedItem).fileLine()
                : "the end of " + expectedName;
        String summary = "output does not match " + expectedName + ": first difference at " + where
                + " (expected " + items.size() + " lines, actual output has " + actual.size() + ")";
        String diff = UnifiedDiff.render(expectedName + " (expected)", actualName, ops);
        return new MatchResult.Mismatched(summary, diff);
    }

    private static List<LineAlignment.Pair> withSentinel(List<LineAlignment.Pair> pairs, int n, int m) {
        List<LineAlignment.Pair> all = new ArrayList<>(pairs);
        all.add(new LineAlignment.Pair(n, m));
        return all;
    }

    /** The pass/fail rule: same line count, ordered lines in place, each block a permutation. */
    private boolean fits(List<String> actual) {
        if (actual.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            if (blockOf[i] < 0 && !items.get(i).matches(actual.get(i))) {
                return false;
            }
        }
        for (int[] block : blocks) {
            int start = block[0];
            int size = block[1] - block[0];
            int[] pairs = BipartiteMatching.maximum(size, size,
                    (l, r) -> items.get(start + l).matches(actual.get(start + r)));
            if (BipartiteMatching.size(pairs) != size) {
                return false;
            }
        }
        return true;
    }

    /**
     * Item order for the diff: written order, except that each unordered block lists the lines
     * it can pair with actual lines first (in actual order), then the lines it cannot.
     */
    private int[] displayOrder(List<String> actual) {
        int[] order = IntStream.range(0, items.size()).toArray();
        if (blocks.isEmpty()) {
            return order;
        }
        List<LineAlignment.Pair> rough = LineAlignment.align(items.size(), actual.size(),
                (e, a) -> blockOf[e] < 0 ? items.get(e).matches(actual.get(a)) : blockAccepts(blockOf[e], actual.get(a)));
        for (int[] block : blocks) {
            int lo = -1;
            int hi = actual.size();
            for (LineAlignment.Pair p : rough) {
                if (p.expected() < block[0]) {
                    lo = Math.max(lo, p.actual());
                } else if (p.expected() >= block[1]) {
                    hi = Math.min(hi, p.actual());
                }
            }
            int from = lo + 1;
            int size = block[1] - block[0];
            int[] pairs = BipartiteMatching.maximum(size, Math.max(0, hi - from),
                    (l, r) -> items.get(block[0] + l).matches(actual.get(from + r)));
            Integer[] sorted = IntStream.range(0, size).boxed().toArray(Integer[]::new);
            Arrays.sort(sorted, Comparator.comparingInt(l -> pairs[l] < 0 ? Integer.MAX_VALUE : pairs[l]));
            for (int k = 0; k < size; k++) {
                order[block[0] + k] = block[0] + sorted[k];
            }
        }
        return order;
    }

    private boolean blockAccepts(int block, String line) {
        int[] range = blocks.get(block);
        for (int i = range[0]; i < range[1]; i++) {
            if (items.get(i).matches(line)) {
                return true;
            }
        }
        return false;
    }
}
