package io.github.asyncioworkbook.site.render;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.SiteException;
import io.github.asyncioworkbook.site.timeline.LessonTimeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the book as a static site that works from {@code file://} and makes no request outside it.
 *
 * <p>Files written:
 * <ul>
 *   <li>{@code index.html}: the chapters in book order (title, date, one line each);</li>
 *   <li>{@code <slug>.html}: one page per chapter, with an in-page table of contents and prev/next
 *       links ({@code rel=prev/next}, also reachable with the arrow keys);</li>
 *   <li>{@code print.html}: the whole book on one page, for printing;</li>
 *   <li>{@code 404.html}: what {@code serve} answers for a page the site does not have;</li>
 *   <li>{@code search.html} and {@code search-index.js}: client-side search ({@link SearchIndex}),
 *       also offered as you type in every page's header;</li>
 *   <li>{@code src/<chapter>/<Name>.java}: each lesson's source, linked from its block;</li>
 *   <li>{@code assets/}: the theme's stylesheet and scripts;</li>
 *   <li>{@link #MARKER}: marks the folder as a generated site, so that a later build may replace it.</li>
 * </ul>
 * Every page has the chapter sidebar (a drawer on phones) and a {@code <main>} landmark.
 */
public final class SiteRenderer implements Renderer {

    /** Name of the file that marks a folder as written by this renderer. */
    public static final String MARKER = ".workbook-site";

    private final Theme theme;
    private final List<LessonPart> lessonParts;

    /**
     * Creates a renderer.
     *
     * @param theme the templates and assets to use
     */
    public SiteRenderer(Theme theme) {
        this(theme, List.of());
    }

    /**
     * Creates a renderer that adds blocks to every lesson's section.
     *
     * @param theme the templates and assets to use
     * @param lessonParts extra per-lesson blocks, shown after each lesson's output ({@link LessonView})
     */
    public SiteRenderer(Theme theme, List<LessonPart> lessonParts) {
        this.theme = theme;
        this.lessonParts = List.copyOf(lessonParts);
    }

    @Override
    public String name() {
        return "html";
    }

    @Override
    public void render(Book book, Path outDir) throws SiteException {
        ChapterRenderer chapters = new ChapterRenderer(theme, new LessonView(theme, lessonParts));
        SearchIndex index = new SearchIndex();
        List<String> indexItems = new ArrayList<>();
        StringBuilder printed = new StringBuilder();
        for (Chapter chapter : book.chapters()) {
            ChapterRenderer.Result r = chapters.render(book, chapter);
            for (ChapterRenderer.Section s : r.sections()) {
                String url = chapter.pageName() + (s.anchor().isEmpty() ? "" : "#" + s.anchor());
                index.add(url, chapter.title(), s.title(), s.text());
            }
            write(outDir.resolve(chapter.pageName()), chapterPage(book, chapter, r));
            printed.append(theme.render("print-chapter.html", Map.of(
                    "slug", chapter.slug(),
                    "number", chapterNumber(chapter),
                    "title", chapter.title(),
                    "body", PrintIds.prefix(chapter.slug(), r.html()))));
            for (Lesson lesson : chapter.lessons()) {
                if (lesson.run() != null && lesson.run().trace() != null) {
                    write(outDir.resolve(LessonTimeline.traceFileName(lesson.name())), lesson.run().trace());
                }
            }
            indexItems.add(theme.render("index-item.html", Map.of(
                    "href", chapter.pageName(),
                    "number", String.format("%02d", chapter.number()),
                    "title", chapter.title(),
                    "date", date(chapter),
                    "summary", r.summary(),
                    "lessons", lessonCount(chapter))));
        }
        write(outDir.resolve("index.html"), indexPage(book, indexItems));
        write(outDir.resolve("print.html"), page(book, null, theme.string("label.print"), "print", "",
                theme.render("print.html", Map.of("bookTitle", theme.string("book.title"),
                        "bookSubtitle", theme.string("book.subtitle"), "chapters", printed.toString())), ""));
        write(outDir.resolve("404.html"), page(book, null, theme.string("label.notFound"), "not-found", "",
                theme.render("not-found.html", Map.of()), ""));
        write(outDir.resolve("search.html"), page(book, null, theme.string("label.search"), "search", "",
                theme.render("search.html", Map.of()), ""));
        write(outDir.resolve("search-index.js"), index.toJavaScript());
        try {
            Files.createDirectories(outDir.resolve("assets"));
            for (String asset : Theme.ASSETS) {
                Path target = outDir.resolve("assets").resolve(Path.of(asset).getFileName());
                Files.write(target, theme.bytes(asset));
            }
            for (Lesson lesson : book.lessons()) {
                Path target = outDir.resolve(LessonView.sourceHref(lesson));
                Files.createDirectories(target.getParent());
                Files.copy(lesson.source(), target);
            }
        } catch (IOException e) {
            throw new SiteException(outDir + ": cannot write assets and sources: " + e.getMessage(), e);
        }
        write(outDir.resolve(MARKER), "Generated by site-generator; this whole folder is replaced on each build.\n");
    }

    private String chapterNumber(Chapter chapter) {
        return theme.string("label.chapterNumber").replace("{n}", String.valueOf(chapter.number()));
    }

    /** The sidebar's items, the current chapter marked with {@code aria-current="page"}. */
    private String sidebar(Book book, Chapter current) {
        StringBuilder sb = new StringBuilder();
        for (Chapter c : book.chapters()) {
            sb.append(theme.render("sidebar-item.html", Map.of(
                    "href", c.pageName(),
                    "current", c == current ? " aria-current=\"page\"" : "",
                    "number", theme.string("label.sidebarNumber").replace("{n}", String.valueOf(c.number())),
                    "title", c.title())));
        }
        return sb.toString();
    }

    private String chapterPage(Book book, Chapter chapter, ChapterRenderer.Result r) {
        StringBuilder toc = new StringBuilder();
        for (ChapterRenderer.TocEntry e : r.toc()) {
            toc.append(theme.render("toc-item.html", Map.of(
                    "level", String.valueOf(e.level()),
                    "kind", e.lesson() ? "lesson" : "heading",
                    "id", e.id(),
                    "text", e.text())));
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("title", chapter.title());
        data.put("number", chapterNumber(chapter));
        data.put("date", date(chapter));
        data.put("lessons", lessonCount(chapter));
        String pymotw = chapter.pymotw() == null ? null : pymotwUrl(chapter.pymotw());
        data.put("pymotw", chapter.pymotw() == null ? ""
                : theme.render(pymotw == null ? "pymotw-text.html" : "pymotw-link.html",
                        Map.of("href", pymotw == null ? "" : pymotw, "name", chapter.pymotw())));
        data.put("toc", toc.toString());
        data.put("body", r.html());
        data.put("prev", chapter.prev() == null ? "" : theme.render("pager-prev.html",
                Map.of("href", chapter.prev().slug() + ".html", "title", chapter.prev().title())));
        data.put("next", chapter.next() == null ? "" : theme.render("pager-next.html",
                Map.of("href", chapter.next().slug() + ".html", "title", chapter.next().title())));
        StringBuilder head = new StringBuilder();
        if (chapter.prev() != null) {
            head.append("<link rel=\"prev\" href=\"").append(Html.escape(chapter.prev().slug())).append(".html\">\n");
        }
        if (chapter.next() != null) {
            head.append("<link rel=\"next\" href=\"").append(Html.escape(chapter.next().slug())).append(".html\">\n");
        }
        return page(book, chapter, chapter.title(), "chapter", head.toString(), theme.render("chapter.html", data), "");
    }

    private String indexPage(Book book, List<String> items) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("bookTitle", theme.string("book.title"));
        data.put("bookSubtitle", theme.string("book.subtitle"));
        data.put("stats", theme.string("label.stats")
                .replace("{chapters}", String.valueOf(book.chapters().size()))
                .replace("{lessons}", String.valueOf(book.lessons().size())));
        data.put("items", String.join("", items));
        String first = book.chapters().isEmpty() ? "" : "<link rel=\"next\" href=\""
                + Html.escape(book.chapters().getFirst().pageName()) + "\">\n";
        return page(book, null, null, "home", first, theme.render("index.html", data), "");
    }

    private String page(Book book, Chapter current, String title, String kind, String head, String content, String scripts) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("sidebar", sidebar(book, current));
        String bookTitle = theme.string("book.title");
        data.put("pageTitle", title == null ? bookTitle : title + " · " + bookTitle);
        data.put("bookTitle", bookTitle);
        data.put("kind", kind);
        data.put("head", head);
        data.put("content", content);
        data.put("scripts", scripts);
        data.put("footer", theme.string("label.footer"));
        return theme.render("page.html", data);
    }

    private String date(Chapter chapter) {
        return chapter.date() == null ? "" : chapter.date().format(DateTimeFormatter.ISO_LOCAL_DATE);
    }

    private String lessonCount(Chapter chapter) {
        return chapter.lessons().isEmpty() ? theme.string("label.noLessons")
                : theme.string("label.lessonCount").replace("{n}", String.valueOf(chapter.lessons().size()));
    }

    /** PyMOTW-3 asyncio page titles and their file names (https://pymotw.com/3/asyncio/). */
    private static final Map<String, String> PYMOTW_PAGES = Map.ofEntries(
            Map.entry("asynchronous concurrency concepts", "concepts"),
            Map.entry("cooperative multitasking with coroutines", "coroutines"),
            Map.entry("scheduling calls to regular functions", "scheduling"),
            Map.entry("producing results asynchronously", "futures"),
            Map.entry("executing tasks concurrently", "tasks"),
            Map.entry("composing coroutines with control structures", "control"),
            Map.entry("synchronization primitives", "synchronization"),
            Map.entry("asynchronous i/o with protocol class abstractions", "io_protocol"),
            Map.entry("asynchronous i/o using coroutines and streams", "io_coroutine"),
            Map.entry("using ssl", "ssl"),
            Map.entry("interacting with domain name services", "dns"),
            Map.entry("working with subprocesses", "subprocesses"),
            Map.entry("receiving unix signals", "unix_signals"),
            Map.entry("combining coroutines with threads and processes", "executors"),
            Map.entry("debugging with asyncio", "debugging"));

    /**
     * {@return the PyMOTW-3 page for a front matter {@code pymotw} value, or {@code null}}
     *
     * @param value a page title ({@code Executing Tasks Concurrently}), a file name ({@code tasks},
     *     {@code asyncio/tasks.html}) or a full URL
     */
    static String pymotwUrl(String value) {
        String v = value.strip();
        if (v.startsWith("https://") || v.startsWith("http://")) {
            return v;
        }
        String page = PYMOTW_PAGES.get(v.toLowerCase(java.util.Locale.ROOT));
        if (page == null && v.matches("[A-Za-z0-9_/]+(\\.html)?")) {
            page = v.replaceFirst("^asyncio/", "").replaceFirst("\\.html$", "");
        }
        return page == null ? null : "https://pymotw.com/3/asyncio/" + page + ".html";
    }

    private static void write(Path file, String text) throws SiteException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SiteException(file + ": cannot write: " + e.getMessage(), e);
        }
    }
}
