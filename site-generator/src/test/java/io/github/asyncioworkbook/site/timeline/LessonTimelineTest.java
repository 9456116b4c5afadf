package io.github.asyncioworkbook.site.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.asyncioworkbook.site.timeline.Timeline.Print;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The page-level pieces on a small hand-made trace (the real runs are in LessonTimelinesTest). */
class LessonTimelineTest {
    /** One task, two steps; "hello" printed in step 1 from Demo.java:7, "bye" in step 2 from Demo.java:9, "late" outside. */
    static final String TRACE = """
            {"traceEvents":[
             {"name":"thread_name","ph":"M","pid":1,"tid":0,"args":{"name":"outside the loop"}},
             {"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"Task-1 main"}},
             {"name":"print","cat":"output","ph":"i","ts":1.0,"pid":1,"tid":2,"s":"t",
              "args":{"text":"hello","stream":"stdout","file":"Demo.java","line":7,"step":1}},
             {"name":"await","cat":"suspend","ph":"i","ts":1.5,"pid":1,"tid":2,"s":"t","args":{"awaiting":"yield","step":1}},
             {"name":"Task-1 main","cat":"step","ph":"X","ts":0.5,"dur":2.0,"pid":1,"tid":2,
              "args":{"step":1,"iteration":1,"loopTime":0.0,"task":"Task-1","coro":"main","suspended":"yield"}},
             {"name":"print","cat":"output","ph":"i","ts":4.0,"pid":1,"tid":2,"s":"t",
              "args":{"text":"bye","stream":"stdout","file":"Demo.java","line":9,"step":2}},
             {"name":"Task-1 main","cat":"step","ph":"X","ts":3.0,"dur":2.0,"pid":1,"tid":2,
              "args":{"step":2,"iteration":2,"loopTime":0.0,"task":"Task-1","coro":"main","outcome":"result"}},
             {"name":"print","cat":"output","ph":"i","ts":9.0,"pid":1,"tid":0,"s":"t",
              "args":{"text":"late","stream":"stderr","file":"Other.java","line":3,"lane":0}}
            ]}""";

    @Test
    @DisplayName("output lines link to their step (or their dot outside the loop) and to the lesson's own source line; an unrecorded line stays plain")
    void outputLinks() {
        LessonTimeline view = LessonTimeline.of("Demo", "tl-demo", "hello\nnot traced\nbye\nlate\n", TRACE);
        assertEquals("""
                <a class="out-line" id="tl-demo-o0" href="#tl-demo-s1" title="第 1 步打印">hello</a><a class="out-src" href="#tl-demo-L7" aria-label="Demo.java 第 7 行">7</a>
                not traced
                <a class="out-line" id="tl-demo-o2" href="#tl-demo-s2" title="第 2 步打印">bye</a><a class="out-src" href="#tl-demo-L9" aria-label="Demo.java 第 9 行">9</a>
                <a class="out-line" id="tl-demo-o3" href="#tl-demo-p2" title="循环外打印">late</a>
                """, view.outputHtml());
        assertEquals(Set.of(7, 9), view.sourceLines());
        assertEquals("<style>#lesson-demo:has(#tl-demo-o0:is(:hover,:focus)) :is(#tl-demo-p0,#tl-demo-s1,#tl-demo-L7){--hl:1}"
                + "#lesson-demo:has(#tl-demo-o2:is(:hover,:focus)) :is(#tl-demo-p1,#tl-demo-s2,#tl-demo-L9){--hl:1}"
                + "#lesson-demo:has(#tl-demo-o3:is(:hover,:focus)) :is(#tl-demo-p2){--hl:1}</style>", view.styleHtml("#lesson-demo"));
    }

    @Test
    @DisplayName("source lines that printed get an anchor at their start, the others are untouched")
    void markSource() {
        LessonTimeline view = LessonTimeline.of("Demo", "tl-demo", "hello\nbye\n", TRACE);
        String source = String.join("\n", "a", "b", "c", "d", "e", "f", "<span>g", "h</span>", "i", "j");
        String marked = view.markSource(source);
        assertEquals(String.join("\n", "a", "b", "c", "d", "e", "f", "<span class=\"src-mark\" id=\"tl-demo-L7\"></span><span>g", "h</span>",
                "<span class=\"src-mark\" id=\"tl-demo-L9\"></span>i", "j"), marked);
    }

    @Test
    @DisplayName("the figure has a focusable scroll box, the SVG with title and desc, the text list and the trace link")
    void figure() {
        String html = LessonTimeline.of("Demo", "tl-demo", "hello\nbye\n", TRACE).figureHtml();
        assertTrue(html.contains("<div class=\"timeline-scroll\" tabindex=\"0\" role=\"region\""), html);
        assertTrue(html.contains("<svg class=\"timeline\""), html);
        assertTrue(html.contains("aria-labelledby=\"tl-demo-title tl-demo-desc\""), html);
        assertTrue(html.contains("<li><a href=\"#tl-demo-s1\">第 1 步 · 第 1 轮 · t=0 · Task-1 main：打印“hello”（Demo.java 第 7 行）；让出一轮（sleep(0)）。</a></li>"), html);
        assertTrue(html.contains("<li class=\"timeline-outside\">循环外：打印“late”（Other.java 第 3 行）</li>"), html);
        assertTrue(html.contains("<a href=\"Demo.trace.json\" download>"), html);
    }

    @Test
    @DisplayName("pairing skips recorded lines the output does not show and leaves unrecorded shown lines unpaired")
    void pairing() {
        Print a = new Print(0, "a", "stdout", "X.java", 1, 1, "1:2", 0);
        Print b = new Print(1, "b", "stdout", "X.java", 2, 1, "1:2", 0);
        List<Print> paired = OutputLinks.pair("b\nc\r\n", List.of(a, b));
        assertEquals(2, paired.size());
        assertEquals(b, paired.get(0));
        assertNull(paired.get(1));
        assertEquals(List.of(), OutputLinks.pair("", List.of(a)));
    }

    @Test
    @DisplayName("a broken or foreign trace is an error naming the file (and the event)")
    void badTraces() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> TraceReader.read("{\"traceEvents\": [", "X.trace.json"));
        assertTrue(notJson.getMessage().startsWith("X.trace.json:1: not JSON"), notJson.getMessage());
        IllegalArgumentException noEvents = assertThrows(IllegalArgumentException.class, () -> TraceReader.read("{}", "X.trace.json"));
        assertEquals("X.trace.json: not a trace: no \"traceEvents\" array", noEvents.getMessage());
        IllegalArgumentException noDur = assertThrows(IllegalArgumentException.class, () -> TraceReader.read(
                "{\"traceEvents\":[{\"name\":\"a\",\"ph\":\"X\",\"ts\":1,\"pid\":1,\"tid\":1}]}", "X.trace.json"));
        assertTrue(noDur.getMessage().startsWith("X.trace.json: traceEvents[0] ") && noDur.getMessage().endsWith("needs a non-negative \"dur\""),
                noDur.getMessage());
        IllegalArgumentException lonelyFlow = assertThrows(IllegalArgumentException.class, () -> TraceFormat.check(
                "{\"traceEvents\":[{\"name\":\"w\",\"cat\":\"c\",\"ph\":\"s\",\"id\":4,\"ts\":1,\"pid\":1,\"tid\":1}]}", "X.trace.json"));
        assertEquals("X.trace.json: flow c/4: needs a finish (\"f\")", lonelyFlow.getMessage());
    }
}
