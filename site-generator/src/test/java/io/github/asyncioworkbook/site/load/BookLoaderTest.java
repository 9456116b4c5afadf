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

    @Test
    void loadsChaptersInOrderWithTheirLessons() throws Exception {
        Book book = new BookLoader().load(Fixtures.book("tiny"));
        assertEquals(List.of("01-hello", "02-waiting"), book.chapters().stream().map(Chapter::slug).toList());
        Chapter first = book.chapters().getFirst();
        assertEquals("你好，协程", first.title());
        assertEquals("Cooperative Multitasking with Coroutines", first.pymotw());
        assertEquals(8, first.markdownFirstLine());
        assertEquals("HelloTask", first.lessons().getFirst().name());
        assertTrue(first.lessons().getFirst().sourceText().contains("void main()"));
        assertTrue(first.lessons().getFirst().expectedText().startsWith("creating task\n"));
        assertNull(first.lessons().getFirst().run());
        assertEquals("Prints a task-like repr, to check that output is escaped.", first.lessons().getFirst().description());
        assertEquals(2, book.lessons().size());
    }

    @Test
    void acceptsTheChaptersFolderItself() throws Exception {
        Book book = new BookLoader().load(Fixtures.book("tiny").resolve("chapters"));
        assertEquals(2, book.chapters().size());
    }

    @Test
    void embeddedLessonThatIsNotListedNamesFileAndLine() {
        SourceException e = assertThrows(SourceException.class, () -> new BookLoader().load(Fixtures.book("unlisted-embed")));
        assertTrue(e.file().endsWith(Path.of("01-a", "index.md")), e.getMessage());
        assertEquals(13, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("'Forgotten.java' is not listed"), e.getMessage());
    }

    @Test
    void listedLessonWithoutOutFileNamesFileAndLine() {
        SourceException e = assertThrows(SourceException.class, () -> new BookLoader().load(Fixtures.book("missing-out")));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("NoOut.out"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*index\\.md:6: .*"), e.getMessage());
    }

    @Test
    void listedLessonWithoutJavaFileNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path ch = Files.createDirectories(dir.resolve("chapters/01-x"));
        Files.writeString(ch.resolve("index.md"), "---\ntitle: x\norder: 1\nlessons: [Ghost]\n---\n");
        SourceException e = assertThrows(SourceException.class, () -> new BookLoader().load(dir));
        assertEquals(4, e.line());
        assertTrue(e.getMessage().contains("Ghost.java does not exist"), e.getMessage());
    }

    @Test
    void lessonsTakeTheirAliasFromTheCatalog() throws Exception {
        Book book = new BookLoader().load(Fixtures.book("tiny"));
        assertEquals(List.of("hello-task", "count-down"), book.lessons().stream().map(l -> l.alias()).toList());
        assertEquals(Fixtures.book("tiny").toAbsolutePath(), book.projectRoot());
    }

    @Test
    void lessonMissingFromTheCatalogNamesFileAndLine(@TempDir Path dir) throws Exception {
        Path ch = Files.createDirectories(dir.resolve("chapters/01-x"));
        Files.writeString(ch.resolve("index.md"), "---\ntitle: x\norder: 1\nlessons:\n  - Known\n  - Unknown\n---\n");
        for (String name : List.of("Known", "Unknown")) {
            Files.writeString(ch.resolve(name + ".java"), "void main() {}\n");
            Files.writeString(ch.resolve(name + ".out"), "x\n");
        }
        Files.writeString(dir.resolve("jbang-catalog.json"), """
                {"aliases": {"known": {"script-ref": "chapters/01-x/Known.java"},
                             "remote": {"script-ref": "org.example:thing:1.0"}}}
                """);
        SourceException e = assertThrows(SourceException.class, () -> new BookLoader().load(dir));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("lesson 'Unknown' has no alias in"), e.getMessage());
        assertTrue(e.getMessage().contains("\"unknown\" with a script-ref to chapters/01-x/Unknown.java"), e.getMessage());

        Files.writeString(dir.resolve("jbang-catalog.json"), "{\"aliases\": {\n  \"known\": {,}\n}}");
        e = assertThrows(SourceException.class, () -> new BookLoader().load(dir));
        assertEquals(2, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("jbang-catalog.json:2: invalid JSON"), e.getMessage());
    }

    @Test
    void aliasPointingToAMissingScriptIsAnError(@TempDir Path dir) throws Exception {
        Path ch = Files.createDirectories(dir.resolve("chapters/01-x"));
        Files.writeString(ch.resolve("index.md"), "---\ntitle: x\norder: 1\nlessons:\n  - Known\n---\n");
        Files.writeString(ch.resolve("Known.java"), "void main() {}\n");
        Files.writeString(ch.resolve("Known.out"), "x\n");
        Files.writeString(dir.resolve("jbang-catalog.json"), """
                {"aliases": {"known": {"script-ref": "chapters/01-x/Known.java"},
                             "gone": {"script-ref": "chapters/01-x/Renamed.java"}}}
                """);
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("jbang-catalog.json: alias 'gone' has script-ref 'chapters/01-x/Renamed.java', which does not exist"),
                e.getMessage());
    }

    @Test
    void duplicateOrderAndMissingNoteAreErrors(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("index.md"), "---\ntitle: a\norder: 1\n---\n");
        Files.writeString(b.resolve("index.md"), "---\ntitle: b\norder: 1\n---\n");
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("order 1 is also used"), e.getMessage());

        Files.delete(b.resolve("index.md"));
        e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("has no index.md"), e.getMessage());
    }

    @Test
    void invalidUtf8IsNamed(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Files.write(a.resolve("index.md"), new byte[] {'-', '-', '-', '\n', (byte) 0xC3, '\n'});
        SiteException e = assertThrows(SiteException.class, () -> new BookLoader().load(dir));
        assertTrue(e.getMessage().contains("index.md: not valid UTF-8"), e.getMessage());
    }
}
