package io.github.asyncioworkbook.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A further run of a lesson with command-line arguments, as a PyMOTW-3 page that runs its script
 * more than once ({@code asyncio_debug.py}, then {@code asyncio_debug.py -v}). Every lesson runs once
 * without arguments, matched against {@code Name.out}; each header line
 * <pre>{@code // Also run with: -v}</pre>
 * adds a run with those arguments (split at spaces), matched against its own expected file
 * {@code Name.<label>.out}, where the label is the arguments with their leading dashes dropped,
 * joined by {@code _} ({@code -v} gives {@code Debug.v.out}, {@code --host x} gives
 * {@code Name.host_x.out}). The CPython reference of such a run is {@code <script>_<label>.txt}
 * ({@code asyncio_debug_v.txt}).
 *
 * @param arguments the arguments, at least one
 * @param label     the part of the expected file's name that tells the run apart, e.g. {@code v}
 * @param line      the header line that declares it
 */
public record ArgumentRun(List<String> arguments, String label, int line) {

    /** The header line's start. */
    public static final String DIRECTIVE = "// Also run with:";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    /** Copies the list. */
    public ArgumentRun {
        arguments = List.copyOf(arguments);
    }

    /**
     * {@return the expected file of this run of {@code lesson}: {@code Name.<label>.out} beside it}
     *
     * @param lesson the lesson (its run without arguments)
     */
    public Path expected(Lesson lesson) {
        return lesson.source().resolveSibling(lesson.name() + "." + label + ".out");
    }

    /**
     * Reads every {@value #DIRECTIVE} line of a lesson's source.
     *
     * @param source the file, for messages
     * @param text   its content
     * @return the runs in header order (often none)
     * @throws LessonListException naming the file and line of a line without arguments, with an
     *         argument that makes no file name, or repeating an earlier run's label
     */
    public static List<ArgumentRun> parse(Path source, String text) {
        List<ArgumentRun> runs = new ArrayList<>();
        Map<String, Integer> labels = new HashMap<>();
        int n = 0;
        for (String line : text.lines().toList()) {
            n++;
            if (!line.startsWith(DIRECTIVE)) {
                continue;
            }
            String rest = line.substring(DIRECTIVE.length()).strip();
            if (rest.isEmpty()) {
                throw new LessonListException(source, n, "'" + DIRECTIVE + "' names no arguments; write e.g. '" + DIRECTIVE + " -v'");
            }
            List<String> arguments = List.of(rest.split("\\s+"));
            String label = String.join("_", arguments.stream().map(a -> a.replaceFirst("^-+", "")).toList());
            if (!LABEL.matcher(label).matches()) {
                throw new LessonListException(source, n, "the arguments '" + rest + "' give the label '" + label
                        + "', which cannot name an expected file Name.<label>.out (letters, digits, '_' and '-' only)");
            }
            Integer earlier = labels.putIfAbsent(label, n);
            if (earlier != null) {
                throw new LessonListException(source, n, "this run's expected file would be the same as the run of line "
                        + earlier + " (label '" + label + "')");
            }
            runs.add(new ArgumentRun(arguments, label, n));
        }
        return runs;
    }
}
