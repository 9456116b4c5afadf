package io.github.asyncioworkbook.site.timeline;

import io.github.asyncioworkbook.site.render.Html;
import io.github.asyncioworkbook.site.timeline.Timeline.Cancel;
import io.github.asyncioworkbook.site.timeline.Timeline.Creation;
import io.github.asyncioworkbook.site.timeline.Timeline.Lane;
import io.github.asyncioworkbook.site.timeline.Timeline.Print;
import io.github.asyncioworkbook.site.timeline.Timeline.Slot;
import io.github.asyncioworkbook.site.timeline.Timeline.Timer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link Timeline} as inline SVG: a row per lane, a column per task step or callback in run
 * order (so steps at the same instant of a virtual clock stay apart), iteration bands with the
 * loop's time over them, dashed waits labelled with what was awaited, wake-up arrows from the step
 * that made the awaited future done, cancellations (requested: red line to the target; delivered:
 * red outline), timers (dotted from where they were set to the callback that fired them) and a dot
 * per output line at the step that printed it. Colours come from CSS classes ({@code tl-*}), so the
 * site's light and dark palettes apply; no script is needed.
 *
 * <p>Element ids start with the given prefix: {@code <prefix>-s<step>} for a step or callback,
 * {@code <prefix>-p<index>} for an output line's dot.
 */
public final class TimelineSvg {
    static final int LABEL_W = 112;
    static final int COL_W = 58;
    static final int BOX_W = 34;
    static final int BOX_H = 22;
    static final int HEADER_H = 42;
    static final int LANE_H = 56;

    private final Timeline t;
    private final String prefix;
    private final Map<String, Integer> row = new HashMap<>();
    private final Map<Integer, Integer> column = new HashMap<>();
    private final StringBuilder svg = new StringBuilder(8192);

    private TimelineSvg(Timeline timeline, String prefix) {
        this.t = timeline;
        this.prefix = prefix;
        for (int i = 0; i < t.lanes().size(); i++) {
            row.put(t.lanes().get(i).id(), i);
        }
        for (int i = 0; i < t.slots().size(); i++) {
            column.put(t.slots().get(i).step(), i);
        }
    }

    /**
     * @param timeline what to draw
     * @param prefix an id prefix unique in the page, e.g. {@code tl-create-task}
     * @param title the accessible title, e.g. {@code CreateTask.java: event loop timeline}
     * @param description the accessible description (a one-paragraph summary)
     * @return the {@code <svg>} element
     */
    public static String render(Timeline timeline, String prefix, String title, String description) {
        return new TimelineSvg(timeline, prefix).draw(title, description);
    }

    /** {@return the drawing's width in pixels for {@code slots} columns} @param slots number of steps and callbacks */
    static int width(int slots) {
        return LABEL_W + COL_W * (slots + 2);
    }

    private double x(int col) {
        return LABEL_W + COL_W * (col + 1) + COL_W / 2.0;
    }

    /** Outside-the-loop events sit between columns. */
    private double gapX(int slotsBefore) {
        return LABEL_W + COL_W * (slotsBefore + 1) - (slotsBefore == 0 ? COL_W / 2.0 : 0);
    }

    private double y(String lane) {
        Integer r = row.get(lane);
        return HEADER_H + LANE_H * (r == null ? 0 : r) + LANE_H / 2.0;
    }

    private double xOf(Integer step, int slotsBefore) {
        Integer c = step == null ? null : column.get(step);
        return c == null ? gapX(slotsBefore) : x(c);
    }

    private String draw(String title, String description) {
        int width = width(t.slots().size());
        int height = HEADER_H + LANE_H * Math.max(1, t.lanes().size()) + 6;
        String id = prefix;
        svg.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">");
        svg.append("<title id=\"").append(id).append("-title\">").append(Html.escape(title)).append("</title>");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(Html.escape(description)).append("</desc>");
        svg.append("<defs><marker id=\"").append(id).append("-arrow\" class=\"tl-arrowhead\" viewBox=\"0 0 8 8\" refX=\"7\" refY=\"4\" ")
                .append("markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L8,4 L0,8 z\"/></marker>")
                .append("<marker id=\"").append(id).append("-cancel-arrow\" class=\"tl-arrowhead tl-arrowhead-cancel\" viewBox=\"0 0 8 8\" ")
                .append("refX=\"7\" refY=\"4\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
                .append("<path d=\"M0,0 L8,4 L0,8 z\"/></marker></defs>");
        iterations(height);
        lanes(width);
        waits();
        creations();
        timers();
        slots();
        cancels();
        wakeups();
        prints();
        svg.append("</svg>");
        // One drawn thing per line: readable snapshots and diffs; whitespace between elements draws nothing.
        return svg.toString().replace("</g><", "</g>\n<").replace("</defs><", "</defs>\n<").replace("</path><", "</path>\n<");
    }

    private void iterations(int height) {
        List<Slot> slots = t.slots();
        int start = 0;
        boolean shaded = false;
        Double shownTime = null;
        for (int i = 1; i <= slots.size(); i++) {
            if (i == slots.size() || slots.get(i).iteration() != slots.get(start).iteration()) {
                Slot first = slots.get(start);
                double left = x(start) - COL_W / 2.0;
                double w = COL_W * (i - start);
                svg.append("<g class=\"tl-iteration").append(shaded ? " tl-shaded" : "").append("\">");
                svg.append("<rect x=\"").append(n(left)).append("\" y=\"0\" width=\"").append(n(w)).append("\" height=\"").append(height).append("\"/>");
                svg.append("<text class=\"tl-iter-label\" x=\"").append(n(left + 4)).append("\" y=\"14\">")
                        .append("#").append(first.iteration()).append("</text>");
                if (shownTime == null || shownTime != first.loopTime()) {
                    svg.append("<text class=\"tl-time-label\" x=\"").append(n(left + 4)).append("\" y=\"30\">t=")
                            .append(Html.escape(time(first.loopTime()))).append("</text>");
                    shownTime = first.loopTime();
                }
                svg.append("</g>");
                shaded = !shaded;
                start = i;
            }
        }
        svg.append("<text class=\"tl-axis-label\" x=\"6\" y=\"14\">循环轮次</text>");
        svg.append("<text class=\"tl-axis-label\" x=\"6\" y=\"30\">循环时间</text>");
    }

    private void lanes(int width) {
        for (Lane lane : t.lanes()) {
            double y = y(lane.id());
            svg.append("<g class=\"tl-lane tl-lane-").append(lane.kind().name().toLowerCase(Locale.ROOT)).append("\">");
            svg.append("<line x1=\"").append(LABEL_W).append("\" y1=\"").append(n(y)).append("\" x2=\"").append(width)
                    .append("\" y2=\"").append(n(y)).append("\"/>");
            // Two short lines ("Task-2" over "phase1") keep the label column narrow enough for a phone.
            int space = lane.label().indexOf(' ');
            String first = space < 0 ? lane.label() : lane.label().substring(0, space);
            String second = space < 0 ? "" : lane.label().substring(space + 1);
            svg.append("<text x=\"6\" y=\"").append(n(second.isEmpty() ? y + 4 : y - 3)).append("\">")
                    .append("<tspan>").append(Html.escape(clip(first))).append("</tspan>");
            if (!second.isEmpty()) {
                svg.append("<tspan class=\"tl-lane-sub\" x=\"6\" dy=\"14\">").append(Html.escape(clip(second))).append("</tspan>");
            }
            svg.append("<title>").append(Html.escape(lane.label())).append("</title></text>");
            svg.append("</g>");
        }
    }

    /** Dashed line from a step that suspended to the task's next step, labelled with what it awaited. */
    private void waits() {
        List<Slot> slots = t.slots();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            if (s.suspendedOn() == null) {
                continue;
            }
            int next = -1;
            for (int j = i + 1; j < slots.size(); j++) {
                if (slots.get(j).lane().equals(s.lane())) {
                    next = j;
                    break;
                }
            }
            double x1 = x(i) + BOX_W / 2.0;
            double x2 = next < 0 ? width(slots.size()) - 4 : x(next) - BOX_W / 2.0;
            double y = y(s.lane());
            svg.append("<g class=\"tl-wait\"><line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y)).append("\" x2=\"")
                    .append(n(x2)).append("\" y2=\"").append(n(y)).append("\"/>");
            svg.append("<text x=\"").append(n(x1 + 3)).append("\" y=\"").append(n(y - BOX_H / 2.0 - 3)).append("\">await ")
                    .append(Html.escape(s.suspendedOn())).append("</text></g>");
        }
    }

    private void creations() {
        for (Creation c : t.creations()) {
            double x = xOf(c.step(), c.slotsBefore());
            double y1 = y(c.lane());
            double y2 = y(c.targetLane());
            svg.append("<g class=\"tl-create\"><line x1=\"").append(n(x)).append("\" y1=\"").append(n(y1)).append("\" x2=\"")
                    .append(n(x)).append("\" y2=\"").append(n(y2)).append("\"/>");
            svg.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y2)).append("\" r=\"4\"><title>")
                    .append(Html.escape("created " + c.task())).append("</title></circle></g>");
        }
    }

    private void timers() {
        for (Timer timer : t.timers()) {
            double x1 = xOf(timer.step(), timer.slotsBefore());
            double y1 = y(timer.lane()) + BOX_H / 2.0 + 2;
            svg.append("<g class=\"tl-timer\">");
            if (timer.firedIn() != null && column.containsKey(timer.firedIn())) {
                Slot fired = t.slots().get(column.get(timer.firedIn()));
                double x2 = x(column.get(timer.firedIn()));
                double y2 = y(fired.lane()) - BOX_H / 2.0;
                svg.append("<path d=\"M").append(n(x1)).append(',').append(n(y1)).append(" C").append(n(x1)).append(',')
                        .append(n(y2 - 14)).append(' ').append(n(x2)).append(',').append(n(y2 - 14)).append(' ')
                        .append(n(x2)).append(',').append(n(y2)).append("\"/>");
            }
            svg.append("<rect class=\"tl-timer-mark\" x=\"").append(n(x1 - 3.5)).append("\" y=\"").append(n(y1 - 3.5))
                    .append("\" width=\"7\" height=\"7\" transform=\"rotate(45 ").append(n(x1)).append(' ').append(n(y1))
                    .append(")\"><title>").append(Html.escape("timer " + timer.number() + " set for t=" + time(timer.when())
                            + (timer.firedIn() == null ? ", cancelled before it fired" : "")))
                    .append("</title></rect></g>");
        }
    }

    private void slots() {
        for (int i = 0; i < t.slots().size(); i++) {
            Slot s = t.slots().get(i);
            double cx = x(i);
            double cy = y(s.lane());
            StringBuilder cls = new StringBuilder("tl-slot ").append(s.callback() ? "tl-callback" : "tl-step");
            if (s.timer() != null) {
                cls.append(" tl-timer-fired");
            }
            if (s.cancelDelivered()) {
                cls.append(" tl-cancel-delivered");
            }
            svg.append("<g class=\"").append(cls).append("\" id=\"").append(prefix).append("-s").append(s.step()).append("\">");
            svg.append("<rect x=\"").append(n(cx - BOX_W / 2.0)).append("\" y=\"").append(n(cy - BOX_H / 2.0))
                    .append("\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"4\"/>");
            svg.append("<text x=\"").append(n(cx)).append("\" y=\"").append(n(cy + 4)).append("\">").append(s.step()).append("</text>");
            if (s.outcome() != null) {
                svg.append("<line class=\"tl-end tl-end-").append(s.outcome()).append("\" x1=\"").append(n(cx + BOX_W / 2.0 + 3))
                        .append("\" y1=\"").append(n(cy - BOX_H / 2.0)).append("\" x2=\"").append(n(cx + BOX_W / 2.0 + 3))
                        .append("\" y2=\"").append(n(cy + BOX_H / 2.0)).append("\"/>");
            }
            svg.append("<title>").append(Html.escape(TimelineText.describe(t, s))).append("</title></g>");
        }
    }

    private void cancels() {
        for (Cancel c : t.cancels()) {
            double x = xOf(c.step(), c.slotsBefore()) + BOX_W / 2.0 - 4;
            double y1 = y(c.lane());
            double y2 = y(c.targetLane());
            svg.append("<g class=\"tl-cancel\"><line x1=\"").append(n(x)).append("\" y1=\"").append(n(y1)).append("\" x2=\"")
                    .append(n(x)).append("\" y2=\"").append(n(y2 + (y2 > y1 ? -6 : 6))).append("\" marker-end=\"url(#")
                    .append(prefix).append("-cancel-arrow)\"/>");
            svg.append("<text x=\"").append(n(x + 3)).append("\" y=\"").append(n(y1 + BOX_H / 2.0 + 11)).append("\">cancel()")
                    .append("<title>").append(Html.escape("cancel " + c.target() + (c.message() == null ? "" : " ('" + c.message() + "')")))
                    .append("</title></text></g>");
        }
    }

    private void wakeups() {
        for (int i = 0; i < t.slots().size(); i++) {
            Slot s = t.slots().get(i);
            Integer by = s.resumedBy();
            if (by == null || !column.containsKey(by)) {
                continue;
            }
            Slot waker = t.slots().get(column.get(by));
            double x1 = x(column.get(by)) + BOX_W / 2.0;
            double y1 = y(waker.lane());
            double x2 = x(i) - BOX_W / 2.0;
            double y2 = y(s.lane());
            double bend = Math.max(12, (x2 - x1) / 2);
            svg.append("<path class=\"tl-wake").append(s.cancelDelivered() ? " tl-wake-cancel" : "").append("\" d=\"M")
                    .append(n(x1)).append(',').append(n(y1)).append(" C").append(n(x1 + bend)).append(',').append(n(y1)).append(' ')
                    .append(n(x2 - bend)).append(',').append(n(y2)).append(' ').append(n(x2 - 1)).append(',').append(n(y2))
                    .append("\" marker-end=\"url(#").append(prefix).append(s.cancelDelivered() ? "-cancel-arrow" : "-arrow")
                    .append(")\"><title>")
                    .append(Html.escape("step " + by + " woke " + s.label() + (s.awaited() == null ? "" : " (it awaited " + s.awaited() + ")")))
                    .append("</title></path>");
        }
    }

    private void prints() {
        Map<String, Integer> perPlace = new HashMap<>();
        for (Print p : t.prints()) {
            double x0 = xOf(p.step(), p.slotsBefore());
            String key = p.step() == null ? "g" + p.slotsBefore() + p.lane() : "s" + p.step();
            int k = perPlace.merge(key, 1, Integer::sum) - 1;
            double x = x0 - BOX_W / 2.0 + 3 + (k % 6) * 5;
            double y = y(p.lane()) + BOX_H / 2.0 + 5 + (k / 6) * 5;
            svg.append("<circle class=\"tl-print tl-").append(Html.escape(p.stream())).append("\" id=\"").append(prefix).append("-p")
                    .append(p.index()).append("\" cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"2\"><title>")
                    .append(Html.escape("printed: " + p.text())).append("</title></circle>");
        }
    }

    private static String clip(String text) {
        return text.length() > 14 ? text.substring(0, 13) + "…" : text;
    }

    /** A loop time as a short label: {@code 0}, {@code 0.1}, {@code 1000.012}. */
    static String time(double t) {
        String s = String.format(Locale.ROOT, "%.3f", t);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
