package io.github.asyncioworkbook.site.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The book that {@code package} built ({@code target/book}, from every real lesson): each lesson
 * block has its timeline and its trace beside the page, the trace is valid, and every output line
 * links to a step (or outside-the-loop dot) that exists in the drawing and, when the lesson itself
 * printed it, to an anchored source line.
 */
class TimelineIT {
    private static final Path BOOK = Path.of(System.getProperty("site.target", "target")).resolve("book");
    private static final Pattern LESSON = Pattern.compile("<section class=\"lesson\" id=\"([^\"]+)\".*?</section>", Pattern.DOTALL);
    private static final Pattern OUTPUT = Pattern.compile("<pre class=\"output[^\"]*\"><code>(.*?)</code></pre>", Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile("class=\"(out-line|out-src)\"[^>]*?href=\"#([^\"]+)\"");
    private static final Pattern TRACE_LINK = Pattern.compile("<a href=\"([A-Za-z0-9]+\\.trace\\.json)\" download>");

    @Test
    void everyLessonPageShowsItsTimelineAndLinksItsTrace() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(BOOK.resolve("index.html")), "no book at " + BOOK + " (run ./mvnw verify)");
        List<String> checked = new ArrayList<>();
        try (Stream<Path> pages = Files.list(BOOK)) {
            for (Path page : pages.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.html")).sorted().toList()) {
                String html = Files.readString(page);
                Matcher lesson = LESSON.matcher(html);
                while (lesson.find()) {
                    String block = lesson.group();
                    String where = page.getFileName() + "#" + lesson.group(1);
                    assertTrue(block.contains("<svg class=\"timeline\""), where + ": no timeline");
                    assertTrue(block.contains("class=\"timeline-scroll\" tabindex=\"0\""), where + ": timeline not in a focusable scroll box");
                    assertTrue(block.contains("<ol class=\"timeline-list\">"), where + ": no text alternative");
                    Matcher link = TRACE_LINK.matcher(block);
                    assertTrue(link.find(), where + ": no trace link");
                    Path trace = page.resolveSibling(link.group(1));
                    assertTrue(Files.isRegularFile(trace), where + ": " + trace + " missing");
                    Timeline t = TraceReader.read(Files.readString(trace), trace.getFileName().toString());
                    assertTrue(!t.slots().isEmpty(), where + ": trace has no steps");

                    Matcher output = OUTPUT.matcher(block);
                    assertTrue(output.find(), where);
                    String out = output.group(1);
                    // Every line the lesson's own JVM printed (the trace records each) links to where
                    // it was printed; lines of child processes (a process pool's workers) have no step.
                    long recorded = t.prints().size();
                    long linked = out.lines().filter(l -> l.startsWith("<a class=\"out-line\"")).count();
                    assertEquals(recorded, linked, where + ": every line the lesson printed links to where it was printed:\n" + out);
                    assertTrue(linked > 0, where + ": no output line is linked");
                    Matcher href = HREF.matcher(out);
                    while (href.find()) {
                        assertTrue(block.contains("id=\"" + href.group(2) + "\""), where + ": link target #" + href.group(2) + " missing");
                    }
                    checked.add(lesson.group(1));
                }
            }
        }
        assertTrue(checked.size() >= 20, "lesson blocks checked: " + checked);
    }
}
