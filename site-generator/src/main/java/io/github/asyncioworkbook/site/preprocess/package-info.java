/**
 * Preprocess stage: steps that each take a {@link io.github.asyncioworkbook.site.Book} and return a
 * new one, in this order:
 * <ol>
 *   <li>{@link io.github.asyncioworkbook.site.preprocess.RunLessons}: run every lesson through a
 *       {@link io.github.asyncioworkbook.site.preprocess.LessonExecutor}, verify its output with an
 *       {@link io.github.asyncioworkbook.site.preprocess.OutputVerifier}, attach the live run;</li>
 *   <li>{@link io.github.asyncioworkbook.site.preprocess.LinkChapters}: prev/next links.</li>
 * </ol>
 * {@link io.github.asyncioworkbook.site.preprocess.LessonsModule} adapts lesson-runner's
 * runner and matcher to the two interfaces.
 */
package io.github.asyncioworkbook.site.preprocess;
