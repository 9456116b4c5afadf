package io.github.asyncioworkbook.site.preprocess;

import io.github.asyncioworkbook.site.Book;
import io.github.asyncioworkbook.site.Chapter;
import io.github.asyncioworkbook.site.Lesson;
import io.github.asyncioworkbook.site.LessonRerun;
import io.github.asyncioworkbook.site.LessonRun;
import io.github.asyncioworkbook.site.SiteException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs each lesson's further runs with arguments ({@link LessonRerun}, {@code // Also run with: -v}),
 * verifies each against its own expected file ({@code Name.v.out}), and attaches it to the lesson,
 * after {@link RunLessons} has done the same for the runs without arguments.
 *
 * <p>As there, every run is made before anything is reported, and the build stops (a
 * {@link SiteException}) naming the lesson file, the arguments and the expected file of each run
 * that timed out, exited non-zero or drifted.
 */
public final class RunWithArguments implements Preprocessor {

    private final LessonExecutor executor;
    private final OutputVerifier verifier;

    /**
     * Creates the step.
     *
     * @param executor runs the lessons
     * @param verifier checks their output
     */
    public RunWithArguments(LessonExecutor executor, OutputVerifier verifier) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public String name() {
        return "run and verify lessons with arguments";
    }

    @Override
    public Book run(Book book) throws SiteException {
        if (book.lessons().stream().allMatch(l -> l.reruns().isEmpty())) {
            return book;
        }
        List<String> problems = new ArrayList<>();
        int count = 0;
        List<Chapter> chapters = new ArrayList<>();
        for (Chapter c : book.chapters()) {
            List<Lesson> lessons = new ArrayList<>();
            for (Lesson lesson : c.lessons()) {
                List<LessonRerun> done = new ArrayList<>();
                for (LessonRerun rerun : lesson.reruns()) {
                    count++;
                    LessonRerun ran = rerun.withRun(executor.runWithArguments(book, lesson, rerun));
                    problem(book, lesson, ran).ifPresent(problems::add);
                    done.add(ran);
                }
                lessons.add(lesson.withReruns(done));
            }
            chapters.add(c.withLessons(lessons));
        }
        if (!problems.isEmpty()) {
            throw new SiteException(problems.size() + " of " + count + " lesson runs with arguments failed verification:\n\n"
                    + String.join("\n\n", problems) + "\n\n" + RunLessons.WHAT_TO_DO);
        }
        return book.withChapters(chapters);
    }

    private Optional<String> problem(Book book, Lesson lesson, LessonRerun rerun) throws SiteException {
        LessonRun run = rerun.run();
        String shown = book.displayPath(lesson.source()) + " " + rerun.commandLine();
        if (run.timedOut()) {
            return Optional.of(shown + ": timed out after " + RunLessons.seconds(run) + " and was stopped; it printed:\n" + run.output());
        }
        if (run.exitCode() != 0) {
            return Optional.of(shown + ": exited with code " + run.exitCode() + " after " + RunLessons.seconds(run) + "; it printed:\n" + run.output());
        }
        return verifier.verify(lesson.asRerun(rerun), run.output())
                .map(drift -> shown + ": output drifted from " + book.displayPath(rerun.expected()) + "\n" + drift.stripTrailing());
    }
}
