package io.github.asyncioworkbook.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CONFORMANCE.md C41: {@link Queue}, {@link PriorityQueue}, {@link LifoQueue}. Expected orders were
 * recorded from CPython 3.11.7.
 */
class QueueTest extends Loops.Scenario {
    private static String state(Object queue) {
        return queue.toString().replaceFirst(" at 0x[0-9a-f]+", "");
    }

    @Test
    @DisplayName("C41: Queue is not strictly fair: a woken getter loses the item to getNowait() and waits again")
    void wokenGetterMayLoseItem() {
        run(() -> {
            Queue<String> q = new Queue<>();
            Task<Void> a = loop.createTask(Coroutine.of(() -> {
                events.add("A waiting");
                String item = q.get();
                events.add("A got " + item);
            }));
            Asyncio.sleep(0);
            events.add(state(q));
            q.putNowait("x");
            events.add("B get_nowait " + q.getNowait());
            Asyncio.sleep(0);
            events.add(state(q));
            q.putNowait("y");
            a.await();
            events.add(state(q));
            return null;
        });
        assertEquals(List.of("A waiting", "<Queue maxsize=0 _getters[1]>", "B get_nowait x",
                "<Queue maxsize=0 _getters[1] tasks=1>", "A got y", "<Queue maxsize=0 tasks=2>"), events);
    }

    @Test
    @DisplayName("C41: bounded Queue: put waits while full, join() waits for taskDone(); QueueFull; None items")
    void boundedProducerConsumers() {
        run(() -> {
            Queue<Integer> q = new Queue<>(2);
            Task<Void> producer = loop.createTask(Coroutine.of(() -> {
                for (int i = 0; i < 5; i++) {
                    q.put(i);
                    events.add("put " + i + " size=" + q.qsize());
                }
                q.put(null);
                events.add("producer join");
                q.join();
                events.add("joined");
            }));
            List<Object> all = new ArrayList<>(List.of(producer));
            for (int n = 0; n < 2; n++) {
                int id = n;
                all.add(loop.createTask(Coroutine.of(() -> {
                    while (true) {
                        Integer item = q.get();
                        events.add("c" + id + " got " + item);
                        if (item == null) {
                            q.taskDone();
                            q.putNowait(null); // pass the stop signal on
                            break;
                        }
                        Asyncio.sleep(0.1);
                        q.taskDone();
                    }
                })));
            }
            Gather.gather(all).await();
            events.add("full=" + q.full() + " size=" + q.qsize());
            q.putNowait(1);
            events.add(Repr.repr(assertThrows(QueueFull.class, () -> q.putNowait(2))));
            events.add(state(q));
            return null;
        });
        assertEquals(List.of("put 0 size=1", "put 1 size=2", "c0 got 0", "c1 got 1", "put 2 size=1", "put 3 size=2",
                "c0 got 2", "c1 got 3", "put 4 size=1", "producer join", "c0 got 4", "c1 got null", "c0 got null",
                "joined", "full=false size=1", "QueueFull()", "<Queue maxsize=2 _queue=[None, 1] tasks=2>"), events);
    }

    @Test
    @DisplayName("C41: PriorityQueue follows heapq exactly (tuples, ties); LifoQueue; QueueEmpty; taskDone too often")
    void priorityAndLifo() {
        PriorityQueue<Repr.Tuple> pq = new PriorityQueue<>();
        for (Repr.Tuple t : List.of(Repr.Tuple.of(3, "c"), Repr.Tuple.of(1, "a"), Repr.Tuple.of(2, "b"),
                Repr.Tuple.of(1, "z"), Repr.Tuple.of(0, "q"), Repr.Tuple.of(5, "e"))) {
            pq.putNowait(t);
        }
        assertEquals("<PriorityQueue maxsize=0 _queue=[(0, 'q'), (1, 'a'), (2, 'b'), (3, 'c'), (1, 'z'), (5, 'e')] tasks=6>",
                state(pq));
        List<Object> popped = new ArrayList<>();
        while (!pq.empty()) {
            popped.add(pq.getNowait());
        }
        assertEquals("[(0, 'q'), (1, 'a'), (1, 'z'), (2, 'b'), (3, 'c'), (5, 'e')]", Repr.repr(popped));

        // Items equal by the comparator leave in heapq's order (java.util.PriorityQueue differs).
        record Item(int p, String n) {
            @Override
            public String toString() {
                return p + n;
            }
        }
        PriorityQueue<Item> ties = new PriorityQueue<>(0, Comparator.comparingInt(Item::p));
        for (String s : "2a 1b 2c 1d 2e 1f 2g 1h 0i".split(" ")) {
            ties.putNowait(new Item(s.charAt(0) - '0', s.substring(1)));
        }
        assertEquals("[0i, 1b, 1f, 1d, 2e, 2c, 2g, 2a, 1h]", ties.storage().toString());
        List<Item> out = new ArrayList<>();
        while (!ties.empty()) {
            out.add(ties.getNowait());
            if (out.size() == 3) {
                ties.putNowait(new Item(1, "x"));
            }
        }
        assertEquals("[0i, 1f, 1h, 1b, 1x, 1d, 2c, 2g, 2e, 2a]", out.toString());

        LifoQueue<Integer> lq = new LifoQueue<>();
        for (int i = 0; i < 4; i++) {
            lq.putNowait(i);
        }
        List<Integer> lifo = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lifo.add(lq.getNowait());
        }
        assertEquals(Arrays.asList(3, 2, 1, 0), lifo);
        assertEquals("QueueEmpty()", Repr.repr(assertThrows(QueueEmpty.class, lq::getNowait)));
        for (int i = 0; i < 4; i++) {
            lq.taskDone();
        }
        assertEquals("task_done() called too many times",
                assertThrows(IllegalArgumentException.class, lq::taskDone).getMessage());
    }

    @Test
    @DisplayName("C41: a woken Queue getter that is cancelled passes the item on to the next getter")
    void cancelledWokenGetter() {
        run(() -> {
            Queue<String> q = new Queue<>();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int id = i;
                ts.add(loop.createTask(Coroutine.of(() -> {
                    try {
                        events.add(id + " got " + q.get());
                    } catch (CancelledError e) {
                        events.add(id + " cancelled");
                        throw e;
                    }
                })));
            }
            Asyncio.sleep(0);
            q.putNowait("only");
            ts.get(0).cancel();
            Asyncio.sleep(0);
            Asyncio.sleep(0);
            events.add(ts.get(1).done() + " size=" + q.qsize());
            return null;
        });
        assertEquals(List.of("1 cancelled", "2 got only", "true size=0"), events);
    }
}
