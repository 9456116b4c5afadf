package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.SiteException;

/**
 * One preprocess step: takes a book and returns a new one. Steps never write files.
 */
public interface Preprocessor {

    /** {@return a short name for progress messages} */
    String name();

    /**
     * Runs the step.
     *
     * @param book the book so far
     * @return the book after this step
     * @throws SiteException when the book cannot be published, e.g. a lesson failed
     */
    Book run(Book book) throws SiteException;
}
