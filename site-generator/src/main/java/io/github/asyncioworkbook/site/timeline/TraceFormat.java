package io.github.asyncioworkbook.site.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a trace against the Chrome trace-event format (JSON object form) as far as Perfetto and
 * {@code chrome://tracing} need it: a {@code traceEvents} array whose events each have a string
 * {@code name} and {@code ph} and integer {@code pid} and {@code tid}; every event but metadata
 * ({@code M}) a non-negative number {@code ts} in microseconds; complete events ({@code X}) a
 * non-negative {@code dur}; flow events ({@code s}, {@code f}) an {@code id}, each started flow
 * finished exactly once; instants ({@code i}) a scope {@code s} of {@code g}, {@code p} or {@code t}.
 */
public final class TraceFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PHASES = Set.of("X", "B", "E", "i", "I", "s", "t", "f", "M", "C", "b", "e", "n");

    private TraceFormat() {
    }

    /**
     * @param json a trace's text
     * @param source its file name, for messages
     * @return the number of events
     * @throws IllegalArgumentException naming the file and the first bad event
     */
    public static int check(String json, String source) {
        try {
            return check(JSON.readTree(json), source);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param root a parsed trace
     * @param source its file name, for messages
     * @return the number of events
     * @throws IllegalArgumentException naming the file and the first bad event
     */
    public static int check(JsonNode root, String source) {
        JsonNode events = root == null ? null : root.get("traceEvents");
        if (events == null || !events.isArray()) {
            throw new IllegalArgumentException(source + ": not a trace: no \"traceEvents\" array");
        }
        Map<String, Integer> open = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode e = events.get(i);
            String where = source + ": traceEvents[" + i + "] " + e;
            require(e.path("name").isTextual(), where, "a string \"name\"");
            String ph = e.path("ph").asText("");
            require(PHASES.contains(ph), where, "a known \"ph\"");
            require(e.path("pid").isIntegralNumber() && e.path("tid").isIntegralNumber(), where, "integer \"pid\" and \"tid\"");
            if (!ph.equals("M")) {
                require(e.path("ts").isNumber() && e.path("ts").asDouble() >= 0, where, "a non-negative number \"ts\"");
            }
            switch (ph) {
                case "X" -> require(e.path("dur").isNumber() && e.path("dur").asDouble() >= 0, where, "a non-negative \"dur\"");
                case "i", "I" -> require(!e.has("s") || Set.of("g", "p", "t").contains(e.path("s").asText()), where, "scope g, p or t");
                case "s" -> {
                    require(e.has("id"), where, "an \"id\"");
                    open.merge(e.path("cat").asText() + "/" + e.path("id").asText(), 1, Integer::sum);
                }
                case "f" -> {
                    require(e.has("id"), where, "an \"id\"");
                    Integer n = open.get(e.path("cat").asText() + "/" + e.path("id").asText());
                    require(n != null && n > 0, where, "a flow start (\"s\") with the same id before it");
                    open.put(e.path("cat").asText() + "/" + e.path("id").asText(), n - 1);
                }
                default -> {
                }
            }
        }
        open.forEach((id, n) -> require(n == 0, source + ": flow " + id, "a finish (\"f\")"));
        return events.size();
    }

    private static void require(boolean ok, String where, String what) {
        if (!ok) {
            throw new IllegalArgumentException(where + ": needs " + what);
        }
    }
}
