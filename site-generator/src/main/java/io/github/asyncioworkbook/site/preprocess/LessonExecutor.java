package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRerun;
import io.github.asyncioworkbook.site.LessonRun;
import io.github.asyncioworkbook.site.SiteException;

import java.util.List;

/**
 * Runs lessons and captures what they print. The real implementation delegates to the lessons
 * module's runner; tests use fakes.
 */
public interface LessonExecutor {

    /**
     * Runs every given lesson once.
     *
     * <p>A lesson that fails (non-zero exit, uncaught exception, timeout) is <em>not</em> an error
     * here: it comes back as a {@link LessonRun} that says so. Only a failure to run at all, such as
     * a compile error or a missing JDK, is thrown.
     *
     * @param book the book the lessons belong to (for paths)
     * @param lessons the lessons to run
     * @return one run per lesson, in the same order
     * @throws SiteException when the lessons cannot be run at all; the message names the lesson file
     */
    List<LessonRun> runAll(Book book, List<Lesson> lessons) throws SiteException;

    /**
     * Runs one further run of a lesson, with its arguments ({@link LessonRerun}); as for
     * {@link #runAll}, a failing run comes back as a run that says so.
     *
     * @param book the book the lesson belongs to
     * @param lesson the lesson
     * @param rerun one of its {@link Lesson#reruns()}
     * @return the run
     * @throws SiteException when it cannot be run at all; this default refuses, for executors
     *     that know no arguments
     */
    default LessonRun runWithArguments(Book book, Lesson lesson, LessonRerun rerun) throws SiteException {
        throw new SiteException(book.displayPath(lesson.source()) + ": this lesson executor cannot run a lesson with arguments ("
                + rerun.commandLine() + ")");
    }
}
