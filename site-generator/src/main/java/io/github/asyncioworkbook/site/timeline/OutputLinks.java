package io.github.asyncioworkbook.site.timeline;

import io.github.asyncioworkbook.site.timeline.Timeline.Print;

import java.util.ArrayList;
import java.util.List;

/**
 * Pairs the lines of a run's shown output with the lines the trace recorded being printed. Both come
 * from the same run in the same order, so each shown line takes the next recorded line with the
 * same text; a shown line with no such partner (printed before tracing began, or by the JVM itself)
 * stays unlinked.
 */
public final class OutputLinks {
    private OutputLinks() {
    }

    /**
     * @param output the run's output (stdout and stderr merged)
     * @param prints the recorded lines
     * @return for each shown line (without the final empty one), its recorded line or {@code null}
     */
    public static List<Print> pair(String output, List<Print> prints) {
        List<String> lines = lines(output);
        List<Print> paired = new ArrayList<>(lines.size());
        int next = 0;
        for (String line : lines) {
            Print match = null;
            for (int j = next; j < prints.size(); j++) {
                if (prints.get(j).text().equals(line)) {
                    match = prints.get(j);
                    next = j + 1;
                    break;
                }
            }
            paired.add(match);
        }
        return paired;
    }

    /**
     * @param output text whose lines end with {@code \n} (or {@code \r\n})
     * @return its lines without line breaks and without the empty one after the last break
     */
    public static List<String> lines(String output) {
        List<String> lines = new ArrayList<>(output.isEmpty() ? List.of() : List.of(output.split("\n", -1)));
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines.removeLast();
        }
        lines.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        return lines;
    }
}
