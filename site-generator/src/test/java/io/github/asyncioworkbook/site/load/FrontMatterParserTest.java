package io.github.asyncioworkbook.site.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontMatterParserTest {

    private static final Path FILE = Path.of("chapters/03-tasks/index.md");

    @Test
    void parsesScalarsQuotedStringsAndFlowList() throws Exception {
        FrontMatterParser.Note note = FrontMatterParser.parse(FILE, """
                ---
                layout: post   # Jekyll's, ignored
                title: "测四: \\"任务\\""
                date: 2017-08-27
                order: 3
                lessons: [CreateTask, "CancelTask.java", 'WaitFor']
                pymotw: asyncio/tasks
                ---

                正文
                """);
        FrontMatter fm = note.frontMatter();
        assertEquals("测四: \"任务\"", fm.title());
        assertEquals(LocalDate.of(2017, 8, 27), fm.date());
        assertEquals(3, fm.order());
        assertEquals(List.of("CreateTask", "CancelTask", "WaitFor"), fm.lessons().stream().map(FrontMatter.LessonRef::name).toList());
        assertEquals(6, fm.lessons().getFirst().line());
        assertEquals("asyncio/tasks", fm.pymotw());
        assertEquals(9, note.bodyFirstLine());
        assertEquals("\n正文\n", note.body());
    }

    @Test
    void parsesBlockListWithLineNumbersAndComments() throws Exception {
        FrontMatter fm = FrontMatterParser.parse(FILE, """
                ---
                # a comment line
                title: 任务
                order: 1
                lessons:
                  - CreateTask
                  # between items
                  - CancelTask   # trailing comment
                ---
                """).frontMatter();
        assertEquals(List.of(new FrontMatter.LessonRef("CreateTask", 6), new FrontMatter.LessonRef("CancelTask", 8)), fm.lessons());
        assertNull(fm.date());
        assertNull(fm.pymotw());
    }

    @Test
    void emptyLessonsAreAllowed() throws Exception {
        assertTrue(FrontMatterParser.parse(FILE, "---\ntitle: t\norder: 1\nlessons: []\n---\n").frontMatter().lessons().isEmpty());
        assertTrue(FrontMatterParser.parse(FILE, "---\ntitle: t\norder: 1\nlessons:\n---\n").frontMatter().lessons().isEmpty());
    }

    @ParameterizedTest(name = "line {0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1 | no front matter here\\n                                   | must start with a '---' line
            1 | ---\\ntitle: t\\norder: 1\\n                               | no closing '---'
            1 | ---\\norder: 1\\n---\\n                                     | missing required key 'title'
            1 | ---\\ntitle: t\\n---\\n                                     | missing required key 'order'
            3 | ---\\ntitle: t\\norder: three\\n---\\n                      | 'order' must be an integer
            4 | ---\\ntitle: t\\norder: 1\\ndate: 27.8.2017\\n---\\n         | 'date' must be YYYY-MM-DD
            4 | ---\\ntitle: t\\norder: 1\\ndate: 2017-02-30\\n---\\n        | 'date' must be YYYY-MM-DD
            3 | ---\\ntitle: t\\nlesson: [A]\\norder: 1\\n---\\n            | unknown key 'lesson'
            3 | ---\\ntitle: t\\ntitle: u\\norder: 1\\n---\\n               | duplicate key 'title'
            2 | ---\\n  title: t\\norder: 1\\n---\\n                        | unexpected indentation
            2 | ---\\n- A\\n---\\n                                          | a list item must follow a key
            2 | ---\\ntitle: "open\\norder: 1\\n---\\n                      | unterminated quoted string
            4 | ---\\ntitle: t\\norder: 1\\nlessons: [A, B\\n---\\n         | must end with ']'
            5 | ---\\ntitle: t\\norder: 1\\nlessons:\\n  - 1st\\n---\\n     | is not a Java class name
            6 | ---\\ntitle: t\\norder: 1\\nlessons:\\n  - A\\n  - A\\n---\\n | listed twice
            4 | ---\\ntitle: t\\norder: 1\\nlessons: A\\n---\\n             | must be a list
            2 | ---\\ntitle: &anchor t\\norder: 1\\n---\\n                  | unsupported YAML syntax
            2 | ---\\ntitle: a: b\\norder: 1\\n---\\n                       | nested mappings
            2 | ---\\n\\ttitle: t\\norder: 1\\n---\\n                       | tabs are not allowed
            2 | ---\\ntitle: t\\norder: 1\\n                                | no closing '---'
            """)
    void errorsNameFileAndLine(int line, String text, String problem) {
        String note = text.strip().replace("\\n", "\n").replace("\\t", "\t");
        SourceException e = assertThrows(SourceException.class, () -> FrontMatterParser.parse(FILE, note));
        assertTrue(e.problem().contains(problem), e.getMessage());
        if (!problem.contains("no closing")) {
            assertEquals(line, e.line(), e.getMessage());
        }
        assertEquals(FILE, e.file());
        assertTrue(e.getMessage().startsWith(FILE + ":" + e.line() + ": "), e.getMessage());
    }
}
