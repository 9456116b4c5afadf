package io.github.asyncioworkbook.site.timeline;

import io.github.asyncioworkbook.site.render.Html;
import io.github.asyncioworkbook.site.timeline.Timeline.Cancel;
import io.github.asyncioworkbook.site.timeline.Timeline.Creation;
import io.github.asyncioworkbook.site.timeline.Timeline.Print;
import io.github.asyncioworkbook.site.timeline.Timeline.Slot;
import io.github.asyncioworkbook.site.timeline.Timeline.Timer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The timeline in words (Simplified Chinese, code names as they are): a one-paragraph summary for
 * the SVG's {@code <desc>}, a sentence per step for its {@code <title>}, and an ordered list that
 * screen readers and text browsers read instead of the drawing.
 */
public final class TimelineText {
    private TimelineText() {
    }

    /** {@return the summary paragraph} @param t the timeline */
    public static String summary(Timeline t) {
        long tasks = t.lanes().stream().filter(l -> l.kind() == Timeline.Kind.TASK).count();
        long callbacks = t.slots().stream().filter(Slot::callback).count();
        long iterations = t.slots().stream().mapToLong(Slot::iteration).distinct().count();
        String times = t.slots().isEmpty() ? "" : "，循环时间从 t=" + TimelineSvg.time(t.slots().getFirst().loopTime())
                + " 到 t=" + TimelineSvg.time(t.slots().getLast().loopTime());
        return tasks + " 个任务，共 " + t.slots().size() + " 步（其中 " + callbacks + " 个普通回调），分布在 " + iterations
                + " 轮循环中" + times + "；" + t.cancels().size() + " 次取消请求，" + t.timers().size() + " 个定时器，"
                + t.prints().size() + " 行输出。";
    }

    /**
     * @param t the timeline
     * @param s one of its slots
     * @return one sentence saying where and when it ran and what happened in it
     */
    public static String describe(Timeline t, Slot s) {
        List<String> parts = new ArrayList<>();
        if (s.resumedBy() != null) {
            parts.add("由第 " + s.resumedBy() + " 步唤醒" + (s.awaited() == null ? "" : "（它在等 " + s.awaited() + "）"));
        }
        if (s.cancelDelivered()) {
            parts.add("一开始就收到 CancelledError");
        }
        if (s.timer() != null) {
            parts.add("定时器 " + s.timer() + " 到点");
        }
        for (Creation c : t.creations()) {
            if (Objects.equals(c.step(), s.step())) {
                parts.add("创建 " + c.task());
            }
        }
        for (Timer timer : t.timers()) {
            if (Objects.equals(timer.step(), s.step())) {
                parts.add("设定时器 " + timer.number() + "（t=" + TimelineSvg.time(timer.when()) + "）");
            }
        }
        for (Cancel c : t.cancels()) {
            if (Objects.equals(c.step(), s.step())) {
                parts.add("请求取消 " + c.target() + (c.message() == null ? "" : "（消息 '" + c.message() + "'）"));
            }
        }
        for (Print p : t.prints()) {
            if (Objects.equals(p.step(), s.step())) {
                parts.add("打印“" + p.text() + "”" + (p.line() > 0 ? "（" + p.file() + " 第 " + p.line() + " 行）" : ""));
            }
        }
        if (s.outcome() != null) {
            parts.add(switch (s.outcome()) {
                case "cancelled" -> "任务以取消告终";
                case "exception" -> "任务以异常告终";
                default -> "任务返回结果，结束";
            });
        }
        if (s.suspendedOn() != null) {
            parts.add(s.suspendedOn().equals("yield") ? "让出一轮（sleep(0)）" : "挂起，等待 " + s.suspendedOn());
        }
        String head = "第 " + s.step() + " 步 · 第 " + s.iteration() + " 轮 · t=" + TimelineSvg.time(s.loopTime()) + " · "
                + (s.callback() ? "回调 " : "") + s.label();
        return parts.isEmpty() ? head : head + "：" + String.join("；", parts) + "。";
    }

    /**
     * @param t the timeline
     * @param prefix the id prefix of the drawing's steps
     * @return an {@code <ol>} with one item per step and one per event outside the loop; each step
     *     item links to its box in the drawing
     */
    public static String listHtml(Timeline t, String prefix) {
        StringBuilder html = new StringBuilder("<ol class=\"timeline-list\">");
        int slotIndex = 0;
        for (int gap = 0; gap <= t.slots().size(); gap++) {
            for (String outside : outside(t, gap)) {
                html.append("<li class=\"timeline-outside\">").append(Html.escape(outside)).append("</li>");
            }
            if (gap < t.slots().size()) {
                Slot s = t.slots().get(slotIndex++);
                html.append("<li><a href=\"#").append(prefix).append("-s").append(s.step()).append("\">")
                        .append(Html.escape(describe(t, s))).append("</a></li>");
            }
        }
        return html.append("</ol>").toString();
    }

    /** What happened outside the loop between columns {@code gap - 1} and {@code gap}. */
    private static List<String> outside(Timeline t, int gap) {
        List<String> items = new ArrayList<>();
        for (Creation c : t.creations()) {
            if (c.step() == null && c.slotsBefore() == gap) {
                items.add("循环外：创建 " + c.task());
            }
        }
        for (Cancel c : t.cancels()) {
            if (c.step() == null && c.slotsBefore() == gap) {
                items.add("循环外：请求取消 " + c.target());
            }
        }
        for (Print p : t.prints()) {
            if (p.step() == null && p.slotsBefore() == gap) {
                items.add("循环外：打印“" + p.text() + "”" + (p.line() > 0 ? "（" + p.file() + " 第 " + p.line() + " 行）" : ""));
            }
        }
        return items;
    }
}
