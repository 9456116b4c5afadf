package io.github.asyncioworkbook.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a lesson's expected output is faithful to what the Python original printed under
 * CPython 3.11: the measure of the workbook. The expected file may differ from CPython's output
 * only in names and in what the original leaves to chance.
 *
 * <h2>Rules</h2>
 * <ol>
 *   <li><b>Which output.</b> The lesson's header names the script it ports
 *       ({@code // Port of asyncio_create_task.py, ...}, see {@link LessonHeader}). Where CPython 3.11 refuses the original
 *       and the reference holds {@code <script>.patched.txt} (the smallest change that runs), that
 *       output is used. A last line in brackets (how a failed run ended) is dropped.</li>
 *   <li><b>Hosts file.</b> A lesson whose run resolves names from its own hosts file ({@link LessonHosts})
 *       is compared with CPython's output under that same file, kept beside the lesson
 *       ({@link LessonHosts#cpythonReference}); the shared reference was made without DNS.</li>
 *   <li><b>Names.</b> In CPython's text, {@code asyncio_create_task.py} becomes {@code CreateTask.java},
 *       snake_case identifiers become camelCase ({@code task_func} becomes {@code taskFunc}), and
 *       Python exception names become their Java counterparts ({@link #EXCEPTIONS}). A snake_case
 *       word that the expected file itself prints is data the port kept as it is (a logger's name,
 *       a string), not an identifier, and stays.</li>
 *   <li><b>Line numbers.</b> {@code File.java:12} matches {@code File.java:} and any number.</li>
 *   <li><b>Chance.</b> A float literal in the expected file stands for any float (times differ
 *       between runs and clocks), and the expected file's own placeholders and unordered blocks
 *       apply ({@link OutputMatcher}).</li>
 * </ol>
 * Everything else must be equal, line for line.
 */
public final class CPythonComparison {

    /** Python exception names and the Java ones the ports raise instead. */
    public static final Map<String, String> EXCEPTIONS = Map.of(
            "RuntimeError", "IllegalStateException",
            "ValueError", "IllegalArgumentException",
            "TypeError", "IllegalArgumentException",
            "KeyboardInterrupt", "InterruptedException");

    private static final Pattern SNAKE = Pattern.compile("\\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\\b");
    private static final Pattern SCRIPT = Pattern.compile("\\basyncio_[a-z0-9_]+\\.py\\b");
    private static final Pattern JAVA_LINE = Pattern.compile("(\\b[A-Za-z0-9_]+\\.java):\\d+");
    private static final Pattern FLOAT = Pattern.compile("(?<![\\w.{])-?\\d+\\.\\d+(?:e[+-]\\d+)?(?![\\w.])");

    private final Path referenceDir;

    /**
     * @param referenceDir the folder holding CPython's outputs, {@code <script>.txt}
     */
    public CPythonComparison(Path referenceDir) {
        this.referenceDir = referenceDir;
    }

    /**
     * The CPython output for a script, if the reference has one.
     *
     * @param scriptStem the script's name without {@code .py}, e.g. {@code asyncio_create_task}
     * @return the reference file ({@code .patched.txt} preferred)
     */
    public Optional<Path> referenceFor(String scriptStem) {
        for (String candidate : List.of(scriptStem + ".patched.txt", scriptStem + ".txt")) {
            Path p = referenceDir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * CPython's output with Python names turned into the lesson's Java names (rule 2).
     *
     * @param cpythonOutput what the original printed
     * @param lessonName the lesson's class name
     * @return the renamed text
     */
    public static String renamed(String cpythonOutput, String lessonName) {
        return renamed(cpythonOutput, lessonName, "");
    }

    /**
     * CPython's output with Python names turned into the lesson's Java names (rule 2), keeping the
     * snake_case words that the lesson's expected output prints verbatim.
     *
     * @param cpythonOutput what the original printed
     * @param lessonName the lesson's class name
     * @param expectedText the lesson's {@code .out} text
     * @return the renamed text
     */
    public static String renamed(String cpythonOutput, String lessonName, String expectedText) {
        java.util.Set<String> kept = new java.util.HashSet<>();
        SNAKE.matcher(expectedText).results().forEach(r -> kept.add(r.group()));
        List<String> lines = new ArrayList<>(List.of(OutputMatcher.normalize(cpythonOutput).split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().startsWith("[") && lines.getLast().endsWith("]")) {
            lines.removeLast();
        }
        String text = String.join("\n", lines);
        text = SCRIPT.matcher(text).replaceAll(lessonName + ".java");
        text = SNAKE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(kept.contains(m.group()) ? m.group() : camel(m.group())));
        for (Map.Entry<String, String> e : EXCEPTIONS.entrySet()) {
            text = text.replaceAll("\\b" + e.getKey() + "\\b", e.getValue());
        }
        return text;
    }

    /**
     * Turns an expected file into the pattern CPython's renamed output must match (rules 3 and 4).
     *
     * @param expectedText the lesson's {@code .out} text
     * @return the pattern text, in {@link OutputMatcher} syntax
     */
    public static String pattern(String expectedText) {
        String text = JAVA_LINE.matcher(expectedText).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":{{int}}"));
        return FLOAT.matcher(text).replaceAll("{{float}}");
    }

    /**
     * Compares a lesson's expected output with CPython's: {@code <script>.txt}, or for a run with
     * arguments ({@link ArgumentRun}) {@code <script>_<label>.txt}.
     *
     * @param lesson the lesson
     * @return the match, or empty when the reference has no output for the script it ports
     * @throws LessonListException when the lesson's header does not name its script
     */
    public Optional<MatchResult> compare(Lesson lesson) {
        String label = lesson.runKey().substring(lesson.name().length());  // "" or ".<label>"
        String stem = lesson.header().scriptStem() + (label.isEmpty() ? "" : "_" + label.substring(1));
        Optional<Path> reference = Files.isRegularFile(LessonHosts.path(lesson))
                ? Optional.of(LessonHosts.cpythonReference(lesson))
                : referenceFor(stem);
        return reference.map(ref -> {
            if (!Files.isRegularFile(ref)) {
                throw new ExpectedOutputException(ref.toString(), 0, "missing: a lesson with a hosts file is compared with "
                        + "CPython's output under that file; make it as LessonHosts.cpythonReference describes");
            }
            if (!Files.isRegularFile(lesson.expected())) {
                throw new ExpectedOutputException(lesson.expected().toString(), 0,
                        "expected-output file is missing; every lesson needs one beside it");
            }
            try {
                String expected = Files.readString(lesson.expected(), StandardCharsets.UTF_8);
                OutputMatcher matcher = OutputMatcher.parse(lesson.expected() + " (as a pattern for CPython's output)",
                        pattern(expected));
                return matcher.match(ref.getFileName() + " (CPython 3.11, renamed)",
                        renamed(Files.readString(ref, StandardCharsets.UTF_8), lesson.name(), expected));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
