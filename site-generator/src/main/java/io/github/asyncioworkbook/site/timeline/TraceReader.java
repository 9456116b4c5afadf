package io.github.asyncioworkbook.site.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.asyncioworkbook.site.timeline.Timeline.Cancel;
import io.github.asyncioworkbook.site.timeline.Timeline.Creation;
import io.github.asyncioworkbook.site.timeline.Timeline.Kind;
import io.github.asyncioworkbook.site.timeline.Timeline.Lane;
import io.github.asyncioworkbook.site.timeline.Timeline.Print;
import io.github.asyncioworkbook.site.timeline.Timeline.Slot;
import io.github.asyncioworkbook.site.timeline.Timeline.Timer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the trace-event JSON that loop-core's {@code TraceEventWriter} writes ({@code
 * -Dloopcore.trace=FILE}) into a {@link Timeline}, after checking it with {@link TraceFormat}. Only
 * that writer's events and arguments are understood; other valid events are ignored.
 */
public final class TraceReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int OUTSIDE = 0;
    private static final int CALLBACKS = 1;

    private TraceReader() {
    }

    /**
     * Parses a trace.
     *
     * @param json the file's text
     * @param source the file's name, for error messages
     * @return the timeline
     * @throws IllegalArgumentException naming {@code source} if the text is not a trace of this kind
     */
    public static Timeline read(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ":" + e.getLocation().getLineNr() + ": not JSON: " + e.getOriginalMessage(), e);
        }
        TraceFormat.check(root, source);
        JsonNode events = root.get("traceEvents");
        List<JsonNode> all = new ArrayList<>();
        events.forEach(all::add);
        boolean severalLoops = all.stream().filter(e -> e.path("ph").asText().equals("M")
                && e.path("name").asText().equals("process_name")).count() > 1;

        Map<String, String> laneNames = new LinkedHashMap<>();
        for (JsonNode e : all) {
            if (e.path("ph").asText().equals("M") && e.path("name").asText().equals("thread_name")) {
                String name = e.path("args").path("name").asText();
                laneNames.put(laneId(e), severalLoops ? "loop " + e.path("pid").asInt() + " · " + name : name);
            }
        }
        List<JsonNode> slotEvents = all.stream().filter(e -> e.path("ph").asText().equals("X"))
                .sorted(Comparator.comparingInt(e -> e.path("args").path("step").asInt())).toList();
        double[] starts = slotEvents.stream().mapToDouble(e -> e.path("ts").asDouble()).toArray();

        Map<Integer, Integer> firedIn = new HashMap<>();
        List<Slot> slots = new ArrayList<>();
        for (JsonNode e : slotEvents) {
            JsonNode a = e.path("args");
            int step = a.path("step").asInt();
            boolean callback = e.path("cat").asText().equals("callback");
            String label = callback ? shortCallback(a.path("callback").asText()) : a.path("task").asText() + " " + a.path("coro").asText();
            Integer timer = integer(a, "timer");
            if (timer != null) {
                firedIn.put(timer, step);
            }
            JsonNode suspend = all.stream().filter(i -> isInstant(i, "await") && i.path("args").path("step").asInt(-1) == step)
                    .findFirst().orElse(null);
            String awaitingLane = suspend == null || !suspend.path("args").has("awaitingLane") ? null
                    : e.path("pid").asInt() + ":" + suspend.path("args").path("awaitingLane").asInt();
            slots.add(new Slot(step, laneId(e), a.path("iteration").asLong(), a.path("loopTime").asDouble(), label, callback,
                    integer(a, "resumedBy"), text(a, "awaited"), text(a, "suspended"), awaitingLane,
                    a.path("cancelDelivered").asBoolean(false), text(a, "outcome"), timer));
        }

        List<Creation> creations = new ArrayList<>();
        List<Cancel> cancels = new ArrayList<>();
        List<Timer> timers = new ArrayList<>();
        List<Print> prints = new ArrayList<>();
        for (JsonNode e : all) {
            if (!e.path("ph").asText().equals("i")) {
                continue;
            }
            JsonNode a = e.path("args");
            Integer step = integer(a, "step");
            String lane = laneId(e);
            int before = slotsBefore(starts, e.path("ts").asDouble(), step, slotEvents);
            String pid = e.path("pid").asInt() + ":";
            switch (e.path("name").asText()) {
                case "create" -> creations.add(new Creation(step, lane, pid + a.path("targetLane").asInt(), a.path("task").asText(), before));
                case "cancel" -> cancels.add(new Cancel(step, lane, pid + a.path("targetLane").asInt(), a.path("target").asText(),
                        text(a, "message"), before));
                case "timer" -> timers.add(new Timer(a.path("timer").asInt(), step, lane, a.path("when").asDouble(), null, before));
                case "print" -> prints.add(new Print(prints.size(), a.path("text").asText(), a.path("stream").asText(),
                        text(a, "file"), a.path("line").asInt(0), step, lane, before));
                default -> {
                }
            }
        }
        timers.replaceAll(t -> new Timer(t.number(), t.step(), t.lane(), t.when(), firedIn.get(t.number()), t.slotsBefore()));

        List<Lane> lanes = new ArrayList<>();
        laneNames.forEach((id, name) -> {
            int tid = Integer.parseInt(id.substring(id.indexOf(':') + 1));
            Kind kind = tid == OUTSIDE ? Kind.OUTSIDE : tid == CALLBACKS ? Kind.CALLBACKS : Kind.TASK;
            boolean used = kind == Kind.TASK
                    || slots.stream().anyMatch(s -> s.lane().equals(id))
                    || prints.stream().anyMatch(p -> p.lane().equals(id))
                    || cancels.stream().anyMatch(c -> c.lane().equals(id));
            if (used) {
                lanes.add(new Lane(id, name, kind));
            }
        });
        lanes.sort(Comparator.comparingInt((Lane l) -> switch (l.kind()) {
            case OUTSIDE -> 0;
            case TASK -> 1;
            case CALLBACKS -> 2;
        }).thenComparingInt(l -> Integer.parseInt(l.id().substring(0, l.id().indexOf(':'))))
                .thenComparingInt(l -> Integer.parseInt(l.id().substring(l.id().indexOf(':') + 1))));
        return new Timeline(lanes, slots, creations, cancels, timers, prints);
    }

    /** {@code name(args) at File.java:N} becomes {@code name()}: the arguments' reprs can be long. */
    static String shortCallback(String description) {
        int paren = description.indexOf('(');
        return paren < 0 ? description : description.substring(0, paren) + "()";
    }

    private static boolean isInstant(JsonNode e, String name) {
        return e.path("ph").asText().equals("i") && e.path("name").asText().equals(name);
    }

    private static String laneId(JsonNode e) {
        return e.path("pid").asInt() + ":" + e.path("tid").asInt();
    }

    private static int slotsBefore(double[] starts, double ts, Integer step, List<JsonNode> slotEvents) {
        if (step != null) {
            for (int i = 0; i < slotEvents.size(); i++) {
                if (slotEvents.get(i).path("args").path("step").asInt() == step) {
                    return i;
                }
            }
        }
        int n = 0;
        for (double s : starts) {
            if (s <= ts) {
                n++;
            }
        }
        return n;
    }

    private static Integer integer(JsonNode args, String name) {
        JsonNode n = args.get(name);
        return n == null || n.isNull() ? null : n.asInt();
    }

    private static String text(JsonNode args, String name) {
        JsonNode n = args.get(name);
        return n == null || n.isNull() ? null : n.asText();
    }
}
