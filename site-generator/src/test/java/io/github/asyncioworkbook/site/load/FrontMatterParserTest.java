package io.github.asyncioworkbook.site.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontMatterParserTest {

    private static final Path FILE = Path.of("chapters/03-tasks/index.md");

    @Test
    void parsesScalarsAndQuotedStrings() throws Exception {
        FrontMatterParser.Note note = FrontMatterParser.parse(FILE, """
                ---
                layout: post   # Jekyll's, ignored
                title: "测四: \\"任务\\""
                # a comment line
                date: 2017-08-27
                pymotw: asyncio/tasks
                ---

                正文
                """);
        FrontMatter fm = note.frontMatter();
        assertEquals("测四: \"任务\"", fm.title());
        assertEquals(LocalDate.of(2017, 8, 27), fm.date());
        assertEquals("asyncio/tasks", fm.pymotw());
        assertEquals(8, note.bodyFirstLine());
        assertEquals("\n正文\n", note.body());
    }

    @Test
    void optionalKeysMayBeMissing() throws Exception {
        FrontMatter fm = FrontMatterParser.parse(FILE, "---\ntitle: 任务\n---\n").frontMatter();
        assertNull(fm.date());
        assertNull(fm.pymotw());
    }

    @ParameterizedTest(name = "line {0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1 | no front matter here\\n                                   | must start with a '---' line
            1 | ---\\ntitle: t\\n                                          | no closing '---'
            1 | ---\\ndate: 2017-01-01\\n---\\n                            | missing required key 'title'
            3 | ---\\ntitle: t\\norder: 1\\n---\\n                           | listed in lessons/SUMMARY.md
            3 | ---\\ntitle: t\\nlessons: [A]\\n---\\n                       | listed in lessons/SUMMARY.md
            3 | ---\\ntitle: t\\ndate: 27.8.2017\\n---\\n                    | 'date' must be YYYY-MM-DD
            3 | ---\\ntitle: t\\ndate: 2017-02-30\\n---\\n                   | 'date' must be YYYY-MM-DD
            3 | ---\\ntitle: t\\nlesson: [A]\\n---\\n                        | unknown key 'lesson'
            3 | ---\\ntitle: t\\ntitle: u\\n---\\n                           | duplicate key 'title'
            2 | ---\\n  title: t\\n---\\n                                    | unexpected indentation
            2 | ---\\n- A\\n---\\n                                          | a list item must follow a key
            2 | ---\\ntitle: "open\\n---\\n                                  | unterminated quoted string
            3 | ---\\ntitle: t\\npymotw: [A, B\\n---\\n                      | must end with ']'
            3 | ---\\ntitle: t\\npymotw:\\n  - A\\n---\\n                     | must be a single value
            2 | ---\\ntitle: &anchor t\\n---\\n                              | unsupported YAML syntax
            2 | ---\\ntitle: a: b\\n---\\n                                   | nested mappings
            2 | ---\\n\\ttitle: t\\n---\\n                                   | tabs are not allowed
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
