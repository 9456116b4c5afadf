package io.github.asyncioworkbook.lessons;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.asyncioworkbook.runner.JbangCatalogFile;
import io.github.asyncioworkbook.runner.Workbook;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code jbang-catalog.json} (at the repository root) is what the lesson list gives: one alias per
 * listed lesson, descriptions from {@code //DESCRIPTION}. {@code -Dcatalog.write=true} rewrites it
 * instead (refused when {@code CI=true}).
 */
class CatalogTest {

    static final Path CATALOG = Path.of(System.getProperty("lessons.catalog", "../" + JbangCatalogFile.FILE));

    @Test
    void catalogIsDerivedFromTheLessonList() {
        Workbook workbook = Workbook.load(LessonsTest.LESSONS);
        if (Boolean.getBoolean("catalog.write")) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
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
