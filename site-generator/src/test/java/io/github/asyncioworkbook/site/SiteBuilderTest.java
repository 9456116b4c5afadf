package io.github.asyncioworkbook.site;

import io.github.asyncioworkbook.site.render.SiteRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteBuilderTest {

    @TempDir
    Path tmp;

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void buildWritesTheSiteAndReportsIndex() throws Exception {
        Path out = tmp.resolve("book");
        SiteBuilder.Result r = new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).build(Fixtures.book("tiny"), out);
        assertEquals(out.toAbsolutePath().resolve("index.html"), r.index());
        assertEquals(2, r.verifiedLessons());
        assertTrue(Files.isRegularFile(r.index()));
        assertTrue(Files.exists(out.resolve(SiteRenderer.MARKER)));
        assertEquals(List.of("book"), siblings(), "no temporary folder left behind");
    }

    @Test
    void driftFailsWithADiffNamingTheLessonAndLeavesNoSite() throws Exception {
        Path out = tmp.resolve("book");
        Fixtures.FakeExecutor executor = new Fixtures.FakeExecutor().prints("CountDown", "倒数 3\n倒数 1\n完成：等待结束\n");
        SiteException e = assertThrows(SiteException.class,
                () -> new SiteBuilder(executor, Fixtures.EXACT).build(Fixtures.book("tiny"), out));
        String msg = e.getMessage();
        assertTrue(msg.contains("1 of 2 lessons failed verification"), msg);
        assertTrue(msg.contains("\nchapters/02-waiting/CountDown.java: output drifted from chapters/02-waiting/CountDown.out\n"), msg);
        assertTrue(msg.contains("-倒数 2"), msg);
        assertTrue(msg.contains("+倒数 1"), msg);
        assertEquals(List.of(), siblings(), "no site and no temporary folder");
        assertEquals(List.of("HelloTask", "CountDown"), executor.ran, "every lesson ran before reporting");
    }

    @Test
    void failedBuildKeepsThePreviousSiteUntouched() throws Exception {
        Path out = tmp.resolve("book");
        new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).build(Fixtures.book("tiny"), out);
        String before = Files.readString(out.resolve("01-hello.html"));
        assertThrows(SiteException.class, () -> new SiteBuilder(new Fixtures.FakeExecutor().prints("HelloTask", "changed\n"),
                Fixtures.EXACT).build(Fixtures.book("tiny"), out));
        assertEquals(before, Files.readString(out.resolve("01-hello.html")));
        assertEquals(List.of("book"), siblings());
    }

    @Test
    void successfulBuildReplacesTheOldSiteWhole() throws Exception {
        Path out = tmp.resolve("book");
        new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).build(Fixtures.book("tiny"), out);
        Files.writeString(out.resolve("stale.html"), "old");
        new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).build(Fixtures.book("user-note"), out);
        assertFalse(Files.exists(out.resolve("stale.html")), "old files must not mix with new ones");
        assertFalse(Files.exists(out.resolve("01-hello.html")));
        assertTrue(Files.exists(out.resolve("03-tasks.html")));
        assertEquals(List.of("book"), siblings());
    }

    @Test
    void refusesToReplaceAFolderItDidNotWrite() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("precious"));
        Files.writeString(out.resolve("thesis.txt"), "keep me");
        SiteException e = assertThrows(SiteException.class,
                () -> new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).build(Fixtures.book("tiny"), out));
        assertTrue(e.getMessage().contains("was not written by site-generator"), e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("thesis.txt")));
        assertEquals(List.of("precious"), siblings());
    }

    @Test
    void failingLessonStopsTheBuildNamingItsFile() {
        Path out = tmp.resolve("book");
        SiteException e = assertThrows(SiteException.class, () -> new SiteBuilder(
                new Fixtures.FakeExecutor().exits("HelloTask", 1, "creating task\nException in thread \"main\" java.lang.IllegalStateException: boom\n"),
                Fixtures.EXACT).build(Fixtures.book("tiny"), out));
        assertTrue(e.getMessage().contains("chapters/01-hello/HelloTask.java: exited with code 1"), e.getMessage());
        assertTrue(e.getMessage().contains("IllegalStateException: boom"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void timeoutStopsTheBuildNamingItsFile() {
        SiteException e = assertThrows(SiteException.class, () -> new SiteBuilder(
                new Fixtures.FakeExecutor().timesOut("CountDown"), Fixtures.EXACT).check(Fixtures.book("tiny")));
        assertTrue(e.getMessage().contains("chapters/02-waiting/CountDown.java: timed out after 20.00 s [virtual clock]"), e.getMessage());
    }

    @Test
    void checkVerifiesWithoutWriting() throws Exception {
        SiteBuilder.Result r = new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).check(Fixtures.book("tiny"));
        assertEquals(2, r.verifiedLessons());
        assertEquals(null, r.index());
        assertTrue(r.book().lessons().stream().allMatch(l -> l.run() != null));
        assertEquals(List.of(), siblings());
    }
}
