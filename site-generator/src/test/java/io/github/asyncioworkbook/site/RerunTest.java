package io.github.asyncioworkbook.site;

import io.github.asyncioworkbook.site.preprocess.LessonExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lesson that declares a run with arguments ({@code // Also run with: -v}; the tiny book's
 * CountDown): the site runs it too, verifies it against its own expected file, and shows both runs.
 */
class RerunTest {

    @TempDir
    Path tmp;

    @Test
    void bothRunsAreShownEachWithItsCommandAndOutput() throws Exception {
        Fixtures.FakeExecutor executor = new Fixtures.FakeExecutor();
        SiteBuilder.Result r = new SiteBuilder(executor, Fixtures.EXACT).build(Fixtures.book("tiny"), tmp.resolve("book"));
        assertEquals(List.of("CountDown -v"), executor.ranWithArguments);
        Lesson countDown = r.book().lessons().stream().filter(l -> l.name().equals("CountDown")).findFirst().orElseThrow();
        assertEquals(1, countDown.reruns().size());
        assertEquals("CountDown.v.out", countDown.reruns().getFirst().expected().getFileName().toString());
        String page = Files.readString(tmp.resolve("book/02-waiting.html"));
        int plain = page.indexOf("<span class=\"prompt\" aria-hidden=\"true\">$ </span>./jbang count-down</code>");
        int withV = page.indexOf("<span class=\"prompt\" aria-hidden=\"true\">$ </span>./jbang count-down -v</code>");
        int extraLine = page.indexOf("&lt;详细&gt; 共数了 3 次", Math.max(withV, 0));  // the source shows it too, earlier
        assertTrue(plain > 0 && withV > plain && extraLine > withV, "the -v run, its command then its output, after the plain run");
        assertTrue(page.contains("已与 <code>chapters/02-waiting/CountDown.v.out</code> 核对"), "names the file it was checked against");
    }

    @Test
    void aDriftInTheRunWithArgumentsFailsTheBuildNamingItsFile() throws Exception {
        Fixtures.FakeExecutor executor = new Fixtures.FakeExecutor().prints("CountDown -v", "倒数 3\n完成：等待结束\n");
        SiteException e = assertThrows(SiteException.class,
                () -> new SiteBuilder(executor, Fixtures.EXACT).build(Fixtures.book("tiny"), tmp.resolve("book")));
        assertTrue(e.getMessage().contains("1 of 1 lesson runs with arguments failed verification"), e.getMessage());
        assertTrue(e.getMessage().contains("chapters/02-waiting/CountDown.java -v: output drifted from chapters/02-waiting/CountDown.v.out"),
                e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("book")), "no site");
    }

    @Test
    void aFailingRunWithArgumentsIsReportedWithItsExitCode() throws Exception {
        Fixtures.FakeExecutor executor = new Fixtures.FakeExecutor().exits("CountDown -v", 2, "usage: count-down [-v]\n");
        SiteException e = assertThrows(SiteException.class,
                () -> new SiteBuilder(executor, Fixtures.EXACT).check(Fixtures.book("tiny")));
        assertTrue(e.getMessage().contains("CountDown.java -v: exited with code 2"), e.getMessage());
    }

    @Test
    void anExecutorThatKnowsNoArgumentsSaysSo() {
        Fixtures.FakeExecutor fake = new Fixtures.FakeExecutor();
        LessonExecutor plainOnly = fake::runAll;
        SiteException e = assertThrows(SiteException.class,
                () -> new SiteBuilder(plainOnly, Fixtures.EXACT).check(Fixtures.book("tiny")));
        assertTrue(e.getMessage().contains("CountDown.java: this lesson executor cannot run a lesson with arguments (-v)"), e.getMessage());
    }

    @Test
    void aMissingExpectedFileOfARunWithArgumentsIsALoadError() throws Exception {
        Path book = tmp.resolve("copy");
        copy(Fixtures.book("tiny"), book);
        Files.delete(book.resolve("chapters/02-waiting/CountDown.v.out"));
        SiteException e = assertThrows(SiteException.class,
                () -> new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).check(book));
        assertTrue(e.getMessage().contains("CountDown.v.out: missing") && e.getMessage().contains("'-v'"), e.getMessage());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
