package io.github.asyncioworkbook.site;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run());
        assertTrue(err().contains("usage: site-generator build <lessonsDir> <outDir>"), err());
        assertEquals(2, run("bild", "x"));
        assertTrue(err().contains("unknown command 'bild'"), err());
        assertEquals(2, run("build", "only-one"));
        assertEquals(2, run("serve", "dir", "http"));
    }

    @Test
    void bookErrorsExitWithOneAndNameFileAndLine() {
        assertEquals(1, run("check", Fixtures.book("unlisted-embed").toString()));
        assertTrue(err().startsWith(Fixtures.book("unlisted-embed").resolve("chapters/01-a/Forgotten.java")
                + ": lesson is not in the lesson list; add '  - Forgotten' under '- 01-a'"), err());
        assertEquals(1, err().strip().lines().count(), "the message alone, no stack trace: " + err());
    }

    @Test
    void runsOptionIsCheckedAndSavedRunsAreUsed(@TempDir Path dir) {
        assertEquals(2, run("build", "a", "b", "--runz", "c"));
        assertEquals(2, run("check", "a", "--runs"));
        // no saved runs in an empty folder: every lesson runs now
        assertEquals(0, run("check", Fixtures.book("tiny").toString(), "--runs", dir.toString()), err());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("verified 2 lessons in "), out.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("(0 runs verified by the lessons' tests, 2 run now)"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runsSavedByTheLessonsTestsAreShownInsteadOfRunningAgain(@TempDir Path dir) throws Exception {
        io.github.asyncioworkbook.runner.VerifiedRuns runs = new io.github.asyncioworkbook.runner.VerifiedRuns(dir,
                io.github.asyncioworkbook.runner.LessonRunner.defaultClasspath());
        for (io.github.asyncioworkbook.runner.Lesson lesson
                : io.github.asyncioworkbook.runner.Workbook.load(Fixtures.book("tiny")).lessons()) {
            String printed = java.nio.file.Files.readString(lesson.expected()).replace("倒数 2", "倒数 二");
            runs.save(new io.github.asyncioworkbook.runner.RunResult(lesson, io.github.asyncioworkbook.runner.ClockMode.VIRTUAL,
                    0, printed, java.time.Duration.ofMillis(3), false));
        }
        // the saved runs are used (not fresh ones): a saved run that drifted is caught as a drift
        assertEquals(1, run("check", Fixtures.book("tiny").toString(), "--runs", dir.toString()));
        assertTrue(err().contains("CountDown.java: output drifted") && err().contains("+倒数 二"), err());
        assertTrue(err().contains("What to do:"), err());
    }

    @Test
    void serveNeedsABuiltSite(@TempDir Path dir) {
        assertEquals(1, run("serve", dir.toString(), "0"));
        assertTrue(err().contains("no index.html; build the site first"), err());
    }

    @Test
    void serveServesTheSiteOnLocalhost(@TempDir Path dir) throws Exception {
        Path site = dir.resolve("book");
        new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).build(Fixtures.book("tiny"), site);
        HttpServer server = Main.serve(site, 0);
        try {
            assertTrue(server.getAddress().getAddress().isLoopbackAddress());
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/01-hello.html");
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(200, response.statusCode());
                assertTrue(response.body().contains("你好，协程"));
                HttpResponse<String> missing = client.send(HttpRequest.newBuilder(uri.resolve("/deep/no-such-page.html")).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(404, missing.statusCode());
                assertTrue(missing.body().contains("<base href=\"/\">"), missing.body());
                assertTrue(missing.body().contains("页面不存在"), missing.body());
                HttpResponse<String> home = client.send(HttpRequest.newBuilder(uri.resolve("/")).build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                assertEquals(200, home.statusCode());
            }
        } finally {
            server.stop(0);
        }
    }
}
