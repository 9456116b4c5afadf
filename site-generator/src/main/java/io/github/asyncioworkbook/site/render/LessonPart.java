package io.github.asyncioworkbook.site.render;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Lesson;

/**
 * An extra block shown in a lesson's section of a chapter page, after its output and notes (for
 * example a timeline of the run). {@link LessonView} renders the parts it is given in order, each
 * inside the lesson's {@code <section>}.
 */
@FunctionalInterface
public interface LessonPart {

    /**
     * Renders this part for one lesson.
     *
     * @param book the book (for paths shown to readers)
     * @param lesson the lesson; it carries its verified run
     * @return HTML to insert, already escaped; {@code ""} to show nothing for this lesson
     */
    String html(Book book, Lesson lesson);
}
