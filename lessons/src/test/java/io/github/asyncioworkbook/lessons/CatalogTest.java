package io.github.asyncioworkbook.lessons;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.asyncioworkbook.runner.JbangCatalogFile;
import io.github.asyncioworkbook.runner.Workbook;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code jbang-catalog.json} (at the repository root) is what the lesson list gives: one alias per
 * listed lesson, descriptions from {@code //DESCRIPTION}.
 *
 * <p>On an author's machine the test rewrites the file when it is out of date (and says so), so
 * that adding a lesson takes no hand edit of the catalog; commit the rewritten file. In CI
 * ({@code CI=true}) it only checks, and an out-of-date catalog fails the build.
 * {@code -Dcatalog.write=false} makes a local build check only, as CI does.
 */
class CatalogTest {

    static final Path CATALOG = Path.of(System.getProperty("lessons.catalog", "../" + JbangCatalogFile.FILE));

    @Test
    void catalogIsDerivedFromTheLessonList() {
        Workbook workbook = Workbook.load(LessonsTest.LESSONS);
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        boolean write = Boolean.parseBoolean(System.getProperty("catalog.write", String.valueOf(!ci)));
        if (write) {
            if (ci) {
                fail("-Dcatalog.write=true is for authors, never for CI");
            }
            if (JbangCatalogFile.write(workbook, CATALOG)) {
                System.out.println("[lessons] rewrote " + CATALOG.toAbsolutePath().normalize());
            }
        }
        Optional<String> problem = JbangCatalogFile.check(workbook, CATALOG);
        problem.ifPresent(p -> fail(p));
    }
}
