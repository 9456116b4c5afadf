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
}
