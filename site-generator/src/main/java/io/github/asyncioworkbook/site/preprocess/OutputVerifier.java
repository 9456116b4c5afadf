package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.SiteException;

import java.util.Optional;

/**
 * Compares a lesson's live output with its expected {@code .out} file.
 */
public interface OutputVerifier {

    /**
     * Verifies one output.
     *
     * @param lesson the lesson, carrying its expected text and file
     * @param actualOutput what the lesson printed (stdout and stderr merged)
     * @return empty when the output matches, else a report: a one-line summary and a unified diff
     *     (expected {@code -}, actual {@code +})
     * @throws SiteException when the expected file itself is malformed; the message names file and line
     */
    Optional<String> verify(Lesson lesson, String actualOutput) throws SiteException;

    /**
     * Verifies a run: by default its output ({@link #verify(Lesson, String)}); a verifier that knows
     * server/client pairs checks every output of a pair run ({@link LessonRun#pair()}) instead.
     *
     * @param lesson the lesson
     * @param run its run
     * @return empty when it matches, else a report
     * @throws SiteException when the expected file itself is malformed
     */
    default Optional<String> verify(Lesson lesson, io.github.asyncioworkbook.site.LessonRun run) throws SiteException {
        return verify(lesson, run.output());
    }
}
