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
        assertTrue(err().matches("(?s).*chapters/01-a/index\\.md:13: embedded lesson 'Forgotten\\.java' is not listed.*"), err());
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
            }
        } finally {
            server.stop(0);
        }
    }
}
