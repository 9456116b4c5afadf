package io.github.asyncioworkbook.site;

import io.github.asyncioworkbook.site.load.BookLoader;
import io.github.asyncioworkbook.site.preprocess.LessonExecutor;
import io.github.asyncioworkbook.site.preprocess.LinkChapters;
import io.github.asyncioworkbook.site.preprocess.OutputVerifier;
import io.github.asyncioworkbook.site.preprocess.Preprocessor;
import io.github.asyncioworkbook.site.preprocess.RunLessons;
import io.github.asyncioworkbook.site.preprocess.RunWithArguments;
import io.github.asyncioworkbook.site.render.Renderer;
import io.github.asyncioworkbook.site.render.SiteRenderer;
import io.github.asyncioworkbook.site.render.Theme;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The driver: load, preprocess, render.
 *
 * <pre>{@code
 * SiteBuilder builder = new SiteBuilder(executor, verifier);
 * SiteBuilder.Result r = builder.build(Path.of("lessons"), Path.of("site-generator/target/book"));
 * }</pre>
 */
public final class SiteBuilder {

    /**
     * What a build or check produced.
     *
     * @param book the verified book
     * @param index the site's {@code index.html}, or {@code null} for a check
     * @param elapsed how long it took
     */
    public record Result(Book book, Path index, Duration elapsed) {
        /** {@return the number of lessons that ran and matched their expected output} */
        public int verifiedLessons() {
            return book.lessons().size();
        }
    }

    private final BookLoader loader = new BookLoader();
    private final List<Preprocessor> preprocessors;
    private final Renderer renderer;

    /**
     * Creates a builder with the default theme.
     *
     * @param executor runs lessons
     * @param verifier checks their output
     */
    public SiteBuilder(LessonExecutor executor, OutputVerifier verifier) {
        this(executor, verifier, new SiteRenderer(new Theme(null)));
    }

    /**
     * Creates a builder.
     *
     * @param executor runs lessons
     * @param verifier checks their output
     * @param renderer writes the site
     */
    public SiteBuilder(LessonExecutor executor, OutputVerifier verifier, Renderer renderer) {
        this.preprocessors = List.of(new RunLessons(executor, verifier), new RunWithArguments(executor, verifier), new LinkChapters());
        this.renderer = renderer;
    }

    /**
     * Loads and preprocesses the book: every lesson is run and verified; nothing is written.
     *
     * @param lessonsDir the lessons folder (or its {@code chapters} folder)
     * @return the verified book
     * @throws SiteException when a note or lesson is wrong, a lesson fails, or its output drifts
     */
    public Result check(Path lessonsDir) throws SiteException {
        long start = System.nanoTime();
        Book book = preprocess(loader.load(lessonsDir));
        return new Result(book, null, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Builds the site: load, preprocess, then render into a temporary folder that replaces
     * {@code outDir} only if everything succeeded ({@link AtomicOutput}).
     *
     * @param lessonsDir the lessons folder (or its {@code chapters} folder)
     * @param outDir where the site goes
     * @return the book and the path of {@code index.html}
     * @throws SiteException when anything fails; {@code outDir} is then left as it was
     */
    public Result build(Path lessonsDir, Path outDir) throws SiteException {
        long start = System.nanoTime();
        Book book = preprocess(loader.load(lessonsDir));
        AtomicOutput.publish(outDir, dir -> renderer.render(book, dir));
        return new Result(book, outDir.toAbsolutePath().normalize().resolve("index.html"),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private Book preprocess(Book book) throws SiteException {
        for (Preprocessor step : preprocessors) {
            book = step.run(book);
        }
        return book;
    }
}
