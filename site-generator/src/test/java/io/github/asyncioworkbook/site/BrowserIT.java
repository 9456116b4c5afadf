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
 * search answers a Chinese query given in the URL and as you type (arrow keys, Enter), identifiers
 * are found exactly, the sidebar is a drawer on phones, axe-core finds no serious or critical
 * problem in light and dark at desktop and phone width, no output line is clipped, and screenshots
 * are taken.
 *
 * <p>Checks that need the page's own state run a small script injected into a copy of the page (a
 * "harness"): it acts, then writes {@code key=value} lines into {@code <pre id="harness-result">},
 * which {@code --dump-dom} returns once Chromium's virtual time has run out.
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
        assertTrue(dom.contains("虚拟时钟 · 逐字节可重现"), dom);
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

    // ---------------------------------------------------------------- axe, clipping, search, sidebar

    /** Desktop and phone viewports, each in light and dark. */
    private static final List<Mode> MODES = List.of(new Mode("light", 1280, 900), new Mode("dark", 1280, 900),
            new Mode("light", 390, 844), new Mode("dark", 390, 844));

    private record Mode(String theme, int width, int height) {
        @Override
        public String toString() {
            return theme + " " + width + "x" + height;
        }
    }

    /** The book axe checks: the real one built by {@code package} when present, else the fixture book. */
    private static Path checkedBook() throws IOException {
        Path real = TARGET.resolve("book").toAbsolutePath();
        if (!Files.isRegularFile(real.resolve("index.html"))) {
            return site;
        }
        Path copy = TARGET.resolve("browser-it/real-book").toAbsolutePath();
        deleteTree(copy);
        try (var walk = Files.walk(real)) {
            for (Path p : walk.toList()) {
                Path to = copy.resolve(real.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return copy;
    }

    private static List<String> pagesOf(Path book) throws IOException {
        try (var list = Files.list(book)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html") && !n.startsWith("."))
                    .sorted().toList();
        }
    }

    /** Reports clipped output boxes, then runs axe-core in light and in dark (harness script). */
    private static final String AXE_CHECK = """
                var clipped = [];
                document.querySelectorAll('pre.output').forEach(function (p) {
                  if (p.scrollWidth > p.clientWidth + 1) { clipped.push(p.closest('section') ? p.closest('section').id : '?'); }
                });
                report('clipped', clipped.join(' '));
                function check(themes) {
                  if (!themes.length) { finish(); return; }
                  document.documentElement.setAttribute('data-theme', themes[0]);
                  axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
                    r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                      .forEach(function (v) {
                        report('violation', themes[0] + ': ' + v.id + ' (' + v.impact + ', ' + v.nodes.length + ' nodes): '
                          + v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); }).join(' | '));
                      });
                    report('axe', themes[0] + ' done, ' + r.passes.length + ' rules passed');
                    check(themes.slice(1));
                  });
                }
                check(['light', 'dark']);
                """;

    @Test
    void theAxeCheckSeesContrastProblemsAndClippedOutput() throws Exception {
        // a page made to fail: the check must be able to find what it is there to find
        Path bad = site.resolve(".bad-page.html");
        Files.write(site.resolve("axe.min.js"), axeScript());
        Files.writeString(bad, """
                <!DOCTYPE html><html lang="en"><head><title>bad</title></head><body><main>
                <p style="color:#bbb;background:#fff">grey on white</p>
                <pre class="output" style="white-space:pre;overflow:auto;width:120px">a line far too long for its box</pre>
                </main></body></html>
                """);
        try {
            List<String> r = harness(bad, List.of("axe.min.js"), AXE_CHECK, MODES.getFirst());
            assertTrue(r.stream().anyMatch(l -> l.startsWith("violation=light: color-contrast (serious")), r.toString());
            assertTrue(r.stream().anyMatch(l -> l.startsWith("clipped=") && !l.equals("clipped=")), r.toString());
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    @Test
    void axeFindsNoSeriousOrCriticalProblemAndNoOutputIsClipped() throws Exception {
        Path book = checkedBook();
        Files.write(book.resolve("axe.min.js"), axeScript());
        // Each page is opened once per width; the script checks it in light, then in dark.
        String script = AXE_CHECK;
        List<Mode> widths = List.of(MODES.get(0), MODES.get(2));
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(2);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (String page : pagesOf(book)) {
            for (Mode mode : widths) {
                all.add(CompletableFuture.runAsync(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        List<String> result = harness(book.resolve(page), List.of("axe.min.js"), script, mode);
                        runs.addAndGet(2);
                        String where = page + " [" + mode.width() + "x" + mode.height() + "]: ";
                        for (String theme : List.of("light", "dark")) {
                            if (result.stream().noneMatch(l -> l.startsWith("axe=" + theme + " done"))) {
                                problems.add(where + "axe did not finish in " + theme + ": " + result);
                            }
                        }
                        result.stream().filter(l -> l.startsWith("violation=")).forEach(l -> problems.add(where + l));
                        result.stream().filter(l -> l.startsWith("clipped=") && !l.equals("clipped=") && mode.width() >= 1280)
                                .forEach(l -> problems.add(where + "output clipped in " + l));
                    } catch (Exception | AssertionError e) {
                        problems.add(page + ": " + e);
                    } finally {
                        slots.release();
                    }
                }, Thread::startVirtualThread));
            }
        }
        all.forEach(CompletableFuture::join);
        System.out.println("[browser] axe-core " + System.getProperty("axe.version", "") + ": " + runs.get() + " page checks on "
                + book + ", " + problems.size() + " serious/critical problems");
        assertEquals(List.of(), problems, "axe-core: serious or critical findings, or clipped output");
    }

    private static final String TYPE_QUERY = """
            var box = document.getElementById('header-search-input');
            box.focus();
            box.value = %s;
            box.dispatchEvent(new Event('input', { bubbles: true }));
            function key(k) { box.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true })); }
            """;

    @Test
    void headerSearchAnswersAsYouTypeAndArrowKeysPickAResult() throws Exception {
        String script = TYPE_QUERY.formatted("'等待'") + """
                setTimeout(function () {
                  var popup = document.getElementById('search-popup');
                  report('expanded', box.getAttribute('aria-expanded'));
                  report('visible', String(!popup.hidden));
                  report('options', String(document.querySelectorAll('#search-popup-list [role=option]').length));
                  key('ArrowDown'); key('ArrowDown');
                  var active = document.getElementById(box.getAttribute('aria-activedescendant'));
                  report('active', active ? active.getAttribute('data-href') : 'none');
                  report('selected', String(document.querySelectorAll('[aria-selected=true]').length));
                  key('ArrowUp');
                  active = document.getElementById(box.getAttribute('aria-activedescendant'));
                  report('back', active ? active.getAttribute('data-href') : 'none');
                  key('Escape');
                  report('closed', String(popup.hidden));
                  finish();
                }, 500);
                """;
        List<String> r = harness(site.resolve("01-hello.html"), List.of(), script, MODES.getFirst());
        assertTrue(r.contains("expanded=true"), r.toString());
        assertTrue(r.contains("visible=true"), r.toString());
        assertTrue(r.stream().anyMatch(l -> l.matches("options=[2-9]")), r.toString());
        assertTrue(r.stream().anyMatch(l -> l.startsWith("active=") && !l.equals("active=none")), r.toString());
        assertTrue(r.contains("selected=1"), r.toString());
        assertTrue(r.stream().anyMatch(l -> l.startsWith("back=02-waiting.html")), r.toString());
        assertTrue(r.contains("closed=true"), r.toString());

        // Enter opens the chosen result: the dumped page is the chapter it points to.
        String enter = TYPE_QUERY.formatted("'按顺序等待'") + "setTimeout(function () { key('ArrowDown'); key('Enter'); }, 500);";
        String dom = harnessDom(site.resolve("01-hello.html"), enter, MODES.getFirst());
        assertTrue(dom.contains("<h1>等待多个任务</h1>"), dom);
    }

    @Test
    void identifiersAreFoundExactlyAndPartialMatchesAreLabelled() throws Exception {
        String script = TYPE_QUERY + """
                setTimeout(function () {
                  report('status', document.getElementById('search-popup-status').textContent);
                  report('partial', String(document.querySelectorAll('#search-popup-list .match-partial').length));
                  report('options', String(document.querySelectorAll('#search-popup-list [role=option]').length));
                  finish();
                }, 500);
                """;
        // taskFunc is printed by HelloTask: task_func is the same identifier, found exactly
        List<String> exact = harness(site.resolve("index.html"), List.of(), script.formatted("'task_func'"), MODES.getFirst());
        assertTrue(exact.stream().anyMatch(l -> l.startsWith("status=找到 1 处完全匹配")), exact.toString());
        assertTrue(exact.contains("partial=0"), exact.toString());
        // wait_for is nowhere in the book: no exact hit; what has "wait" or "for" is labelled partial
        List<String> none = harness(site.resolve("index.html"), List.of(), script.formatted("'wait_for'"), MODES.getFirst());
        assertTrue(none.stream().anyMatch(l -> l.startsWith("status=没有完全匹配“wait_for”") || l.startsWith("status=没有找到")),
                none.toString());
        String options = none.stream().filter(l -> l.startsWith("options=")).findFirst().orElseThrow();
        String partial = none.stream().filter(l -> l.startsWith("partial=")).findFirst().orElseThrow();
        assertEquals(Integer.parseInt(options.substring(8)) - 1, Integer.parseInt(partial.substring(8)),
                "every result but 'all results' is labelled partial: " + none);
        // the real book, when built: shutdown_asyncgens appears nowhere in it (wait_for does since the
        // SSL server waits for keytool), so it has no exact hit either
        Path real = TARGET.resolve("book/index.html").toAbsolutePath();
        if (Files.isRegularFile(real)) {
            List<String> book = harness(real, List.of(), script.formatted("'shutdown_asyncgens'"), MODES.getFirst());
            assertTrue(book.stream().anyMatch(l -> l.startsWith("status=没有完全匹配“shutdown_asyncgens”") || l.startsWith("status=没有找到")),
                    book.toString());
            List<String> task = harness(real, List.of(), script.formatted("'create_task'"), MODES.getFirst());
            assertTrue(task.stream().anyMatch(l -> l.startsWith("status=找到 ")), task.toString());
        }
    }

    @Test
    void sidebarListsTheChaptersAndIsADrawerOnPhones() throws Exception {
        String script = """
                var sidebar = document.getElementById('sidebar');
                var menu = document.querySelector('.menu-toggle');
                report('current', sidebar.querySelector('a[aria-current=page]').getAttribute('href'));
                report('items', String(sidebar.querySelectorAll('li a').length));
                report('before', getComputedStyle(sidebar).visibility);
                report('menu', getComputedStyle(menu).display);
                menu.click();
                setTimeout(function () {
                  report('after', getComputedStyle(sidebar).visibility);
                  report('expanded', menu.getAttribute('aria-expanded'));
                  report('focus', document.activeElement ? document.activeElement.getAttribute('href') : '');
                  finish();
                }, 400);
                """;
        List<String> phone = harness(site.resolve("02-waiting.html"), List.of(), script, MODES.get(2));
        assertTrue(phone.contains("current=02-waiting.html"), phone.toString());
        assertTrue(phone.contains("items=2"), phone.toString());
        assertTrue(phone.contains("before=hidden"), phone.toString());
        assertTrue(phone.contains("after=visible"), phone.toString());
        assertTrue(phone.contains("expanded=true"), phone.toString());
        assertTrue(phone.contains("focus=02-waiting.html"), phone.toString());
        List<String> desktop = harness(site.resolve("02-waiting.html"), List.of(), script, MODES.getFirst());
        assertTrue(desktop.contains("before=visible"), desktop.toString());
        assertTrue(desktop.contains("menu=none"), desktop.toString());
    }

    @Test
    void printAndNotFoundPagesRender() throws Exception {
        String print = dumpDom(site.resolve("print.html").toUri().toString());
        int one = print.indexOf("你好，协程");
        int two = print.indexOf("等待多个任务");
        assertTrue(one > 0 && two > one, print);
        assertTrue(print.contains("id=\"02-waiting--按顺序等待\""), print);
        String missing = dumpDom(site.resolve("404.html").toUri().toString());
        assertTrue(missing.contains("<h1>页面不存在</h1>") && missing.contains("<main"), missing);
    }

    private static byte[] axeScript() throws IOException {
        String version = System.getProperty("axe.version", "4.6.3");
        try (InputStream in = BrowserIT.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/" + version + "/axe.min.js")) {
            if (in == null) {
                throw new IOException("axe-core " + version + " WebJar not on the test class path");
            }
            return in.readAllBytes();
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger harnesses = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Runs a script in a copy of a page and returns the lines it reported. The script may call
     * {@code report(key, value)} and must call {@code finish()}.
     */
    private static List<String> harness(Path page, List<String> scripts, String script, Mode mode) throws Exception {
        String dom = harnessDom(page, """
                var harnessLines = [];
                function report(k, v) { harnessLines.push(k + '=' + String(v).replace(/\\n/g, ' ')); }
                function finish() {
                  var pre = document.createElement('pre');
                  pre.id = 'harness-result';
                  pre.textContent = harnessLines.join('\\n');
                  document.body.appendChild(pre);
                }
                """ + script, mode, scripts);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<pre id=\"harness-result\">(.*?)</pre>", java.util.regex.Pattern.DOTALL)
                .matcher(dom);
        if (!m.find()) {
            fail("the harness script did not finish on " + page.getFileName() + " [" + mode + "]");
        }
        return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&").lines().toList();
    }

    private static String harnessDom(Path page, String script, Mode mode) throws Exception {
        return harnessDom(page, script, mode, List.of());
    }

    private static String harnessDom(Path page, String script, Mode mode, List<String> scripts) throws Exception {
        Path copy = page.resolveSibling(".harness-" + harnesses.incrementAndGet() + ".html");
        StringBuilder inject = new StringBuilder();
        for (String src : scripts) {
            inject.append("<script src=\"").append(src).append("\"></script>\n");
        }
        // run after site.js and search.js have set the page up
        inject.append("<script>\nwindow.addEventListener('load', function () {\n").append(script).append("\n});\n</script>\n");
        String html = Files.readString(page, StandardCharsets.UTF_8);
        Files.writeString(copy, html.replace("</body>", inject + "</body>"), StandardCharsets.UTF_8);
        try {
            return new String(chromium(List.of("--window-size=" + mode.width() + "," + mode.height(),
                    "--virtual-time-budget=20000", "--dump-dom", copy.toUri().toString())), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(copy);
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
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
