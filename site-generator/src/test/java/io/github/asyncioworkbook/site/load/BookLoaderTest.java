package io.github.asyncioworkbook.site.load;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;
import io.github.asyncioworkbook.site.Fixtures;
import io.github.asyncioworkbook.site.SiteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BookLoaderTest {

    /** Writes a lesson with the header lines every lesson needs. */
    private static void lesson(Path chapter, String name) throws Exception {
        Files.writeString(chapter.resolve(name + ".java"), "//DESCRIPTION " + name + " says hi.\n"
                + "// Port of asyncio_x.py, PyMOTW-3 page https://pymotw.com/3/asyncio/tasks.html\nvoid main() {}\n");
        Files.writeString(chapter.resolve(name + ".out"), "x\n");
    }

    @Test
    void loadsChaptersInListOrderWithNumbersAndLessons() throws Exception {
        Book book = new BookLoader().load(Fixtures.book("tiny"));
        assertEquals(List.of("01-hello", "02-waiting"), book.chapters().stream().map(Chapter::slug).toList());
        assertEquals(List.of(1, 2), book.chapters().stream().map(Chapter::number).toList());
        Chapter first = book.chapters().getFirst();
        assertEquals("你好，协程", first.title());
        assertEquals("Cooperative Multitasking with Coroutines", first.pymotw());
        assertEquals(6, first.markdownFirstLine());
        assertEquals("HelloTask", first.lessons().getFirst().name());
        assertTrue(first.lessons().getFirst().sourceText().contains("void main()"));
        assertTrue(first.lessons().getFirst().expectedText().startsWith("creating task\n"));
        assertNull(first.lessons().getFirst().run());
        assertEquals("Prints a task-like repr, to check that output is escaped.", first.lessons().getFirst().description());
        assertEquals("asyncio_hello_task.py", first.lessons().getFirst().header().script());
        assertEquals(2, book.lessons().size());
    }

    @Test
    void acceptsTheChaptersFolderItself() throws Exception {
        Book book = new BookLoader().load(Fixtures.book("tiny").resolve("chapters"));
        assertEquals(2, book.chapters().size());
    }

    @Test
    void aLessonFileMissingFromTheListIsAnErrorNamingIt() {
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(Fixtures.book("unlisted-embed")));
        assertTrue(e.getMessage().matches("(?s).*chapters/01-a/Forgotten\\.java: lesson is not in the lesson list; add '  - Forgotten'.*"),
                e.getMessage());
    }

    @Test
    void embeddingAnotherChaptersLessonNamesNoteAndLine(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("chapters/01-a"));
        Path b = Files.createDirectories(dir.resolve("chapters/02-b"));
        Files.writeString(a.resolve("index.md"), "---\ntitle: a\n---\n\nText.\n\n[Other.java](Other.java)\n");
        Files.writeString(b.resolve("index.md"), "---\ntitle: b\n---\n");
        lesson(b, "Other");
        Files.writeString(dir.resolve("SUMMARY.md"), "- 01-a\n- 02-b\n  - Other\n");
        SourceException e = assertThrows(SourceException.class, () -> new BookLoader().load(dir));
        assertEquals(7, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("'Other.java' is not a lesson of this chapter; list it under '- 01-a'"), e.getMessage());
    }

    @Test
    void listedLessonWithoutOutFileIsNamed() {
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(Fixtures.book("missing-out")));
        assertTrue(e.getMessage().matches("(?s).*chapters/01-a/NoOut\\.out: missing; .*"), e.getMessage());
    }

    @Test
    void aliasesAreTheKebabCaseOfClassNames() throws Exception {
        Book book = new BookLoader().load(Fixtures.book("tiny"));
        assertEquals(List.of("hello-task", "count-down"), book.lessons().stream().map(l -> l.alias()).toList());
        assertEquals(Fixtures.book("tiny").toAbsolutePath(), book.projectRoot());
    }

    @Test
    void aCatalogThatIsNotTheListsIsAnError(@TempDir Path dir) throws Exception {
        Path ch = Files.createDirectories(dir.resolve("chapters/01-x"));
        Files.writeString(ch.resolve("index.md"), "---\ntitle: x\n---\n");
        lesson(ch, "Known");
        Files.writeString(dir.resolve("SUMMARY.md"), "- 01-x\n  - Known\n");
        Files.writeString(dir.resolve("jbang-catalog.json"), "{\"aliases\": {}}\n");
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("jbang-catalog.json:1: out of date with"), e.getMessage());
        assertTrue(e.getMessage().contains("a local ./mvnw verify rewrites it"), e.getMessage());
    }

    @Test
    void frontMatterOrderIsRefusedPointingToTheList(@TempDir Path dir) throws Exception {
        Path ch = Files.createDirectories(dir.resolve("chapters/01-x"));
        Files.writeString(ch.resolve("index.md"), "---\ntitle: x\norder: 1\n---\n");
        Files.writeString(dir.resolve("SUMMARY.md"), "- 01-x\n");
        SourceException e = assertThrows(SourceException.class, () -> new BookLoader().load(dir));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("lessons/SUMMARY.md"), e.getMessage());
    }

    @Test
    void missingListOrNoteAreErrors(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("chapters/01-x"));
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("SUMMARY.md: the lesson list is missing"), e.getMessage());
        Files.writeString(dir.resolve("SUMMARY.md"), "- 01-x\n");
        e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("SUMMARY.md:1: chapter 01-x has no note"), e.getMessage());
    }

    @Test
    void invalidUtf8IsNamed(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("chapters/01-a"));
        Files.write(a.resolve("index.md"), new byte[] {'-', '-', '-', '\n', (byte) 0xC3, '\n'});
        Files.writeString(dir.resolve("SUMMARY.md"), "- 01-a\n");
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("index.md: not valid UTF-8"), e.getMessage());
    }
}
