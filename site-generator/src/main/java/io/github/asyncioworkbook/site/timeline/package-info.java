/**
 * The event loop made visible: each lesson's verified run, traced by loop-core
 * ({@code -Dloopcore.trace}, which the lesson runner always sets), becomes a {@link
 * io.github.asyncioworkbook.site.timeline.Timeline} ({@link io.github.asyncioworkbook.site.timeline.TraceReader},
 * after {@link io.github.asyncioworkbook.site.timeline.TraceFormat} checked the trace-event fields),
 * drawn as inline SVG ({@link io.github.asyncioworkbook.site.timeline.TimelineSvg}) with a text
 * version ({@link io.github.asyncioworkbook.site.timeline.TimelineText}); {@link
 * io.github.asyncioworkbook.site.timeline.LessonTimeline} puts it together with the output lines
 * linked to the step and the source line that printed them ({@link
 * io.github.asyncioworkbook.site.timeline.OutputLinks}). Nothing here needs JavaScript in the page.
 */
package io.github.asyncioworkbook.site.timeline;
