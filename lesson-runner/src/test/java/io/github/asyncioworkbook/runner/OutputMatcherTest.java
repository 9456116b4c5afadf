package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputMatcherTest {

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

    @Nested
    class Exact {
        @Test
        void identicalTextMatches() {
            accepts("creating task\nin task_func\nreturn value: 'the result'\n",
                    "creating task\nin task_func\nreturn value: 'the result'\n");
        }

        @Test
        void crlfAndOneTrailingNewlineAreIgnored() {
            accepts("a\r\nb\r\n", "a\nb");
            accepts("a\nb", "a\r\nb\n");
        }

        @Test
        void aSecondTrailingNewlineIsAnExtraBlankLine() {
            MatchResult.Mismatched m = rejects("a\nb\n", "a\nb\n\n");
            assertTrue(m.diff().contains("\n+\n"), m.diff());
        }

        @Test
        void whitespaceAndCaseCount() {
            rejects("a b", "a  b");
            rejects("a b", "a b ");
            rejects("\tx", "    x");
            rejects("Done", "done");
        }

        @Test
        void driftInOneLineIsRejectedWithADiffShowingIt() {
            String expected = "l1\nl2\nl3\nl4\nphase 2 done\nl6\nl7\nl8\nl9\n";
            String actual = "l1\nl2\nl3\nl4\nphase 3 done\nl6\nl7\nl8\nl9\n";
            MatchResult.Mismatched m = rejects(expected, actual);
            assertEquals("""
                    --- T.out (expected)
                    +++ T
                    @@ -2,7 +2,7 @@
                     l2
                     l3
                     l4
                    -phase 2 done
                    +phase 3 done
                     l6
                     l7
                     l8
                    """, m.diff());
            assertTrue(m.summary().contains("T.out:5"), m.summary());
        }

        @Test
        void missingAndExtraLinesAreShown() {
            MatchResult.Mismatched missing = rejects("a\nb\nc\n", "a\nc\n");
            assertEquals("--- T.out (expected)\n+++ T\n@@ -1,3 +1,2 @@\n a\n-b\n c\n", missing.diff());
            MatchResult.Mismatched extra = rejects("a\nc\n", "a\nb\nc\n");
            assertEquals("--- T.out (expected)\n+++ T\n@@ -1,2 +1,3 @@\n a\n+b\n c\n", extra.diff());
        }

        @Test
        void distantChangesGiveSeparateHunksAndCloseOnesMerge() {
            StringBuilder e = new StringBuilder();
            StringBuilder a = new StringBuilder();
            for (int i = 1; i <= 30; i++) {
                e.append("line ").append(i).append('\n');
                a.append(i == 3 || i == 25 ? "CHANGED" : "line " + i).append('\n');
            }
            String diff = rejects(e.toString(), a.toString()).diff();
            assertEquals(2, diff.lines().filter(l -> l.startsWith("@@")).count(), diff);
            assertTrue(diff.contains("@@ -1,6 +1,6 @@"), diff);
            assertTrue(diff.contains("@@ -22,7 +22,7 @@"), diff);

            String close = rejects("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\nX\n3\n4\n5\n6\n7\nY\n9\n").diff();
            assertEquals(1, close.lines().filter(l -> l.startsWith("@@")).count(), close);
        }

        @Test
        void emptyActualOutputIsRejected() {
            MatchResult.Mismatched m = rejects("something\n", "");
            assertEquals("--- T.out (expected)\n+++ T\n@@ -1 +0,0 @@\n-something\n", m.diff());
        }

        @Test
        void extraOutputAtTheEndIsRejected() {
            MatchResult.Mismatched m = rejects("a\n", "a\nTraceback\n");
            assertTrue(m.diff().contains("+Traceback"), m.diff());
            assertTrue(m.summary().contains("the end of T.out"), m.summary());
        }
    }

    @Nested
    class Placeholders {
        @ParameterizedTest
        @ValueSource(strings = {"0", "7", "42", "-3", "123456789012345678901234567890"})
        void intAccepts(String value) {
            accepts("took {{int}} steps", "took " + value + " steps");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "1.0", "x", "12a", "+3", "0x1f", "1 2"})
        void intRejects(String value) {
            rejects("took {{int}} steps", "took " + value + " steps");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.1", "100.0", "1e-05", "1.5e+16", "-2.5", "inf", "-inf", "nan", "3e+100"})
        void floatAcceptsPythonReprs(String value) {
            accepts("elapsed {{float}}", "elapsed " + value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "3", "1.", ".5", "1.0E-5", "1e5", "1.0.0", "abc", "1,5"})
        void floatRejects(String value) {
            rejects("elapsed {{float}}", "elapsed " + value);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0x7f3b2c1d0e50", "0x0", "0xDEADbeef"})
        void hexAccepts(String value) {
            accepts("<Future at {{hex}}>", "<Future at " + value + ">");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "7f3b2c", "0x", "0xzz", "#ff"})
        void hexRejects(String value) {
            rejects("<Future at {{hex}}>", "<Future at " + value + ">");
        }

        @Test
        void anyAcceptsAnyTextIncludingNothingButStaysOnItsLine() {
            accepts("Thread[{{any}}] done", "Thread[#21,pool-1,5,main] done");
            accepts("Thread[{{any}}] done", "Thread[] done");
            accepts("a\n{{any}}\nb", "a\n\nb");
            rejects("Thread[{{any}}] done", "Thread[x] done!");
            rejects("a {{any}}\nb", "a x\ny\nb");
        }

        @Test
        void severalPlaceholdersAndLiteralRegexCharactersOnOneLine() {
            accepts("[{{int}}] (a.b*) {{float}} s at {{hex}} {{any}}|", "[12] (a.b*) 0.25 s at 0xff whatever|");
            rejects("(a.b*) {{int}}", "(aXb*) 1");
        }

        @Test
        void escapedBracesAreLiteral() {
            accepts("map {{{{a}} = {{int}}", "map {{a}} = 5");
            rejects("map {{{{a}}", "map {a}");
            accepts("}} alone", "}} alone");
            accepts("{{{{int}}", "{{int}}");
            rejects("{{{{int}}", "5");
        }

        @Test
        void placeholderLineWithoutPlaceholdersAfterEscapesIsStillExact() {
            accepts("{{{{}}", "{{}}");
        }

        @Test
        void mismatchDiffShowsThePlaceholderLineAsWrittenAndMatchedLinesAsActual() {
            MatchResult.Mismatched m = rejects("id {{hex}}\nt={{float}}\nend\n", "id 0xab\nt=fast\nend\n");
            assertEquals("--- T.out (expected)\n+++ T\n@@ -1,3 +1,3 @@\n id 0xab\n-t={{float}}\n+t=fast\n end\n",
                    m.diff());
        }
    }

    @Nested
    class Unordered {
        private static final String EXPECTED = """
                start
                {{unordered}}
                worker 1 done
                worker 2 done
                worker 3 done
                {{end}}
                finish
                """;

        @Test
        void acceptsAnyPermutation() {
            accepts(EXPECTED, "start\nworker 1 done\nworker 2 done\nworker 3 done\nfinish\n");
            accepts(EXPECTED, "start\nworker 3 done\nworker 1 done\nworker 2 done\nfinish\n");
            accepts(EXPECTED, "start\nworker 2 done\nworker 3 done\nworker 1 done\nfinish\n");
        }

        @Test
        void rejectsAMissingLineWithADiff() {
            MatchResult.Mismatched m = rejects(EXPECTED, "start\nworker 3 done\nworker 1 done\nfinish\n");
            assertTrue(m.diff().contains("-worker 2 done"), m.diff());
            assertFalse(m.diff().contains("+worker"), m.diff());
        }

        @Test
        void rejectsAnExtraLine() {
            MatchResult.Mismatched m = rejects(EXPECTED,
                    "start\nworker 3 done\nworker 1 done\nworker 4 done\nworker 2 done\nfinish\n");
            assertTrue(m.diff().contains("+worker 4 done"), m.diff());
            assertFalse(m.diff().contains("-worker"), m.diff());
        }

        @Test
        void rejectsADuplicateInPlaceOfAnotherLine() {
            MatchResult.Mismatched m = rejects(EXPECTED, "start\nworker 1 done\nworker 1 done\nworker 3 done\nfinish\n");
            assertTrue(m.diff().contains("-worker 2 done"), m.diff());
            assertTrue(m.diff().contains("+worker 1 done"), m.diff());
        }

        @Test
        void linesCannotLeaveTheirBlock() {
            rejects(EXPECTED, "worker 1 done\nstart\nworker 2 done\nworker 3 done\nfinish\n");
            rejects(EXPECTED, "start\nworker 1 done\nworker 2 done\nfinish\nworker 3 done\n");
        }

        @Test
        void blockLinesMayUsePlaceholdersAndEachActualLineIsUsedOnce() {
            String expected = "{{unordered}}\nTask-{{int}} done\nTask-1 done\n{{end}}\n";
            accepts(expected, "Task-1 done\nTask-2 done\n");
            accepts(expected, "Task-2 done\nTask-1 done\n");
            rejects(expected, "Task-2 done\nTask-3 done\n");
        }

        @Test
        void twoBlocksAndOrderedLinesBetween() {
            String expected = "{{unordered}}\na\nb\n{{end}}\n-\n{{unordered}}\nc\nd\n{{end}}\n";
            accepts(expected, "b\na\n-\nd\nc\n");
            rejects(expected, "b\nc\n-\nd\na\n");
        }

        @Test
        void singleLineBlockIsJustThatLine() {
            accepts("{{unordered}}\nx\n{{end}}", "x");
        }
    }

    @Nested
    class Malformed {
        @Test
        void emptyOrBlankExpectedFileIsAnError() {
            assertTrue(malformed("").getMessage().contains("empty"));
            assertTrue(malformed("\n").getMessage().contains("empty"));
            assertTrue(malformed("  \r\n\n").getMessage().startsWith("T.out: "));
        }

        @Test
        void unknownPlaceholderNamesFileAndLine() {
            ExpectedOutputException e = malformed("ok\nvalue {{number}}\n");
            assertEquals("T.out", e.file());
            assertEquals(2, e.line());
            assertTrue(e.getMessage().startsWith("T.out:2: unknown placeholder {{number}}"), e.getMessage());
        }

        @Test
        void unclosedPlaceholderIsAnError() {
            ExpectedOutputException e = malformed("a\nb\nvalue {{int\n");
            assertEquals(3, e.line());
            assertTrue(e.getMessage().contains("not closed"), e.getMessage());
        }

        @Test
        void tripleBraceIsNotAnEscape() {
            assertEquals(1, malformed("{{{int}}").line());
        }

        @Test
        void unclosedBlockNamesTheLineThatOpenedIt() {
            ExpectedOutputException e = malformed("a\n{{unordered}}\nb\n");
            assertEquals(2, e.line());
            assertTrue(e.getMessage().contains("never closed"), e.getMessage());
        }

        @Test
        void strayEndNestedAndEmptyBlocksAreErrors() {
            assertEquals(2, malformed("a\n{{end}}\n").line());
            assertEquals(3, malformed("{{unordered}}\na\n{{unordered}}\nb\n{{end}}\n{{end}}\n").line());
            assertEquals(2, malformed("a\n{{unordered}}\n{{end}}\n").line());
        }

        @Test
        void markersMustStandAlone() {
            assertEquals(1, malformed("x {{unordered}}\na\n{{end}}\n").line());
            assertEquals(1, malformed(" {{end}}").line());
        }
    }

    @Nested
    class Files_ {
        @Test
        void loadReadsUtf8AndNamesThePath(@TempDir Path dir) throws Exception {
            Path out = dir.resolve("Hello.out");
            Files.writeString(out, "你好 {{int}}\n");
            OutputMatcher matcher = OutputMatcher.load(out);
            assertEquals(out.toString(), matcher.expectedName());
            assertTrue(matcher.match("你好 3\n").matched());
            assertFalse(matcher.match("你好 x\n").matched());
        }

        @Test
        void missingFileIsAnError(@TempDir Path dir) {
            Path out = dir.resolve("Missing.out");
            ExpectedOutputException e = assertThrows(ExpectedOutputException.class, () -> OutputMatcher.load(out));
            assertTrue(e.getMessage().startsWith(out + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
        }

        @Test
        void emptyFileIsAnError(@TempDir Path dir) throws Exception {
            Path out = Files.writeString(dir.resolve("Empty.out"), "");
            assertThrows(ExpectedOutputException.class, () -> OutputMatcher.load(out));
        }
    }
}
