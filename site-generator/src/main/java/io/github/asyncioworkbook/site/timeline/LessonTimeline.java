package io.github.asyncioworkbook.site.timeline;

import io.github.asyncioworkbook.site.render.Html;
import io.github.asyncioworkbook.site.timeline.Timeline.Print;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a lesson block shows from its run's trace: the timeline figure (drawing, legend, text
 * list, trace download), the output with each line linked to the step that printed it and to the
 * source line that printed it, the anchors those links need in the highlighted source, and the CSS
 * rules that highlight both while a line is hovered or focused (no script: {@code :has()}).
 *
 * @param lessonName the lesson's class name, e.g. {@code CreateTask}
 * @param prefix the id prefix, unique in the page, e.g. {@code tl-create-task}
 * @param timeline the run's timeline
 * @param shown the shown output's lines
 * @param lines for each shown output line, the recorded line it pairs with, or {@code null}
 * @param traceFile the trace's file name beside the page, e.g. {@code CreateTask.trace.json}
 */
public record LessonTimeline(String lessonName, String prefix, Timeline timeline, List<String> shown, List<Print> lines,
                             String traceFile) {

    /** Copies the lists ({@code lines} may hold nulls) and checks they pair up. */
    public LessonTimeline {
        shown = List.copyOf(shown);
        lines = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
        if (shown.size() != lines.size()) {
            throw new IllegalArgumentException(shown.size() + " shown lines but " + lines.size() + " pairings");
        }
    }

    /**
     * @param lessonName the lesson's class name
     * @param prefix an id prefix unique in the page
     * @param output the run's shown output
     * @param traceJson the run's trace
     * @return the view
     * @throws IllegalArgumentException naming the trace if it cannot be read
     */
    public static LessonTimeline of(String lessonName, String prefix, String output, String traceJson) {
        String traceFile = traceFileName(lessonName);
        Timeline timeline = TraceReader.read(traceJson, traceFile);
        return new LessonTimeline(lessonName, prefix, timeline, OutputLinks.lines(output),
                OutputLinks.pair(output, timeline.prints()), traceFile);
    }

    /** {@return the trace's file name beside the page: {@code <Lesson>.trace.json}} @param lessonName a class name */
    public static String traceFileName(String lessonName) {
        return lessonName + ".trace.json";
    }

    private String fileName() {
        return lessonName + ".java";
    }

    /** {@return the figure: scroll box with the SVG, legend, text list and trace link} */
    public String figureHtml() {
        String title = fileName() + " 的事件循环时间线";
        String svg = TimelineSvg.render(timeline, prefix, title, TimelineText.summary(timeline));
        return "<figure class=\"timeline-figure\" aria-labelledby=\"" + prefix + "-caption\">"
                + "<figcaption class=\"code-bar\" id=\"" + prefix + "-caption\"><span class=\"code-label\">事件循环时间线</span>"
                + "<span class=\"timeline-hint\">同一次运行 · 可横向滚动</span></figcaption>"
                + "<div class=\"timeline-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"" + Html.escape(title) + "（可横向滚动）\">"
                + svg + "</div>"
                + "<ul class=\"timeline-legend\">"
                + "<li><span class=\"sw sw-step\"></span>任务的一步（数字是运行顺序）</li>"
                + "<li><span class=\"sw sw-callback\"></span>普通回调 / 定时器回调</li>"
                + "<li><span class=\"sw sw-wait\"></span>挂起，等待 await 的对象</li>"
                + "<li><span class=\"sw sw-wake\"></span>唤醒：让等待结束的那一步</li>"
                + "<li><span class=\"sw sw-cancel\"></span>取消：请求（箭头）与送达（红框）</li>"
                + "<li><span class=\"sw sw-timer\"></span>定时器：设定处到触发处</li>"
                + "<li><span class=\"sw sw-print\"></span>打印的一行输出</li></ul>"
                + "<details class=\"timeline-text\"><summary>文字版时间线</summary><p>" + Html.escape(TimelineText.summary(timeline))
                + "</p>" + TimelineText.listHtml(timeline, prefix) + "</details>"
                + "<p class=\"output-note timeline-trace\">这次运行的 Chrome trace：<a href=\"" + Html.escape(traceFile) + "\" download>"
                + "<code>" + Html.escape(traceFile) + "</code></a>。在 <a href=\"https://ui.perfetto.dev\">Perfetto</a> 里选 "
                + "“Open trace file” 打开（文件在浏览器里本地解析，不上传），每个任务一条轨道，箭头是唤醒；"
                + "自己的程序加 <code>-Dloopcore.trace=FILE</code> 也能写出一份。</p>"
                + "</figure>";
    }

    /** {@return the output as HTML: each recorded line links to its step, and to its source line when the lesson printed it} */
    public String outputHtml() {
        return outputHtml(i -> Html.escape(shown.get(i)));
    }

    /**
     * {@return the output as HTML, as {@link #outputHtml()}, with each line's own HTML given by the caller}
     *
     * @param lineHtml the HTML of output line {@code i} (escaped, and marked as the caller wishes)
     */
    public String outputHtml(java.util.function.IntFunction<String> lineHtml) {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Print p = lines.get(i);
            String text = lineHtml.apply(i);
            if (p == null) {
                html.append(text).append('\n');
                continue;
            }
            String target = p.step() == null ? prefix + "-p" + p.index() : prefix + "-s" + p.step();
            html.append("<a class=\"out-line\" id=\"").append(prefix).append("-o").append(i).append("\" href=\"#").append(target)
                    .append("\" title=\"").append(Html.escape(p.step() == null ? "循环外打印" : "第 " + p.step() + " 步打印"))
                    .append("\">").append(text).append("</a>");
            if (ownLine(p)) {
                html.append("<a class=\"out-src\" href=\"#").append(prefix).append("-L").append(p.line())
                        .append("\" aria-label=\"").append(Html.escape(fileName() + " 第 " + p.line() + " 行")).append("\">")
                        .append(p.line()).append("</a>");
            }
            html.append('\n');
        }
        return html.toString();
    }

    private boolean ownLine(Print p) {
        return p.line() > 0 && fileName().equals(p.file());
    }

    /** {@return the lesson's source lines that printed a shown line} */
    public Set<Integer> sourceLines() {
        Set<Integer> set = new TreeSet<>();
        lines.stream().filter(p -> p != null && ownLine(p)).forEach(p -> set.add(p.line()));
        return set;
    }

    /**
     * Puts an empty anchor at the start of each source line that printed output, so links can
     * target it and CSS can highlight it.
     *
     * @param highlightedSource the highlighted source, one HTML line per source line
     * @return the same HTML with the anchors
     */
    public String markSource(String highlightedSource) {
        Set<Integer> wanted = sourceLines();
        String[] htmlLines = highlightedSource.split("\n", -1);
        StringBuilder out = new StringBuilder(highlightedSource.length() + wanted.size() * 64);
        for (int i = 0; i < htmlLines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            if (wanted.contains(i + 1)) {
                out.append("<span class=\"src-mark\" id=\"").append(prefix).append("-L").append(i + 1).append("\"></span>");
            }
            out.append(htmlLines[i]);
        }
        return out.toString();
    }

    /**
     * @param scope a selector for the lesson's block, e.g. {@code #lesson-create-task}
     * @return a {@code <style>} element: hovering or focusing an output line highlights its step,
     *     its dot and its source line
     */
    public String styleHtml(String scope) {
        StringBuilder css = new StringBuilder("<style>");
        for (int i = 0; i < lines.size(); i++) {
            Print p = lines.get(i);
            if (p == null) {
                continue;
            }
            css.append(scope).append(":has(#").append(prefix).append("-o").append(i).append(":is(:hover,:focus)) :is(#")
                    .append(prefix).append("-p").append(p.index());
            if (p.step() != null) {
                css.append(",#").append(prefix).append("-s").append(p.step());
            }
            if (ownLine(p)) {
                css.append(",#").append(prefix).append("-L").append(p.line());
            }
            css.append("){--hl:1}");
        }
        return css.append("</style>").toString();
    }
}
