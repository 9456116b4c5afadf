package io.github.asyncioworkbook.site.render;

import io.github.asyncioworkbook.site.Fixtures;
import io.github.asyncioworkbook.site.SiteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SiteRendererTest {

    @TempDir
    Path tmp;

    private Path build(String fixture, Fixtures.FakeExecutor executor) throws Exception {
        Path out = tmp.resolve("site");
        new SiteBuilder(executor, Fixtures.EXACT).build(Fixtures.book(fixture), out);
        return out;
    }

    @Test
    void userNoteRendersPythonAsCodeAndKeepsChineseProse() throws Exception {
        Path out = build("user-note", new Fixtures.FakeExecutor());
        String html = Files.readString(out.resolve("03-tasks.html"));

        // Chinese prose intact; a soft line break between two Han characters leaves no space
        assertTrue(html.contains("这篇笔记按 PyMOTW-3 的 asyncio 任务一节整理，建议同时阅读原文。"), html);
        assertTrue(html.contains("任务（Task）把一个协程包装起来，交给事件循环调度，并记录它有没有完成、结果是什么。"), html);
        assertTrue(html.contains("取消任务\n下一节再讲取消。") || html.contains("取消任务下一节再讲取消。"), html);
        assertTrue(html.contains("<title>学习笔记：任务 · "), html);
        assertTrue(html.contains("<html lang=\"zh-CN\">"), html);

        // the ```python block is code, highlighted at build time
        assertTrue(html.contains("<code class=\"language-python\">"), html);
        assertTrue(html.contains("<span class=\"tok-kw\">async</span> <span class=\"tok-kw\">def</span> <span class=\"tok-fn\">worker</span>"), html);
        // the $ python3 block is a terminal session, its <Task ...> escaped
        assertTrue(html.contains("<span class=\"tok-prompt\">$ </span><span class=\"tok-cmd\">python3 asyncio_start_task.py</span>"), html);
        assertTrue(html.contains("created &lt;Task pending name=&#39;Task-1&#39; coro=&lt;worker() running at asyncio_start_task.py:5&gt;&gt;"), html);

        // heading anchors and the table of contents
        assertTrue(html.contains("<h2 id=\"创建任务\">创建任务<a class=\"anchor\" href=\"#创建任务\""), html);
        assertTrue(html.contains("<a href=\"#创建任务\">创建任务</a>"), html);
        assertTrue(html.contains("<a href=\"#lesson-start-task\">StartTask.java</a>"), html);
    }

    @Test
    void lessonOutputIsEscapedAndLabelledWithItsClock() throws Exception {
        Path out = build("tiny", new Fixtures.FakeExecutor());
        String html = Files.readString(out.resolve("01-hello.html"));
        String pre = between(html, "<pre class=\"output \"><code>", "</code></pre>");
        assertEquals("creating task\nwaiting for &lt;Task pending name=&#39;Task-1&#39; coro=&lt;taskFunc() running at "
                + "HelloTask.java:9&gt;&gt;\nreturn value: &#39;the result&#39; &amp; done\n", pre);
        assertFalse(html.contains("<Task pending"), "raw output must never reach the page");
        assertTrue(html.contains("虚拟时钟 · 逐字节可重现"), html);
        assertTrue(html.contains("<a href=\"src/01-hello/HelloTask.java\">源文件 HelloTask.java</a>"), html);
        assertTrue(Files.exists(out.resolve("src/01-hello/HelloTask.java")));
        assertTrue(html.contains("移植自 <code>asyncio_hello_task.py</code>"), html);
        assertTrue(html.contains("data-copy=\"./jbang hello-task\""), html);
        assertTrue(html.contains("<span class=\"prompt\" aria-hidden=\"true\">$ </span>./jbang chapters/01-hello/HelloTask.java</code>"), html);
        assertTrue(html.contains("已与 <code>chapters/01-hello/HelloTask.out</code> 核对"), html);
        assertTrue(html.contains("LOOPCORE_CLOCK=virtual ./jbang hello-task"), html);
        // source highlighted, header included
        assertTrue(html.contains("<span class=\"tok-com\">//DESCRIPTION Prints a task-like repr"), html);
    }

    @Test
    void aServersBlockShowsItsTwoTerminalsSideBySideFromItsPairRun() throws Exception {
        Path out = build("tiny", new Fixtures.FakeExecutor().pair("HelloTask", "EchoClient", 23456,
                List.of("client <one>\n", "client two\n")));
        String html = Files.readString(out.resolve("01-hello.html"));
        String terminals = between(html, "<div class=\"pair-terminals\" role=\"group\"", "\n  </div>");
        assertTrue(terminals.contains("终端 1 · 服务器 HelloTask"), terminals);
        assertTrue(terminals.contains("终端 2 · 客户端 EchoClient，运行 2 次"), terminals);
        String server = between(terminals, "aria-label=\"终端 1：服务器的输出\"><code>", "</code></pre>");
        assertEquals("<span class=\"prompt\" aria-hidden=\"true\">$ </span>./jbang hello-task 23456\ncreating task\n"
                + "waiting for &lt;Task pending name=&#39;Task-1&#39; coro=&lt;taskFunc() running at HelloTask.java:9&gt;&gt;\n"
                + "<span class=\"keys\" title=\"这里按下了 Ctrl-C\">^C</span>\n"
                + "return value: &#39;the result&#39; &amp; done\n<span class=\"exit-status\">（退出状态 130）</span>", server);
        String client = between(terminals, "aria-label=\"终端 2：客户端各次运行的输出\"><code>", "</code></pre>");
        String prompt = "<span class=\"prompt\" aria-hidden=\"true\">$ </span>./jbang echo-client 23456\n";
        assertEquals(prompt + "client &lt;one&gt;\n" + prompt + "client two", client);
        String clientSide = Files.readString(build("tiny", new Fixtures.FakeExecutor().clientOf("CountDown", "HelloTask", 23456))
                .resolve("02-waiting.html"));
        assertTrue(clientSide.contains("和 <code>HelloTask.java</code> 配对运行")
                && clientSide.contains("<a href=\"#lesson-hello-task\">服务器一节的“两个终端”</a>"), clientSide);
        assertFalse(clientSide.contains("pair-terminals"), "the terminals are shown once, in the server's block");
        String solo = Files.readString(build("tiny", new Fixtures.FakeExecutor()).resolve("01-hello.html"));
        assertFalse(solo.contains("pair-terminals"), "a lesson that is no server shows no terminals");
    }

    @Test
    void realClockRunsSayTheyDiffer() throws Exception {
        Path out = build("tiny", new Fixtures.FakeExecutor().realClock("CountDown", "倒数 3\n倒数 2\n倒数 1\n完成：等待结束\n"));
        String html = Files.readString(out.resolve("02-waiting.html"));
        assertTrue(html.contains("真实时钟 · 时间每次不同"), html);
        assertFalse(html.contains("LOOPCORE_CLOCK=virtual"), html);
    }

    @Test
    void linesThatVaryBetweenRunsAreMarkedAndTheBadgeSaysSo() throws Exception {
        Path book = tmp.resolve("book");
        Path ch = Files.createDirectories(book.resolve("chapters/03-clock"));
        Files.writeString(ch.resolve("index.md"), "---\ntitle: 时钟\n---\n\n[WallTime.java](WallTime.java)\n");
        Files.writeString(ch.resolve("WallTime.java"), "//DESCRIPTION Prints wall time.\n"
                + "// Port of asyncio_wall_time.py, PyMOTW-3 page https://pymotw.com/3/asyncio/scheduling.html\nvoid main() {}\n");
        Files.writeString(ch.resolve("WallTime.out"), "start\nclock time: {{float}}\n{{unordered}}\na\nb\n{{end}}\ndone\n");
        Files.writeString(book.resolve("SUMMARY.md"), "- 03-clock\n  - WallTime\n");
        Path out = tmp.resolve("site");
        new SiteBuilder(new Fixtures.FakeExecutor().prints("WallTime", "start\nclock time: 1764500000.25\nb\na\ndone\n"),
                io.github.asyncioworkbook.site.preprocess.LessonsModule.verifier()).build(book, out);
        String html = Files.readString(out.resolve("03-clock.html"));
        assertTrue(html.contains("虚拟时钟 · 3 行每次不同"), html);
        assertFalse(html.contains("逐字节可重现"), html);
        assertTrue(html.contains("start\n<span class=\"line-varies\" title=\"这一行的值每次运行都不同\">clock time: 1764500000.25</span>\n"
                + "<span class=\"line-unordered\" title=\"这一行的位置每次运行可能不同\">b</span>\n"), html);
        assertTrue(html.contains("1 行（标有虚线）含有每次运行都不同的值"), html);
        assertTrue(html.contains("2 行（标有左边线）"), html);
        assertTrue(html.contains("第 3 章"), "the number comes from the folder: " + html);
    }

    @Test
    void indexListsChaptersInOrderAndPagesLinkNeighbours() throws Exception {
        Path out = build("tiny", new Fixtures.FakeExecutor());
        String index = Files.readString(out.resolve("index.html"));
        int first = index.indexOf("你好，协程");
        int second = index.indexOf("等待多个任务");
        assertTrue(first > 0 && second > first, index);
        assertTrue(index.contains("2024-01-15"), index);
        assertTrue(index.contains("这是开发用的小书的第一章：一个只有一个示例的章节，用来检查排版、目录与输出块。"), index);
        assertTrue(index.contains("2 章 · 2 个示例"), index);
        // summaries show link text, not URLs
        assertTrue(index.contains("第二章用来检查上一章/下一章的链接，以及中文搜索：这里多次出现“等待”和“任务”。"), index);

        String one = Files.readString(out.resolve("01-hello.html"));
        String two = Files.readString(out.resolve("02-waiting.html"));
        assertTrue(one.contains("<link rel=\"next\" href=\"02-waiting.html\">"), one);
        assertFalse(one.contains("rel=\"prev\""), one);
        assertTrue(two.contains("<link rel=\"prev\" href=\"01-hello.html\">"), two);
        assertTrue(one.contains("https://pymotw.com/3/asyncio/coroutines.html"), one);
    }

    @Test
    void searchIndexHoldsCjkBigramsAndLinksToHeadings() throws Exception {
        Path out = build("tiny", new Fixtures.FakeExecutor());
        String js = Files.readString(out.resolve("search-index.js"));
        assertTrue(js.startsWith("/*") && js.contains("window.WORKBOOK_SEARCH_INDEX = "), js);
        for (String term : List.of("\"等待\":", "\"任务\":", "\"协程\":", "\"倒数\":", "\"hellotask\":", "\"task\":")) {
            assertTrue(js.contains(term), term + " missing");
        }
        assertTrue(js.contains("\"u\":\"02-waiting.html#按顺序等待\""), js);
        assertTrue(js.contains("\"u\":\"01-hello.html#lesson-hello-task\""), js);
    }

    @Test
    void noRequestLeavesTheSite() throws Exception {
        Path out = build("tiny", new Fixtures.FakeExecutor());
        Pattern remote = Pattern.compile("(?:src|href)\\s*=\\s*[\"']?(?:https?:)?//|url\\(\\s*[\"']?(?:https?:)?//|@import|fetch\\(|XMLHttpRequest");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(f);
                for (String tag : tags(text)) {
                    // plain <a href="https://..."> links are fine: they load nothing until clicked
                    if (tag.startsWith("<a ")) {
                        continue;
                    }
                    Matcher m = remote.matcher(tag);
                    assertFalse(m.find(), f.getFileName() + " loads a remote resource: " + tag);
                }
                if (!f.toString().endsWith(".html")) {
                    assertFalse(remote.matcher(text).find(), f + " refers to a remote resource");
                }
            }
        }
        assertTrue(Files.exists(out.resolve("assets/site.css")));
        assertTrue(Files.exists(out.resolve("assets/site.js")));
        assertTrue(Files.exists(out.resolve("assets/search.js")));
        assertTrue(Files.exists(out.resolve("search.html")));
    }

    @Test
    void themeFilesCanBeOverriddenOneByOne() throws Exception {
        Path theme = Files.createDirectories(tmp.resolve("theme/css"));
        Files.writeString(theme.resolve("site.css"), "/* my own stylesheet */\n");
        Path out = tmp.resolve("site");
        new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT, new SiteRenderer(new Theme(tmp.resolve("theme"))))
                .build(Fixtures.book("tiny"), out);
        assertEquals("/* my own stylesheet */\n", Files.readString(out.resolve("assets/site.css")));
        assertTrue(Files.readString(out.resolve("assets/site.js")).contains("localStorage"), "other files stay built in");
    }

    @Test
    void pymotwValuesBecomeLinksWhenThePageIsKnown() {
        assertEquals("https://pymotw.com/3/asyncio/tasks.html", SiteRenderer.pymotwUrl("Executing Tasks Concurrently"));
        assertEquals("https://pymotw.com/3/asyncio/io_protocol.html", SiteRenderer.pymotwUrl("Asynchronous I/O with Protocol Class Abstractions"));
        assertEquals("https://pymotw.com/3/asyncio/tasks.html", SiteRenderer.pymotwUrl("asyncio/tasks.html"));
        assertEquals("https://pymotw.com/3/asyncio/tasks.html", SiteRenderer.pymotwUrl("tasks"));
        assertEquals(null, SiteRenderer.pymotwUrl("Something else entirely"));
    }

    private static List<String> tags(String html) {
        return Pattern.compile("<[a-zA-Z][^>]*>").matcher(html).results().map(r -> r.group()).toList();
    }

    private static String between(String s, String start, String end) throws IOException {
        int a = s.indexOf(start);
        if (a < 0) {
            throw new IOException("no " + start);
        }
        int b = s.indexOf(end, a + start.length());
        return s.substring(a + start.length(), b);
    }
}
