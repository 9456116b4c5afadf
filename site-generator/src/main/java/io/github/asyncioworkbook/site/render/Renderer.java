package io.github.asyncioworkbook.site.render;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.SiteException;

import java.nio.file.Path;

/**
 * Render stage: writes a finished book somewhere. Renderers only read the book.
 */
public interface Renderer {

    /** {@return a short name for progress messages} */
    String name();

    /**
     * Writes the book.
     *
     * @param book the preprocessed book (lessons carry verified runs)
     * @param outDir an existing, empty folder to write into
     * @throws SiteException when the book cannot be written
     */
    void render(Book book, Path outDir) throws SiteException;
}
