package io.github.asyncioworkbook.site;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Opens the generated site in headless Chromium from {@code file://}: pages render, scripts run,
 * search answers a Chinese query given in the URL, and screenshots are taken.
 *
 * <p>The fixture book is built with the real lesson runner, so the output checked here is what the
 * lessons really printed. The book built by {@code package} ({@code target/book}) is checked too
 * when it exists. Without Chromium the tests are skipped, unless {@code -Dbrowser.required=true}.
 * Screenshots go to {@code target/screenshots/}.
 */
class BrowserIT {

    private static final Path TARGET = Path.of(System.getProperty("site.target", "target"));
    private static Path chromium;
    private static Path site;

    @BeforeAll
    static void buildFixtureBook() throws Exception {
        chromium = findChromium();
        if (chromium == null) {
            if (Boolean.getBoolean("browser.required")) {
                fail("Chromium not found (looked for /usr/bin/chromium and chromium, chromium-browser on PATH)"
                        + " and -Dbrowser.required=true");
            }
            Assumptions.abort("Chromium not installed; skipping browser tests (apt-get install chromium)");
        }
        site = TARGET.resolve("browser-it/book").toAbsolutePath();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"build", Fixtures.book("tiny").toString(), site.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("verified 2 lessons in "), out.toString(StandardCharsets.UTF_8));
        Files.createDirectories(TARGET.resolve("screenshots"));
    }

    @Test
    void indexRendersChaptersInOrder() throws Exception {
        String dom = dumpDom(site.resolve("index.html").toUri().toString());
        assertTrue(dom.contains("<html lang=\"zh-CN\""), dom);
        assertTrue(dom.contains("<h1>asyncio 练习册</h1>"), dom);
        int one = dom.indexOf("你好，协程");
        int two = dom.indexOf("等待多个任务");
        assertTrue(one > 0 && two > one, dom);
    }

    @Test
    void chapterShowsTheLessonsRealOutputAndRunsItsScripts() throws Exception {
        String dom = dumpDom(site.resolve("01-hello.html").toUri().toString());
        assertTrue(dom.contains("<h1>你好，协程</h1>"), dom);
        // real output of HelloTask.java, shown as text (serialized DOM escapes '<' in text)
        assertTrue(dom.contains("waiting for &lt;Task pending name='Task-1' coro=&lt;taskFunc() running at HelloTask.java:9&gt;&gt;"), dom);
        assertTrue(dom.contains("return value: 'the result' &amp; done"), dom);
        assertTrue(dom.contains("虚拟时钟 · virtual clock"), dom);
        // site.js ran: it adds a copy button to every code and output block
        int copyButtons = dom.split("aria-label=\"复制这段内容\"", -1).length - 1;
        assertTrue(copyButtons >= 2, "copy buttons added by site.js: " + copyButtons);

        String two = dumpDom(site.resolve("02-waiting.html").toUri().toString());
        assertTrue(two.contains("倒数 3\n倒数 2\n倒数 1\n完成：等待结束"), two);
        assertTrue(two.contains("rel=\"prev\" href=\"01-hello.html\""), two);
    }

    @Test
    void searchReadsAChineseQueryFromTheUrl() throws Exception {
        String page = site.resolve("search.html").toUri().toString();
        String dom = dumpDom(page + "?q=" + java.net.URLEncoder.encode("按顺序等待", StandardCharsets.UTF_8));
        assertTrue(dom.contains("class=\"search-result\""), dom);
        assertTrue(dom.contains("href=\"02-waiting.html#按顺序等待\"") || dom.contains("href=\"02-waiting.html#%E6%8C%89"), dom);
        assertTrue(dom.contains("<mark>"), dom);

        String byHash = dumpDom(page + "#q=" + java.net.URLEncoder.encode("尖括号", StandardCharsets.UTF_8));
        assertTrue(byHash.contains("href=\"01-hello.html#"), byHash);

        String none = dumpDom(page + "?q=" + java.net.URLEncoder.encode("不存在的词语", StandardCharsets.UTF_8));
        assertTrue(none.contains("没有找到"), none);
    }

    @Test
    void screenshotsAreNonTrivial() throws Exception {
        List<Path> shots = new ArrayList<>();
        shots.add(screenshot(site.resolve("01-hello.html").toUri().toString(), "chapter.png", 1280, 1600, false));
        shots.add(screenshot(site.resolve("01-hello.html").toUri().toString(), "chapter-phone.png", 390, 1400, false));
        shots.add(screenshot(site.resolve("01-hello.html").toUri().toString(), "chapter-dark.png", 1280, 1600, true));
        shots.add(screenshot(site.resolve("index.html").toUri().toString(), "index.png", 1280, 900, false));
        shots.add(screenshot(site.resolve("search.html").toUri() + "?q=" + java.net.URLEncoder.encode("等待任务", StandardCharsets.UTF_8),
                "search.png", 1280, 900, false));
        for (Path shot : shots) {
            assertTrue(Files.size(shot) > 10_000, shot + " is suspiciously small");
            BufferedImage image = ImageIO.read(shot.toFile());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 3) {
                for (int x = 0; x < image.getWidth(); x += 3) {
                    colours.add(image.getRGB(x, y));
                }
            }
            assertTrue(colours.size() > 50, shot + " has only " + colours.size() + " colours");
        }
    }

    @Test
    void realBookBuiltByPackageRendersWhenPresent() throws Exception {
        Path index = TARGET.resolve("book/index.html").toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(index), "target/book not built (run ./mvnw package)");
        String dom = dumpDom(index.toUri().toString());
        assertTrue(dom.contains("<h1>asyncio 练习册</h1>"), dom);
        screenshot(index.toUri().toString(), "book-index.png", 1280, 1000, false);
        java.util.regex.Matcher first = java.util.regex.Pattern.compile("href=\"([0-9][^\"]*\\.html)\"").matcher(dom);
        if (first.find()) {
            String chapter = dumpDom(index.resolveSibling(first.group(1)).toUri().toString());
            assertTrue(chapter.contains("<h1>"), chapter);
            screenshot(index.resolveSibling(first.group(1)).toUri().toString(), "book-chapter.png", 1280, 2400, false);
        }
    }

    // ---------------------------------------------------------------- chromium

    private static Path findChromium() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("browser.path");
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "chromium"));
                candidates.add(Path.of(dir, "chromium-browser"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static String dumpDom(String url) throws Exception {
        return new String(chromium(List.of("--dump-dom", url)), StandardCharsets.UTF_8);
    }

    private static Path screenshot(String url, String name, int width, int height, boolean dark) throws Exception {
        Path file = TARGET.resolve("screenshots").resolve(name).toAbsolutePath();
        Files.deleteIfExists(file);
        List<String> args = new ArrayList<>(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + file));
        if (dark) {
            args.add("--force-dark-mode");
        }
        args.add(url);
        chromium(args);
        assertTrue(Files.isRegularFile(file), "no screenshot written: " + file);
        return file;
    }

    private static byte[] chromium(List<String> args) throws Exception {
        Path profile = Files.createTempDirectory("browser-it-profile-");
        try {
            List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = p.getInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, Thread::startVirtualThread);
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish within 90 s: " + command);
            }
            assertEquals(0, p.exitValue(), "chromium failed: " + command);
            return stdout.get(30, TimeUnit.SECONDS);
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
