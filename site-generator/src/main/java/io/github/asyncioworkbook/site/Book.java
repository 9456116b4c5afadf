package io.github.asyncioworkbook.site;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The whole workbook as the stages pass it along: chapters in reading order.
 *
 * <p>{@link io.github.asyncioworkbook.site.load load} creates it with no lesson runs;
 * {@link io.github.asyncioworkbook.site.preprocess preprocess} steps return copies with runs and
 * prev/next links filled in; {@link io.github.asyncioworkbook.site.render render} only reads it.
 *
 * @param chaptersDir the folder holding one sub-folder per chapter
 * @param projectRoot the folder that commands shown to readers are relative to (the repository root,
 *     where {@code ./jbang} lives)
 * @param chapters the chapters, in the order of the lesson list
 */
public record Book(Path chaptersDir, Path projectRoot, List<Chapter> chapters) {

    /** Copies the list and checks that nothing is null. */
    public Book {
        Objects.requireNonNull(chaptersDir, "chaptersDir");
        Objects.requireNonNull(projectRoot, "projectRoot");
        chapters = List.copyOf(chapters);
    }

    /** {@return every lesson of the book, in reading order} */
    public List<Lesson> lessons() {
        return chapters.stream().flatMap(c -> c.lessons().stream()).toList();
    }

    /** {@return a copy of this book with other chapters} */
    public Book withChapters(List<Chapter> newChapters) {
        return new Book(chaptersDir, projectRoot, newChapters);
    }

    /**
     * {@return how a file is shown to readers: relative to the project root, with '/' separators}
     *
     * @param file a file inside the project
     */
    public String displayPath(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path root = projectRoot.toAbsolutePath().normalize();
        Path shown = abs.startsWith(root) ? root.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }
}
