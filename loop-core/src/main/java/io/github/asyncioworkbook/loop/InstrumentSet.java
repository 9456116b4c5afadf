package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The instruments of one loop. An event goes to each instrument in the order they were added; one
 * that throws is removed on its own, the failure is reported through the loop's exception handler,
 * and the instruments after it still see the event. Owned by the loop's thread.
 */
final class InstrumentSet {
    private static final Instrument[] NONE = new Instrument[0];

    private final EventLoop loop;
    /** Copy-on-write, so an instrument removed while an event is delivered does not disturb it. */
    private Instrument[] members = NONE;

    InstrumentSet(EventLoop loop) {
        this.loop = loop;
    }

    /** {@return whether any instrument is present} Callers test this before building an event. */
    boolean active() {
        return members.length != 0;
    }

    void add(Instrument instrument) {
        List<Instrument> list = new ArrayList<>(List.of(members));
        list.add(instrument);
        members = list.toArray(NONE);
    }

    boolean remove(Instrument instrument) {
        List<Instrument> list = new ArrayList<>(List.of(members));
        boolean removed = list.remove(instrument);
        members = list.toArray(NONE);
        return removed;
    }

    /** Delivers one event to every instrument. */
    void fire(Consumer<Instrument> event) {
        for (Instrument i : members) {
            try {
                event.accept(i);
            } catch (RuntimeException e) {
                remove(i);
                Map<String, Object> ctx = new LinkedHashMap<>();
                ctx.put("message", "Instrument raised an exception and was removed");
                ctx.put("exception", e);
                ctx.put("instrument", i);
                loop.callExceptionHandler(ctx);
            }
        }
    }
}
