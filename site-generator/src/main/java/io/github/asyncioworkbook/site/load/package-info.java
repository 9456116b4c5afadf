/**
 * Load stage: reads the lesson list ({@code lessons/SUMMARY.md}), the chapter notes
 * {@code lessons/chapters/<slug>/index.md} and their lesson files into an
 * immutable {@link io.github.asyncioworkbook.site.Book}
 * ({@link io.github.asyncioworkbook.site.load.BookLoader}), parsing front matter with a small strict
 * parser ({@link io.github.asyncioworkbook.site.load.FrontMatterParser}). Every error names the file
 * and line ({@link io.github.asyncioworkbook.site.load.SourceException}).
 */
package io.github.asyncioworkbook.site.load;
