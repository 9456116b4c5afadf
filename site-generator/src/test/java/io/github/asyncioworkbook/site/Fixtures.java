package io.github.asyncioworkbook.site;

import io.github.asyncioworkbook.site.preprocess.LessonExecutor;
import io.github.asyncioworkbook.site.preprocess.OutputVerifier;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Fixture books and fake lesson executors for tests that are not about running Java. */
public final class Fixtures {

    private Fixtures() {
    }

    /** {@return the folder of a fixture book under src/test/resources/fixtures} */
    public static Path book(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A fake executor: by default every lesson "prints" its expected text under the virtual clock;
     * single lessons can be given another output, exit code or a timeout.
     */
    public static final class FakeExecutor implements LessonExecutor {
        private final Map<String, LessonRun> overrides = new HashMap<>();
        /** Names of the lessons run, in order, across calls. */
        public final List<String> ran = new ArrayList<>();
        /** Runs with arguments made, as {@code Name args}, in order, across calls. */
        public final List<String> ranWithArguments = new ArrayList<>();

        private final Map<String, PairRuns> pairs = new HashMap<>();

        /** {@return this executor, making {@code client} the client of a pair with {@code server}, run twice} */
        public FakeExecutor clientOf(String client, String server, int port) {
            pairs.put(client, new PairRuns(port, false, server, client, "", 0, -1, List.of("one\n", "two\n")));
            return this;
        }

        /**
         * {@return this executor, making {@code server} the server of a pair run on {@code port}: it
         * prints its expected text, then ends with status 130; {@code client} ran once per output}
         */
        public FakeExecutor pair(String server, String client, int port, List<String> clientOutputs) {
            pairs.put(server, new PairRuns(port, true, server, client, "", 130, -1, clientOutputs));
            return this;
        }

        /** {@return this executor, printing {@code output} for {@code lesson}} */
        public FakeExecutor prints(String lesson, String output) {
            overrides.put(lesson, new LessonRun(0, output, Duration.ofMillis(5), false, LessonRun.RunClock.VIRTUAL));
            return this;
        }

        /** {@return this executor, making {@code lesson} exit with {@code code}} */
        public FakeExecutor exits(String lesson, int code, String output) {
            overrides.put(lesson, new LessonRun(code, output, Duration.ofMillis(5), false, LessonRun.RunClock.VIRTUAL));
            return this;
        }

        /** {@return this executor, making {@code lesson} time out} */
        public FakeExecutor timesOut(String lesson) {
            overrides.put(lesson, new LessonRun(137, "tick\n", Duration.ofSeconds(20), true, LessonRun.RunClock.VIRTUAL));
            return this;
        }

        /** {@return this executor, running {@code lesson} under the real clock} */
        public FakeExecutor realClock(String lesson, String output) {
            overrides.put(lesson, new LessonRun(0, output, Duration.ofMillis(5), false, LessonRun.RunClock.REAL));
            return this;
        }

        @Override
        public List<LessonRun> runAll(Book book, List<Lesson> lessons) {
            List<LessonRun> runs = new ArrayList<>();
            for (Lesson l : lessons) {
                ran.add(l.name());
                PairRuns p = pairs.get(l.name());
                if (p != null && !p.server()) {
                    runs.add(new LessonRun(0, l.expectedText(), Duration.ofMillis(5), false, LessonRun.RunClock.VIRTUAL, false, null, p));
                    continue;
                }
                if (p != null) {
                    runs.add(new LessonRun(0, l.expectedText(), Duration.ofMillis(5), false, LessonRun.RunClock.VIRTUAL, false, null,
                            new PairRuns(p.port(), true, p.serverName(), p.clientName(), l.expectedText(), p.serverExit(),
                                    l.expectedText().indexOf("return value"), p.clientOutputs())));
                    continue;
                }
                runs.add(overrides.getOrDefault(l.name(),
                        new LessonRun(0, l.expectedText(), Duration.ofMillis(5), false, LessonRun.RunClock.VIRTUAL)));
            }
            return runs;
        }

        /** A run with arguments "prints" its own expected text, unless given output for {@code "Name args"}. */
        @Override
        public LessonRun runWithArguments(Book book, Lesson lesson, LessonRerun rerun) {
            String key = lesson.name() + " " + rerun.commandLine();
            ranWithArguments.add(key);
            return overrides.getOrDefault(key,
                    new LessonRun(0, rerun.expectedText(), Duration.ofMillis(5), false, LessonRun.RunClock.VIRTUAL));
        }
    }

    /** An exact verifier with a crude diff, standing in for lesson-runner's matcher. */
    public static final OutputVerifier EXACT = (lesson, actual) -> {
        String expected = lesson.expectedText().stripTrailing();
        String got = actual.stripTrailing();
        if (expected.equals(got)) {
            return Optional.empty();
        }
        StringBuilder diff = new StringBuilder("--- " + lesson.expected().getFileName() + "\n+++ live output\n");
        expected.lines().forEach(l -> diff.append('-').append(l).append('\n'));
        got.lines().forEach(l -> diff.append('+').append(l).append('\n'));
        return Optional.of("first difference in " + lesson.name() + "\n" + diff);
    };
}
