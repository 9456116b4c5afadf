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
 *       output is used; where the original's own files no longer work (the SSL scripts' bundled
 *       certificate expired in 2016) and the reference holds {@code <script>_freshcert.txt} (the same
 *       script run with a freshly made certificate), that one. A last line in brackets (how a failed
 *       run ended) is dropped.</li>
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
 *   <li><b>Tracebacks.</b> In a CPython traceback, the frames of the standard library
 *       ({@code File "<stdlib>/...}) and the source lines (and {@code ^^^} markers) under each
 *       frame are dropped, and {@code in <module>} becomes {@code in main}: loop-core prints a
 *       traceback in Python's layout but hides its own frames, as the standard library's would be
 *       for a Java reader, and has no source lines to quote.</li>
 *   <li><b>Pairs.</b> For a side of a server/client pair ({@link LessonPair}) the reference output
 *       of a client holds several runs, each headed {@code ### client run N}: each run must match the
 *       expected file. Both sides' outputs are matched with the rule for TCP reads
 *       ({@link SplitReads}).</li>
 * </ol>
 * Everything else must be equal, line for line.
 */
public final class CPythonComparison {

    /** Python exception names and the Java ones the ports raise instead. */
    public static final Map<String, String> EXCEPTIONS = Map.of(
            "RuntimeError", "IllegalStateException",
            "ValueError", "IllegalArgumentException",
            "TypeError", "IllegalArgumentException");

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
     * @return the reference file ({@code .patched.txt} preferred, then {@code _freshcert.txt})
     */
    public Optional<Path> referenceFor(String scriptStem) {
        for (String candidate : List.of(scriptStem + ".patched.txt", scriptStem + "_freshcert.txt", scriptStem + ".txt")) {
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
        String text = String.join("\n", pythonTracebacks(lines));
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
        return compare(lesson, false);
    }

    /**
     * Compares a lesson's expected output with CPython's; for a side of a pair, with the pair rule
     * (rule 6).
     *
     * @param lesson the lesson
     * @param pairSide whether it is a server or client of a {@link LessonPair}
     * @return the match (the first mismatching client run, if any), or empty when the reference has
     *         no output for the script it ports
     * @throws LessonListException when the lesson's header does not name its script
     */
    public Optional<MatchResult> compare(Lesson lesson, boolean pairSide) {
        if (!pairSide) {
            return compareWhole(lesson);
        }
        return referenceFor(lesson.header().scriptStem()).map(ref -> {
            try {
                String expected = Files.readString(lesson.expected(), StandardCharsets.UTF_8);
                String patternText = pattern(expected);
                OutputMatcher matcher = OutputMatcher.parse(lesson.expected() + " (as a pattern for CPython's output)", patternText);
                MatchResult result = new MatchResult.Matched();
                List<String> runs = runs(Files.readString(ref, StandardCharsets.UTF_8));
                for (int i = 0; i < runs.size() && result.matched(); i++) {
                    String name = ref.getFileName() + (runs.size() > 1 ? " run " + (i + 1) : "") + " (CPython 3.11, renamed)";
                    result = SplitReads.match(matcher, patternText, name, renamed(runs.get(i), lesson.name(), expected));
                }
                return result;
            } catch (java.nio.file.NoSuchFileException e) {
                throw new ExpectedOutputException(lesson.expected().toString(), 0,
                        "expected-output file is missing; every lesson needs one beside it");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Cuts a reference output at its {@code ### client run N} headings.
     *
     * @param reference a reference output
     * @return one text per run (the whole text if it has no heading)
     */
    public static List<String> runs(String reference) {
        List<String> runs = new ArrayList<>();
        StringBuilder current = null;
        for (String line : OutputMatcher.normalize(reference).split("\n", -1)) {
            if (line.matches("### client run \\d+")) {
                if (current != null) {
                    runs.add(current.toString());
                }
                current = new StringBuilder();
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            runs.add(current.toString());
        }
        return runs;
    }

    /** Rule 5: standard-library frames and source lines out of CPython's tracebacks, {@code <module>} as {@code main}. */
    static List<String> pythonTracebacks(List<String> lines) {
        List<String> out = new ArrayList<>();
        boolean inTraceback = false;
        for (String line : lines) {
            if (line.equals("Traceback (most recent call last):")) {
                inTraceback = true;
                out.add(line);
                continue;
            }
            if (inTraceback && line.startsWith("  File ")) {
                if (!line.startsWith("  File \"<stdlib>/")) {
                    out.add(line.replace(", in <module>", ", in main"));
                }
                continue;
            }
            if (inTraceback && line.startsWith("    ")) {
                continue;  // a source line or its ^^^ marker
            }
            inTraceback = false;
            out.add(line);
        }
        return out;
    }

    private Optional<MatchResult> compareWhole(Lesson lesson) {
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
