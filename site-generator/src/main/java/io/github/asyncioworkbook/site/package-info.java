/**
 * The workbook's static-site generator: chapter notes plus lessons in, a verified static site out.
 *
 * <p>The build has three stages, each in its own package, passing immutable records
 * ({@link io.github.asyncioworkbook.site.Book}, {@link io.github.asyncioworkbook.site.Chapter},
 * {@link io.github.asyncioworkbook.site.Lesson}, {@link io.github.asyncioworkbook.site.LessonRun}):
 * <ol>
 *   <li><b>load</b> ({@link io.github.asyncioworkbook.site.load}): read the
 *       lesson list ({@code lessons/SUMMARY.md}), each chapter's {@code index.md} (front matter +
 *       Simplified Chinese Markdown) and its lessons, checking everything that can be checked
 *       without running code;</li>
 *   <li><b>preprocess</b> ({@link io.github.asyncioworkbook.site.preprocess}): take each lesson's run
 *       (the one the lessons' tests verified in this build, or a new one under the virtual clock),
 *       verify its output against its {@code .out} file, link the chapters;</li>
 *   <li><b>render</b> ({@link io.github.asyncioworkbook.site.render}): write HTML pages, assets and
 *       the search index into a temporary folder that {@link io.github.asyncioworkbook.site.AtomicOutput}
 *       moves into place only if everything succeeded.</li>
 * </ol>
 * {@link io.github.asyncioworkbook.site.SiteBuilder} is the driver; {@link io.github.asyncioworkbook.site.Main}
 * the command line ({@code build}, {@code check}, {@code serve}).
 */
package io.github.asyncioworkbook.site;
