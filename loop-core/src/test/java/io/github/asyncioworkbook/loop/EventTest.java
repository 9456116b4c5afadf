package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C41: {@link Event}. Expected orders were recorded from CPython 3.11.7.
 */
class EventTest extends Loops.Scenario {
    @Test
    @DisplayName("C41: Event.set() wakes all waiters in order on the next iteration; waiting on a set event does not yield")
    void setWakesAllInOrder() {
        loop.runUntilComplete(Coroutine.of(() -> {
            Event e = new Event();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                ts.add(loop.createTask(Coroutine.of(() -> {
                    events.add("wait " + id);
                    boolean r = e.await();
                    events.add("woke " + id + " " + r);
                })));
            }
            Asyncio.sleep(0);
            events.add(e.toString().replaceFirst("0x[0-9a-f]+", "0x"));
            loop.callSoon(() -> events.add("tick"));
            e.set();
            Gather.gather(ts).await();
            Task<Void> imm = loop.createTask(Coroutine.of(() -> {
                events.add("imm start");
                e.await();
                events.add("imm end");
            }));
            Task<Void> other = loop.createTask(Coroutine.of(() -> {
                events.add("other");
            }));
            Gather.gather(imm, other).await();
            events.add(e.toString().replaceFirst("0x[0-9a-f]+", "0x"));
            e.clear();
            events.add(e.isSet());
            return null;
        }));
        assertEquals(List.of("wait 0", "wait 1", "wait 2", "<Event object at 0x [unset, waiters:3]>", "tick",
                "woke 0 true", "woke 1 true", "woke 2 true", "imm start", "imm end", "other",
                "<Event object at 0x [set]>", false), events);
    }

    @Test
    @DisplayName("C41: Event.set() from a callback, and a cancelled waiter leaves the waiter list")
    void setFromCallbackAndCancelledWaiter() {
        loop.runUntilComplete(Coroutine.of(() -> {
            Event e = new Event();
            Task<Boolean> cancelled = loop.createTask(Coroutine.of(e::await));
            Task<Boolean> kept = loop.createTask(Coroutine.of(e::await));
            Asyncio.sleep(0);
            cancelled.cancel();
            Asyncio.sleep(0);
            events.add(e.toString().replaceFirst("0x[0-9a-f]+", "0x"));
            loop.callLater(1, e::set);
            events.add(kept.await() + " at " + loop.time());
            return null;
        }));
        assertEquals(List.of("<Event object at 0x [unset, waiters:1]>", "true at 1.0"), events);
    }
}
