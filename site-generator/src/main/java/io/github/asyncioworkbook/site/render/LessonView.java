package io.github.asyncioworkbook.site.render;

import io.github.asyncioworkbook.site.timeline.LessonTimeline;
import io.github.asyncioworkbook.runner.OutputMatcher;
import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRun;
import io.github.asyncioworkbook.site.PairRuns;
import io.github.asyncioworkbook.runner.JbangCatalogFile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders one lesson's block on a chapter page ({@code templates/lesson.html}), in this order:
 * title and description, the script it ports and its PyMOTW-3 page, a link to the source file, the
 * highlighted source, the commands that run it, its verified output with the clock that produced
 * it, a note saying which lines are reproducible, then each run with arguments the lesson declares
 * (its command and verified output), then every {@link LessonPart} given to the view.
 *
 * <p>Reproducibility is said precisely, from the expected file: under the virtual clock a line
 * without placeholders is printed byte for byte on every run; a line with a placeholder (a
 * wall-clock time, an address) is marked as varying, and a line of an unordered block as having
 * no fixed position ({@link OutputMatcher#lineKinds()}).
 */
public final class LessonView {

    /** Folder of the site where lesson sources are copied, so each lesson can link to its file. */
    public static final String SOURCES = "src";

    private final Theme theme;
    private final List<LessonPart> parts;

    /**
     * Creates a view.
     *
     * @param theme the templates and strings
     * @param parts extra blocks shown in every lesson's section, in order
     */
    public LessonView(Theme theme, List<LessonPart> parts) {
        this.theme = theme;
        this.parts = List.copyOf(parts);
    }

    /** {@return the site path a lesson's source is copied to, e.g. {@code src/05-tasks/CreateTask.java}} */
    public static String sourceHref(Lesson lesson) {
        return SOURCES + "/" + lesson.source().toAbsolutePath().getParent().getFileName() + "/" + lesson.name() + ".java";
    }

    /**
     * Renders a lesson.
     *
     * @param book the book
     * @param lesson the lesson, with its run
     * @return the lesson's {@code <section>}
     */
    public String render(Book book, Lesson lesson) {
        LessonRun run = lesson.run();
        if (run == null) {
            throw new IllegalStateException(lesson.source() + ": rendering a lesson that was never run");
        }
        String path = book.displayPath(lesson.source());
        String aliasCommand = "./jbang " + lesson.alias();
        boolean virtual = run.clock() == LessonRun.RunClock.VIRTUAL;

        Map<String, String> data = new LinkedHashMap<>();
        List<OutputMatcher.LineKind> kinds = putOutput(book, lesson, data);
        data.put("id", ChapterRenderer.lessonId(lesson));
        data.put("name", lesson.name());
        data.put("fileName", lesson.name() + ".java");
        data.put("path", path);
        data.put("sourceHref", sourceHref(lesson));
        data.put("description", lesson.description());
        data.put("port", port(lesson));
        LessonTimeline timeline = run.trace() == null ? null
                : LessonTimeline.of(lesson.name(), "tl-" + io.github.asyncioworkbook.runner.JbangCatalogFile.alias(lesson.name()), run.output(), run.trace());
        String sourceHtml = Highlighter.highlight(lesson.sourceText().stripTrailing(), "java");
        data.put("sourceHtml", timeline == null ? sourceHtml : timeline.markSource(sourceHtml));
        data.put("aliasCommand", aliasCommand);
        data.put("pathCommand", "./jbang " + path);
        data.put("reproduceCommand", "LOOPCORE_CLOCK=virtual " + aliasCommand);
        String[] outputLines = run.output().split("\n", -1);
        if (timeline != null) {
            data.put("outputHtml", timeline.outputHtml(i -> lineHtml(i < outputLines.length ? outputLines[i] : "", i, kinds)));
        }
        data.put("timeline", timeline == null ? ""
                : timeline.figureHtml() + timeline.styleHtml("#" + ChapterRenderer.lessonId(lesson)));
        data.put("reproduce", virtual ? theme.render("lesson-reproduce.html", data) : "");
        data.put("reruns", reruns(book, lesson));
        StringBuilder extras = new StringBuilder();
        for (LessonPart part : parts) {
            extras.append(part.html(book, lesson));
        }
        data.put("parts", extras.toString());
        data.put("pairTerminals", pairTerminals(lesson, data.get("id")));
        return theme.render("lesson.html", data);
    }

    /**
     * Puts what shows one run's output into {@code data}: the output (lines that vary marked), its
     * clock and badge, the expected file it was checked against and the note saying what is
     * reproducible.
     *
     * @return the expected file's line kinds (empty under the real clock)
     */
    private List<OutputMatcher.LineKind> putOutput(Book book, Lesson lesson, Map<String, String> data) {
        LessonRun run = lesson.run();
        boolean virtual = run.clock() == LessonRun.RunClock.VIRTUAL;
        List<OutputMatcher.LineKind> kinds = virtual ? kinds(lesson) : List.of();
        long varying = kinds.stream().filter(k -> k == OutputMatcher.LineKind.VALUE_VARIES).count();
        long unordered = kinds.stream().filter(k -> k == OutputMatcher.LineKind.ORDER_VARIES).count();
        data.put("outputHtml", outputHtml(run.output(), kinds));
        data.put("outputEmpty", run.output().isEmpty() ? "empty" : "");
        data.put("clock", virtual ? "virtual" : "real");
        data.put("clockChinese", run.clock().chinese());
        data.put("reproducible", !virtual ? theme.string("label.badge.real")
                : varying + unordered == 0 ? theme.string("label.badge.exact")
                : theme.string("label.badge.partly").replace("{n}", String.valueOf(varying + unordered)));
        data.put("expectedFile", book.displayPath(lesson.expected()));
        data.put("clockNote", clockNote(virtual, varying, unordered));
        return kinds;
    }

    /**
     * The lesson's runs with arguments ({@code lesson-rerun.html}), each with the command that makes
     * it and its verified output, as the PyMOTW-3 page shows each run of its script.
     */
    private String reruns(Book book, Lesson lesson) {
        StringBuilder html = new StringBuilder();
        for (var rerun : lesson.reruns()) {
            if (rerun.run() == null) {
                throw new IllegalStateException(lesson.source() + " " + rerun.commandLine() + ": rendering a run that was never made");
            }
            Map<String, String> data = new LinkedHashMap<>();
            putOutput(book, lesson.asRerun(rerun), data);
            data.put("fileName", lesson.name() + ".java");
            data.put("arguments", rerun.commandLine());
            data.put("aliasCommand", "./jbang " + lesson.alias() + " " + rerun.commandLine());
            html.append(theme.render("lesson-rerun.html", data));
        }
        return html.toString();
    }

    /**
     * A server lesson's two terminals, side by side, from its verified pair run: the server's output
     * ended by Ctrl-C, and each client run after its command; the commands name the lessons by their
     * aliases and the port that run used. A client's block points to them; empty for any other lesson.
     */
    private String pairTerminals(Lesson lesson, String id) {
        PairRuns pair = lesson.run().pair();
        if (pair == null) {
            return "";
        }
        if (!pair.server()) {
            return theme.render("lesson-pair-client.html", Map.of("server", pair.serverName(),
                    "serverId", "lesson-" + JbangCatalogFile.alias(pair.serverName()), "runs", String.valueOf(pair.clientOutputs().size())));
        }
        String clientCommand = "./jbang " + JbangCatalogFile.alias(pair.clientName()) + " " + pair.port();
        StringBuilder clients = new StringBuilder();
        for (String output : pair.clientOutputs()) {
            clients.append("<span class=\"prompt\" aria-hidden=\"true\">$ </span>").append(Html.escape(clientCommand)).append('\n')
                    .append(Html.escape(withNewline(output)));
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("port", String.valueOf(pair.port()));
        data.put("serverName", pair.serverName());
        data.put("clientName", pair.clientName());
        data.put("serverCommand", "./jbang " + JbangCatalogFile.alias(pair.serverName()) + " " + pair.port());
        String output = pair.serverOutput();
        int at = pair.interruptedAt() >= 0 && pair.interruptedAt() <= output.length() ? pair.interruptedAt() : output.length();
        data.put("serverBefore", output.substring(0, at));
        data.put("serverAfter", withNewline(output.substring(at)));
        data.put("serverExit", String.valueOf(pair.serverExit()));
        data.put("clientRuns", String.valueOf(pair.clientOutputs().size()));
        data.put("clientHtml", clients.toString().stripTrailing());
        return theme.render("lesson-pair.html", data);
    }

    private static String withNewline(String output) {
        return output.isEmpty() || output.endsWith("\n") ? output : output + "\n";
    }

    private String port(Lesson lesson) {
        String script = lesson.header().script();
        return lesson.header().pymotwPage()
                .map(page -> theme.render("lesson-port.html", Map.of("script", script, "href", page)))
                .orElseGet(() -> theme.render("lesson-port-nopage.html", Map.of("script", script)));
    }

    private String clockNote(boolean virtual, long varying, long unordered) {
        if (!virtual) {
            return theme.string("label.clockNote.real");
        }
        if (varying + unordered == 0) {
            return theme.string("label.clockNote.exact");
        }
        StringBuilder note = new StringBuilder(theme.string("label.clockNote.partly"));
        if (varying > 0) {
            note.append(theme.string("label.clockNote.varies").replace("{n}", String.valueOf(varying)));
        }
        if (unordered > 0) {
            note.append(theme.string("label.clockNote.unordered").replace("{n}", String.valueOf(unordered)));
        }
        return note.append(theme.string("label.clockNote.rest")).toString();
    }

    /** The expected file's line kinds, when they line up with the output (they do for a verified run). */
    private static List<OutputMatcher.LineKind> kinds(Lesson lesson) {
        List<OutputMatcher.LineKind> kinds = OutputMatcher.parse(lesson.expected().toString(), lesson.expectedText())
                .lineKinds(lesson.run().output());
        int lines = OutputMatcher.normalize(lesson.run().output()).isEmpty() ? 0
                : OutputMatcher.normalize(lesson.run().output()).split("\n", -1).length;
        return kinds.size() == lines ? kinds : List.of();
    }

    /** The output escaped, with lines that vary between runs wrapped in a marked span. */
    private String outputHtml(String output, List<OutputMatcher.LineKind> kinds) {
        if (kinds.stream().allMatch(k -> k == OutputMatcher.LineKind.EXACT)) {
            return Html.escape(output);
        }
        String[] lines = output.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            sb.append(lineHtml(lines[i], i, kinds));
            if (i + 1 < lines.length) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** One output line escaped, wrapped in a marked span when it varies between runs. */
    private String lineHtml(String text, int i, List<OutputMatcher.LineKind> kinds) {
        OutputMatcher.LineKind kind = i < kinds.size() ? kinds.get(i) : OutputMatcher.LineKind.EXACT;
        String line = Html.escape(text);
        return switch (kind) {
            case VALUE_VARIES -> "<span class=\"line-varies\" title=\"" + Html.escape(theme.string("label.line.varies"))
                    + "\">" + line + "</span>";
            case ORDER_VARIES -> "<span class=\"line-unordered\" title=\"" + Html.escape(theme.string("label.line.unordered"))
                    + "\">" + line + "</span>";
            case EXACT -> line;
        };
    }
}
