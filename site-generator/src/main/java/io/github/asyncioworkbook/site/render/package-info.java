/**
 * Render stage: writes a preprocessed {@link io.github.asyncioworkbook.site.Book} as a static site.
 *
 * <ol>
 *   <li>{@link io.github.asyncioworkbook.site.render.SiteRenderer} walks the chapters in order;</li>
 *   <li>{@link io.github.asyncioworkbook.site.render.ChapterRenderer} parses each note with
 *       commonmark-java, swaps lesson embeds for lesson blocks, assigns heading ids, and renders
 *       HTML, table of contents and search sections;</li>
 *   <li>{@link io.github.asyncioworkbook.site.render.Highlighter} colours code at build time;</li>
 *   <li>{@link io.github.asyncioworkbook.site.render.Theme} fills the templates from
 *       {@code src/main/resources/theme/} and provides the assets;</li>
 *   <li>{@link io.github.asyncioworkbook.site.render.SearchIndex} writes {@code search-index.js}.</li>
 * </ol>
 * Every piece of captured output goes through {@link io.github.asyncioworkbook.site.render.Html#escape}.
 */
package io.github.asyncioworkbook.site.render;
