package io.github.asyncioworkbook.runner;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The matching rule for TCP reads, used only for the two sides of a server/client pair
 * ({@link LessonPair}, {@link PairRun}) and for their comparison with CPython's output: how TCP cuts
 * a byte stream into reads is left to chance, so one expected {@code received}/{@code sent} line
 * may stand for several actual ones whose payloads join up to it.
 *
 * <h2>The rule</h2>
 * A <em>chunk line</em> is exactly {@code <who>: received b'...'} or {@code <who>: sent b'...'}
 * (a Python bytes repr, either quote). In the expected text, a run of consecutive chunk lines with
 * the same {@code <who>}, outside unordered blocks (inside a repeated block too), is a <em>group</em>; its verbs, in order, are
 * what one read logs (e.g. {@code received} then {@code sent} for an echo server, {@code received}
 * alone for a client). Where the actual output holds, instead of a group's lines, that same verb
 * sequence repeated, one repetition per read, all with one {@code <who>} that the group's
 * {@code <who>} matches (its placeholders apply), such that for each verb position the payloads
 * of the repetitions, joined, are byte for byte the group's payload there. For matching, those
 * lines are replaced by the group's lines (with the actual {@code <who>}); every other line is
 * matched as {@link OutputMatcher} says, which also checks that the joined lines stand where the
 * group does (the joining itself looks for any group of the expected text, so a group inside a
 * repeated block joins in every copy). Nothing else is joined: a {@code received EOF} line, a
 * payload that ends too early or runs past the expected one, or a verb out of order leaves the
 * actual lines as they are, and they then fail to match.
 */
final class SplitReads {

    private static final Pattern CHUNK = Pattern.compile("(.*): (received|sent) (b'(?:[^'\\\\]|\\\\.)*'|b\"(?:[^\"\\\\]|\\\\.)*\")");

    private SplitReads() {
    }

    /** A chunk line taken apart. */
    private record Chunk(String who, String verb, String repr, byte[] payload) {
        static Chunk parse(String line) {
            Matcher m = CHUNK.matcher(line);
            return m.matches() ? new Chunk(m.group(1), m.group(2), m.group(3), bytes(m.group(3))) : null;
        }
    }

    /**
     * Matches actual output against an expected text under the rule above.
     *
     * @param expectedName the expected file's name, for messages
     * @param expectedText the expected text (already parsed into {@code matcher})
     * @param matcher      the matcher of that text
     * @param actualName   what to call the actual side in a diff
     * @param actualOutput the output
     * @return the match; a diff shows the actual output with the reads the rule joined already joined
     */
    static MatchResult match(OutputMatcher matcher, String expectedText, String actualName, String actualOutput) {
        MatchResult plain = matcher.match(actualName, actualOutput);
        if (plain.matched()) {
            return plain;
        }
        String joined = join(matcher.expectedName(), expectedText, actualOutput);
        return joined.equals(OutputMatcher.normalize(actualOutput)) ? plain
                : matcher.match(actualName + ", split reads joined", joined);
    }

    /**
     * Joins, in {@code actualOutput}, each run of split reads that stands where the expected text
     * has a group (see the class comment).
     *
     * @param expectedName the expected file's name, for messages
     * @param expectedText the expected text
     * @param actualOutput the output
     * @return the output with those runs joined (normalized as {@link OutputMatcher#normalize})
     */
    static String join(String expectedName, String expectedText, String actualOutput) {
        List<List<String>> groups = groups(expectedText);
        String text = OutputMatcher.normalize(actualOutput);
        List<String> actual = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
        List<String> out = new ArrayList<>();
        int a = 0;
        while (a < actual.size()) {
            int consumed = 0;
            for (int g = 0; g < groups.size() && consumed == 0; g++) {
                consumed = consume(expectedName, groups.get(g), actual, a, out);
            }
            if (consumed > 0) {
                a += consumed;
            } else {
                out.add(actual.get(a));
                a++;
            }
        }
        return String.join("\n", out);
    }

    /**
     * The expected text's groups, each once, longest first: runs of chunk lines with one
     * {@code <who>}, outside unordered blocks (a repeated block's lines count like any others).
     */
    private static List<List<String>> groups(String expectedText) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean unordered = false;
        for (String line : OutputMatcher.normalize(expectedText).split("\n", -1)) {
            Chunk c = unordered ? null : Chunk.parse(line);
            if (c == null || !current.isEmpty() && !Chunk.parse(current.getFirst()).who().equals(c.who())) {
                addGroup(groups, current);
                current = new ArrayList<>();
            }
            if (line.equals(OutputMatcher.UNORDERED)) {
                unordered = true;
            } else if (line.equals(OutputMatcher.END)) {
                unordered = false;
            } else if (c != null) {
                current.add(line);
            }
        }
        addGroup(groups, current);
        groups.sort((x, y) -> Integer.compare(y.size(), x.size()));
        return groups;
    }

    private static void addGroup(List<List<String>> groups, List<String> group) {
        if (!group.isEmpty() && !groups.contains(group)) {
            groups.add(List.copyOf(group));
        }
    }

    /**
     * Tries to read the group's verb sequence, repeated, from {@code actual[a..]}; on success adds
     * the joined lines to {@code out} and returns how many actual lines they replace, else 0.
     */
    private static int consume(String expectedName, List<String> group, List<String> actual, int a, List<String> out) {
        List<Chunk> want = group.stream().map(Chunk::parse).toList();
        LinePattern who = LinePattern.compile(expectedName, 0, want.getFirst().who());
        ByteArrayOutputStream[] got = new ByteArrayOutputStream[want.size()];
        Arrays.setAll(got, i -> new ByteArrayOutputStream());
        String actualWho = null;
        int at = a;
        while (true) {
            for (int t = 0; t < want.size(); t++, at++) {
                Chunk c = at < actual.size() ? Chunk.parse(actual.get(at)) : null;
                if (c == null || !c.verb().equals(want.get(t).verb()) || c.payload().length == 0
                        || (actualWho == null ? !who.matches(c.who()) : !actualWho.equals(c.who()))) {
                    return 0;
                }
                actualWho = c.who();
                got[t].writeBytes(c.payload());
                if (!startsWith(want.get(t).payload(), got[t].toByteArray())) {
                    return 0;
                }
            }
            boolean complete = true;
            for (int t = 0; t < want.size(); t++) {
                complete &= got[t].size() == want.get(t).payload().length;
            }
            if (complete) {
                for (Chunk w : want) {
                    out.add(actualWho + ": " + w.verb() + " " + w.repr());
                }
                return at - a;
            }
        }
    }

    private static boolean startsWith(byte[] whole, byte[] prefix) {
        return prefix.length <= whole.length && Arrays.equals(whole, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The bytes a Python bytes repr ({@code b'...'} or {@code b"..."}) stands for. */
    static byte[] bytes(String repr) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String body = repr.substring(2, repr.length() - 1);
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.write(c);
                continue;
            }
            char n = body.charAt(++i);
            switch (n) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case 'x' -> {
                    out.write(Integer.parseInt(body.substring(i + 1, Math.min(i + 3, body.length())), 16));
                    i += 2;
                }
                default -> out.write(n);
            }
        }
        return out.toByteArray();
    }
}
