package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ReprTest {
    @Test
    @DisplayName("strings use Python's quote choice and escapes")
    void strings() {
        assertEquals("'the result'", Repr.repr("the result"));
        assertEquals("\"it's\"", Repr.repr("it's"));
        assertEquals("'say \"hi\"'", Repr.repr("say \"hi\""));
        assertEquals("'both \\' and \"'", Repr.repr("both ' and \""));
        assertEquals("'a\\nb\\tc\\\\'", Repr.repr("a\nb\tc\\"));
        assertEquals("'\\x00\\x7f'", Repr.repr("\u0000\u007f"));
        assertEquals("'任务'", Repr.repr("任务"));
    }

    @Test
    @DisplayName("None, booleans, numbers and floats print as in Python")
    void scalars() {
        assertEquals("None", Repr.repr(null));
        assertEquals("True", Repr.repr(true));
        assertEquals("42", Repr.repr(42));
        assertEquals("0.1", Repr.repr(0.1));
        assertEquals("100.0", Repr.repr(100.0));
        assertEquals("1e+16", Repr.repr(1e16));
        assertEquals("1234567890123456.0", Repr.repr(1234567890123456.0));
        assertEquals("1.5e-05", Repr.repr(1.5e-5));
        assertEquals("0.0001", Repr.repr(0.0001));
        assertEquals("-0.0", Repr.repr(-0.0));
        assertEquals("inf", Repr.repr(Double.POSITIVE_INFINITY));
        assertEquals("nan", Repr.repr(Double.NaN));
        assertEquals("319.179677317", Repr.repr(319.179677317));
    }

    @Test
    @DisplayName("containers: lists, tuples (one-element with comma), sets, dicts")
    void containers() {
        assertEquals("['phase1 result', 'phase2 result']", Repr.repr(List.of("phase1 result", "phase2 result")));
        assertEquals("('result1', 'result2 derived from result1')",
                Repr.repr(Repr.Tuple.of("result1", "result2 derived from result1")));
        assertEquals("(1,)", Repr.repr(Repr.Tuple.of(1)));
        assertEquals("()", Repr.repr(Repr.Tuple.of()));
        assertEquals("set()", Repr.repr(new LinkedHashSet<>()));
        assertEquals("{1, 2}", Repr.repr(new LinkedHashSet<>(List.of(1, 2))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        m.put("b", null);
        assertEquals("{'a': 1, 'b': None}", Repr.repr(m));
        assertEquals("[1, None]", Repr.repr(Arrays.asList(1, null)));
    }

    @Test
    @DisplayName("str() is the text itself for strings and None for null")
    void str() {
        assertEquals("None", Repr.str(null));
        assertEquals("the result", Repr.str("the result"));
        assertEquals("0.1", Repr.str(0.1));
        assertEquals("[1, 'a']", Repr.str(List.of(1, "a")));
    }

    @Test
    @DisplayName("exceptions print as Name('message')")
    void exceptions() {
        assertEquals("IllegalStateException('boom')", Repr.repr(new IllegalStateException("boom")));
        assertEquals("CancelledError()", Repr.repr(new CancelledError()));
    }

    @Test
    @DisplayName("reprlib limits used in result=: long strings, long lists, long ints")
    void shortRepr() {
        assertEquals("'xxxxxxxxxxxx...xxxxxxxxxxxxx'", Repr.shortRepr("x".repeat(40)));
        assertEquals("[0, 1, 2, 3, 4, 5, ...]", Repr.shortRepr(List.of(0, 1, 2, 3, 4, 5, 6, 7)));
        assertEquals("'short'", Repr.shortRepr("short"));
    }

    @Test
    @DisplayName("handles: callback with arguments and place; cancelled handles drop the callback")
    void handles() {
        EventLoop loop = Loops.virtualLoop();
        Handle h = loop.callSoon(ReprTest::callback, "x");
        assertEquals(true, h.toString().matches("<Handle callback\\('x'\\) at ReprTest\\.java:\\d+>"), h.toString());
        h.cancel();
        assertEquals("<Handle cancelled>", h.toString());
        TimerHandle t = loop.callAt(0.25, ReprTest::callback, 7);
        assertEquals(true, t.toString().matches("<TimerHandle when=0\\.25 callback\\(7\\) at ReprTest\\.java:\\d+>"), t.toString());
        t.cancel();
        assertEquals("<TimerHandle cancelled when=0.25>", t.toString());
        loop.close();
    }

    @Test
    @DisplayName("a lambda callback is <lambda> at its own line; a coroutine lambda takes its method's name")
    void lambdas() {
        EventLoop loop = Loops.virtualLoop();
        Handle h = loop.callSoon(() -> { });
        assertEquals(true, h.toString().matches("<Handle <lambda>\\(\\) at ReprTest\\.java:\\d+>"), h.toString());
        assertEquals("coroutineFunction", coroutineFunction().getName());
        loop.close();
    }

    private Coroutine<String> coroutineFunction() {
        return Asyncio.async(() -> "value");
    }

    static void callback(Object arg) {
    }
}
