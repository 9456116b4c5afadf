package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * The tasks of one loop that are not done, in creation order: what {@code asyncio.all_tasks()}
 * reports and what {@code close()} unwinds. An intrusive doubly linked list through
 * {@link Task#prevPending}/{@link Task#nextPending}: adding and removing cost two pointer writes and
 * no allocation, which matters at 100k tasks.
 *
 * <p>Invariant: a task is linked iff it was added and not yet removed; {@code head} is the oldest.
 * Owned by the loop's thread.
 */
final class PendingTasks {
    private Task<?> head;
    private Task<?> tail;
    private int size;

    void add(Task<?> t) {
        if (t.pendingLinked) {
            return;
        }
        t.pendingLinked = true;
        t.prevPending = tail;
        t.nextPending = null;
        if (tail == null) {
            head = t;
        } else {
            tail.nextPending = t;
        }
        tail = t;
        size++;
    }

    void remove(Task<?> t) {
        if (!t.pendingLinked) {
            return;
        }
        t.pendingLinked = false;
        Task<?> p = t.prevPending;
        Task<?> n = t.nextPending;
        if (p == null) {
            head = n;
        } else {
            p.nextPending = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prevPending = p;
        }
        t.prevPending = null;
        t.nextPending = null;
        size--;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** {@return the pending tasks, oldest first, as a copy} */
    List<Task<?>> snapshot() {
        List<Task<?>> all = new ArrayList<>(size);
        for (Task<?> t = head; t != null; t = t.nextPending) {
            all.add(t);
        }
        return all;
    }
}
