package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.asyncioworkbook.runner.OutputMatcher.LineKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 5 of {@link OutputMatcher}: <code>{{repeat}}</code> ... <code>{{end}}</code>. */
class RepeatBlocksTest {

    private static MatchResult match(String expected, String actual) {
        return OutputMatcher.parse("T.out", expected).match("T", actual);
    }

    private static void accepts(String expected, String actual) {
        MatchResult result = match(expected, actual);
        assertTrue(result.matched(), () -> "should match, got:\n" + ((MatchResult.Mismatched) result).report());
    }

    private static MatchResult.Mismatched rejects(String expected, String actual) {
        return assertInstanceOf(MatchResult.Mismatched.class, match(expected, actual), "should not match");
    }

    private static ExpectedOutputException malformed(String expected) {
        return assertThrows(ExpectedOutputException.class, () -> OutputMatcher.parse("T.out", expected));
    }

    /** A df listing as the subprocess lessons print it: a header, then one line per file system. */
    private static final String DF = """
            Free space:
            {{repeat}}
            {{any}}: {{any}}
            {{end}}
            done
            """;

    @Test
    void aBlockMatchesOneOrMoreCopiesOfItsLines() {
        accepts(DF, "Free space:\n/: 80G\ndone\n");
        accepts(DF, "Free space:\n/dev: 12G\n/dev/shm: 24G\n/: 80G\n/sys/fs/cgroup: 12G\ndone\n");
    }

    @Test
    void zeroCopiesOrALineThatMatchesNoCopyIsRejected() {
        rejects(DF, "Free space:\ndone\n");
        MatchResult.Mismatched m = rejects(DF, "Free space:\n/: 80G\nno colon here\ndone\n");
        assertTrue(m.diff().contains("+no colon here"), m.diff());
        assertTrue(m.summary().contains("T.out:5"), m.summary());
    }

    @Test
    void aBlockOfSeveralLinesRepeatsAsAGroupInOrder() {
        String expected = "{{repeat}}\nread {{int}}\nok\n{{end}}\nend\n";
        accepts(expected, "read 1\nok\nread 2\nok\nend\n");
        rejects(expected, "read 1\nok\nread 2\nend\n");
        rejects(expected, "ok\nread 1\nend\n");
    }

    @Test
    void aBlockDoesNotSwallowTheLinesAfterIt() {
        // Greedy would take every "x" line; the search gives the last one back to the fixed line.
        String expected = "{{repeat}}\n{{any}}\n{{end}}\nx\n";
        accepts(expected, "a\nx\n");
        accepts(expected, "a\nx\nx\nx\n");
        rejects(expected, "x\n");
    }

    @Test
    void twoBlocksAndUnorderedBlocksAndPlaceholdersTogether() {
        String expected = """
                pid {{int}}
                {{repeat}}
                read b'{{any}}\\n'
                {{end}}
                read b''
                {{unordered}}
                a
                b
                {{end}}
                {{repeat}}
                {{any}}: {{any}}
                {{end}}
                """;
        accepts(expected, "pid 7\nread b'x\\n'\nread b'y\\n'\nread b''\nb\na\n/: 1G\n/dev: 2G\n");
        rejects(expected, "pid 7\nread b'x\\n'\nread b''\na\na\n/: 1G\n");
    }

    @Test
    void aMismatchAfterTheBlockIsReportedAtItsFileLine() {
        MatchResult.Mismatched m = rejects(DF, "Free space:\n/: 80G\n/boot: 1G\nnot done\n");
        assertTrue(m.summary().contains("T.out:5"), m.summary());
        assertTrue(m.diff().contains("-done\n+not done"), m.diff());
    }

    @Test
    void malformedBlocksNameTheFileAndLine() {
        assertTrue(malformed("a\n{{repeat}}\nb\n").getMessage().contains("T.out:2"));
        assertTrue(malformed("{{repeat}}\n{{end}}\n").getMessage().contains("empty {{repeat}} block"));
        assertTrue(malformed("{{repeat}}\n{{unordered}}\nx\n{{end}}\n{{end}}\n").getMessage().contains("do not nest"));
        assertTrue(malformed("{{unordered}}\n{{repeat}}\nx\n{{end}}\n{{end}}\n").getMessage().contains("do not nest"));
        assertTrue(malformed("{{repeat}}\nx\n{{repeat}}\n").getMessage().contains("do not nest"));
        assertTrue(malformed("x {{repeat}}\n").getMessage().contains("must stand alone"));
    }

    @Test
    void lineKindsFollowTheOutputAndMarkRepeatedLinesAsVarying() {
        OutputMatcher m = OutputMatcher.parse("T.out", DF);
        assertEquals(List.of(LineKind.EXACT, LineKind.VALUE_VARIES, LineKind.VALUE_VARIES, LineKind.VALUE_VARIES, LineKind.EXACT),
                m.lineKinds("Free space:\n/: 1G\n/a: 2G\n/b: 3G\ndone\n"));
        OutputMatcher fixed = OutputMatcher.parse("T.out", "{{repeat}}\nsame\n{{end}}\n");
        assertEquals(List.of(LineKind.VALUE_VARIES, LineKind.VALUE_VARIES), fixed.lineKinds("same\nsame\n"));
    }

    @Test
    void manyBlocksOnALongOutputStayFast() {
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (int b = 0; b < 20; b++) {
            expected.append("{{repeat}}\n{{any}}\n{{end}}\nsep\n");
            actual.append("line\n".repeat(30)).append("sep\n");
        }
        actual.append("extra\n");
        rejects(expected.toString(), actual.toString());
        accepts(expected.toString(), actual.substring(0, actual.length() - "extra\n".length()));
    }
}
