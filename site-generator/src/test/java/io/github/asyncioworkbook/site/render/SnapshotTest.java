package io.github.asyncioworkbook.site.render;

import io.github.asyncioworkbook.site.Fixtures;
import io.github.asyncioworkbook.site.SiteBuilder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Snapshot tests, as mdBook has them: the fixture book {@code tiny} is rendered and every page is
 * compared, byte for byte, with its snapshot in {@code src/test/snapshots/tiny/}. A change to the
 * templates, the stylesheet's class names or the renderer shows up here as a diff to review.
 *
 * <p>{@code -Dsnapshots.overwrite=true} writes the rendered pages over the snapshots instead (then
 * review them with {@code git diff}); it is refused when {@code CI=true}.
 */
class SnapshotTest {

    static final Path SNAPSHOTS = Path.of("src/test/snapshots/tiny");
    static final List<String> PAGES = List.of("index.html", "01-hello.html", "02-waiting.html", "print.html",
            "404.html", "search.html", "search-index.js");

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> renderedPagesMatchTheirSnapshots() throws Exception {
        boolean overwrite = Boolean.getBoolean("snapshots.overwrite");
        if (overwrite && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("-Dsnapshots.overwrite=true is for authors, never for CI");
        }
        Path out = tmp.resolve("site");
        new SiteBuilder(new Fixtures.FakeExecutor(), Fixtures.EXACT).build(Fixtures.book("tiny"), out);
        return PAGES.stream().map(page -> DynamicTest.dynamicTest(page, () -> {
            String rendered = Files.readString(out.resolve(page), StandardCharsets.UTF_8);
            Path snapshot = SNAPSHOTS.resolve(page);
            if (overwrite) {
                Files.createDirectories(SNAPSHOTS);
                Files.writeString(snapshot, rendered, StandardCharsets.UTF_8);
                System.out.println("[snapshots] wrote " + snapshot);
                return;
            }
            compare(snapshot, rendered);
        }));
    }

    private static void compare(Path snapshot, String rendered) throws IOException {
        if (!Files.isRegularFile(snapshot)) {
            fail(snapshot + " does not exist; write it with -Dsnapshots.overwrite=true and review it");
        }
        String expected = Files.readString(snapshot, StandardCharsets.UTF_8);
        if (expected.equals(rendered)) {
            return;
        }
        List<String> e = expected.lines().toList();
        List<String> a = rendered.lines().toList();
        int line = 0;
        while (line < e.size() && line < a.size() && e.get(line).equals(a.get(line))) {
            line++;
        }
        fail(snapshot + ":" + (line + 1) + ": the rendered page differs from its snapshot\n"
                + "- " + (line < e.size() ? e.get(line) : "(end of file)") + "\n"
                + "+ " + (line < a.size() ? a.get(line) : "(end of file)") + "\n"
                + "If the change is intended, rewrite the snapshots with -Dsnapshots.overwrite=true and review git diff.");
    }
}
