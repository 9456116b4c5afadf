package io.github.asyncioworkbook.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one lesson list: what it accepts, what it refuses (naming file and line), what derives from it. */
class WorkbookTest {

    @TempDir
    Path root;

    private Path lessonFile(String chapter, String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve("chapters").resolve(chapter));
        if (!Files.exists(dir.resolve("index.md"))) {
            Files.writeString(dir.resolve("index.md"), "---\ntitle: t\n---\n");
        }
        Files.writeString(dir.resolve(name + ".out"), "hi\n");
        return Files.writeString(dir.resolve(name + ".java"), "//DESCRIPTION Says \"hi\" for " + name + ".\n"
                + "// Port of asyncio_" + name.toLowerCase() + ".py, PyMOTW-3 page https://pymotw.com/3/asyncio/tasks.html\n"
                + "void main() { IO.println(\"hi\"); }\n");
    }

    private void list(String... lines) throws IOException {
        Files.writeString(root.resolve("SUMMARY.md"), "# Lessons\n\nSome prose.\n\n" + String.join("\n", lines) + "\n");
    }

    private LessonListException refused() {
        return assertThrows(LessonListException.class, () -> Workbook.load(root));
    }

    @Test
    void readsChaptersAndLessonsInListOrderWithNumbersFromFolders() throws Exception {
        Files.createDirectories(root.resolve("chapters/01-intro"));
        Files.writeString(root.resolve("chapters/01-intro/index.md"), "---\ntitle: t\n---\n");
        lessonFile("05-tasks", "Zeta");
        lessonFile("05-tasks", "Alpha");
        list("- 01-intro", "- 05-tasks", "  - Zeta", "  - Alpha");
        Workbook w = Workbook.load(root);
        assertEquals(List.of(1, 5), w.chapters().stream().map(Workbook.Chapter::number).toList());
        assertEquals(List.of(), w.chapters().getFirst().lessons());
        assertEquals(List.of("05-tasks/Zeta", "05-tasks/Alpha"), w.lessons().stream().map(Lesson::id).toList());
        LessonHeader h = w.lessons().getFirst().header();
        assertEquals("asyncio_zeta", h.scriptStem());
        assertEquals(Optional.of("https://pymotw.com/3/asyncio/tasks.html"), h.pymotwPage());
    }

    @Test
    void anUnlistedLessonIsAnErrorNamingIt() throws Exception {
        lessonFile("05-tasks", "Listed");
        Path forgotten = lessonFile("05-tasks", "Forgotten");
        list("- 05-tasks", "  - Listed");
        LessonListException e = refused();
        assertEquals(forgotten, e.file());
        assertTrue(e.getMessage().contains("add '  - Forgotten' under '- 05-tasks'"), e.getMessage());
    }

    @Test
    void anUnlistedChapterOrStrayExpectedFileIsAnError() throws Exception {
        lessonFile("05-tasks", "Listed");
        lessonFile("06-more", "Other");
        list("- 05-tasks", "  - Listed");
        assertTrue(refused().getMessage().contains("06-more: chapter folder is not in the lesson list"));
        list("- 05-tasks", "  - Listed", "- 06-more", "  - Other");
        Files.writeString(root.resolve("chapters/06-more/Gone.out"), "x\n");
        assertTrue(refused().getMessage().contains("Gone.out: expected output of no listed lesson"));
    }

    @Test
    void badLinesAreNamedByLine() throws Exception {
        lessonFile("05-tasks", "Listed");
        list("- 05-tasks", "    - Listed");
        assertEquals(6, refused().line());
        list("- 05-tasks", "  - Missing");
        assertTrue(refused().getMessage().contains("SUMMARY.md:6: lesson Missing is listed but"));
        list("- 05-tasks", "  - Listed", "  - Listed");
        assertTrue(refused().getMessage().contains(":7: lesson Listed is already listed at line 6"));
        list("- 05-tasks", "  - Listed + ");
        assertTrue(refused().getMessage().contains("SUMMARY.md:6: malformed pair 'Listed +'"), refused().getMessage());
        list("- 05-tasks", "  - Listed + Echo + Client");
        assertTrue(refused().getMessage().contains("malformed pair"));
        list("- 05-tasks", "  - Listed + Client");
        assertTrue(refused().getMessage().contains("SUMMARY.md:6: lesson Client is listed but"), refused().getMessage());
        lessonFile("03-early", "Early");
        list("- 05-tasks", "  - Listed", "- 03-early", "  - Early");
        assertTrue(refused().getMessage().contains("chapter numbers must rise"));
    }

    @Test
    void aLessonWithoutItsPortLineIsRefused() throws Exception {
        Path source = lessonFile("05-tasks", "Listed");
        Files.writeString(source, "//DESCRIPTION d\nvoid main() {}\n");
        list("- 05-tasks", "  - Listed");
        LessonListException e = refused();
        assertEquals(source, e.file());
        assertTrue(e.getMessage().contains("// Port of asyncio_<name>.py"), e.getMessage());
    }

    @Test
    void catalogIsRenderedFromTheListAndChecked() throws Exception {
        lessonFile("05-tasks", "CreateTask");
        lessonFile("05-tasks", "CancelTask2");
        list("- 05-tasks", "  - CreateTask", "  - CancelTask2");
        Workbook w = Workbook.load(root);
        Path catalog = root.resolve("jbang-catalog.json");
        String json = JbangCatalogFile.render(w, root);
        assertTrue(json.contains("    \"create-task\": {\n"
                + "      \"script-ref\": \"chapters/05-tasks/CreateTask.java\",\n"
                + "      \"description\": \"Says \\\"hi\\\" for CreateTask.\"\n"
                + "    },\n    \"cancel-task2\": {"), json);
        assertTrue(JbangCatalogFile.check(w, catalog).orElseThrow().contains("jbang-catalog.json:1: out of date"));
        assertTrue(JbangCatalogFile.write(w, catalog));
        assertEquals(Optional.empty(), JbangCatalogFile.check(w, catalog));
        assertFalse(JbangCatalogFile.write(w, catalog));
        Files.writeString(catalog, Files.readString(catalog).replace("cancel-task2", "cancel-two"));
        assertTrue(JbangCatalogFile.check(w, catalog).orElseThrow().contains(":7: out of date"));
    }

    @Test
    void verifiedRunsAreReusedOnlyWhileTheirFilesAreUnchanged() throws Exception {
        Path source = lessonFile("05-tasks", "Listed");
        list("- 05-tasks", "  - Listed");
        Lesson lesson = Workbook.load(root).lessons().getFirst();
        VerifiedRuns runs = new VerifiedRuns(root.resolve("runs"), List.of());
        assertEquals(Optional.empty(), runs.load(lesson));
        runs.save(new RunResult(lesson, ClockMode.VIRTUAL, 0, "hi\n", java.time.Duration.ofMillis(7), false));
        RunResult back = runs.load(lesson).orElseThrow();
        assertEquals("hi\n", back.output());
        assertEquals(ClockMode.VIRTUAL, back.clock());
        Files.writeString(source, Files.readString(source) + "// edited\n");
        assertEquals(Optional.empty(), runs.load(lesson), "an edited lesson must run again");
        assertThrows(IllegalArgumentException.class, () -> runs.save(
                new RunResult(lesson, ClockMode.VIRTUAL, 1, "", java.time.Duration.ZERO, false)));
    }

    @Test
    void aPairLineNamesAServerAndItsClientBothLessonsOfTheChapter() throws Exception {
        lessonFile("08-io", "Before");
        lessonFile("08-io", "EchoServer");
        lessonFile("08-io", "EchoClient");
        list("- 08-io", "  - Before", "  - EchoServer + EchoClient");
        Workbook w = Workbook.load(root);
        assertEquals(List.of("08-io/Before", "08-io/EchoServer", "08-io/EchoClient"), w.lessons().stream().map(Lesson::id).toList());
        assertEquals(List.of("08-io/Before"), w.soloLessons().stream().map(Lesson::id).toList());
        LessonPair pair = w.pairs().getFirst();
        assertEquals("08-io/EchoServer", pair.server().id());
        assertEquals("08-io/EchoClient", pair.client().id());
        assertEquals(Optional.of(pair), w.pairOf(pair.client()));
        assertEquals(Optional.empty(), w.pairOf(w.lessons().getFirst()));
        assertEquals(List.of(pair), w.chapters().getFirst().pairs());
    }
}
