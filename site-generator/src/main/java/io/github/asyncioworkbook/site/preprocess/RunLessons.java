package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRun;
import io.github.asyncioworkbook.site.SiteException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs every lesson, verifies its live output against its {@code .out} file, and attaches the run
 * to the lesson so that the renderer shows what really ran.
 *
 * <p>All lessons are run before anything is reported, so one build lists every problem. The build
 * stops (a {@link SiteException}) if any lesson timed out, exited non-zero (an uncaught exception
 * does that) or printed something its {@code .out} file does not allow; each problem names the
 * lesson file, and a drift comes with the diff.
 */
public final class RunLessons implements Preprocessor {

    /** The advice that ends a failure message. */
    static final String WHAT_TO_DO = "What to do: a diff means loop-core or the lesson is wrong, so fix that first."
            + " If the new output is right (it must still match CPython 3.11), rewrite the .out file with"
            + " ./mvnw verify -Dlessons.overwrite=true and review it with git diff.";

    /** Lines of output quoted when a lesson fails. */
    private static final int QUOTED_LINES = 40;

    private final LessonExecutor executor;
    private final OutputVerifier verifier;

    /**
     * Creates the step.
     *
     * @param executor runs the lessons
     * @param verifier checks their output
     */
    public RunLessons(LessonExecutor executor, OutputVerifier verifier) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public String name() {
        return "run and verify lessons";
    }

    @Override
    public Book run(Book book) throws SiteException {
        List<Lesson> lessons = book.lessons();
        if (lessons.isEmpty()) {
            return book;
        }
        List<LessonRun> runs = executor.runAll(book, lessons);
        if (runs.size() != lessons.size()) {
            throw new IllegalStateException("executor returned " + runs.size() + " runs for " + lessons.size() + " lessons");
        }
        List<String> problems = new ArrayList<>();
        Map<String, LessonRun> byName = new HashMap<>();
        for (int i = 0; i < lessons.size(); i++) {
            Lesson lesson = lessons.get(i);
            LessonRun run = runs.get(i);
            byName.put(lesson.name(), run);
            String shown = book.displayPath(lesson.source());
            if (run.timedOut()) {
                problems.add(shown + ": timed out after " + seconds(run) + " [" + run.clock().english()
                        + "] and was stopped; it printed:\n" + tail(run.output()));
            } else if (run.exitCode() != 0) {
                problems.add(shown + ": exited with code " + run.exitCode() + " after " + seconds(run) + " ["
                        + run.clock().english() + "]; it printed:\n" + tail(run.output()));
            } else {
                Optional<String> drift = verifier.verify(lesson, run);
                if (drift.isPresent()) {
                    problems.add(shown + ": output drifted from " + book.displayPath(lesson.expected()) + "\n"
                            + drift.get().stripTrailing());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SiteException(problems.size() + " of " + lessons.size() + " lessons failed verification:\n\n"
                    + String.join("\n\n", problems) + "\n\n" + WHAT_TO_DO);
        }
        List<Chapter> chapters = new ArrayList<>();
        for (Chapter c : book.chapters()) {
            chapters.add(c.withLessons(c.lessons().stream().map(l -> l.withRun(byName.get(l.name()))).toList()));
        }
        return book.withChapters(chapters);
    }

    static String seconds(LessonRun run) {
        return String.format(Locale.ROOT, "%.2f s", run.elapsed().toNanos() / 1e9);
    }

    private static String tail(String output) {
        if (output.isEmpty()) {
            return "    (nothing)";
        }
        List<String> lines = output.lines().toList();
        List<String> shown = lines.size() > QUOTED_LINES ? lines.subList(lines.size() - QUOTED_LINES, lines.size()) : lines;
        StringBuilder sb = new StringBuilder();
        if (shown.size() < lines.size()) {
            sb.append("    ... (").append(lines.size() - shown.size()).append(" earlier lines)\n");
        }
        for (String l : shown) {
            sb.append("    ").append(l).append('\n');
        }
        return sb.toString().stripTrailing();
    }
}
