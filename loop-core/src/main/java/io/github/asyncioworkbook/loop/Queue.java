package io.github.asyncioworkbook.loop;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * A first-in first-out queue for producer and consumer coroutines: asyncio's
 * {@code asyncio.Queue}. With a {@code maxsize} above zero, {@link #put} waits while the queue is
 * full; {@link #get} waits while it is empty. {@link #taskDone()} and {@link #join()} let a
 * producer wait until every item has been processed. Items may be {@code null} (Python's
 * {@code None}, a common stop signal).
 *
 * <p><b>Guarantees</b> (CPython 3.11):
 * <ul>
 * <li>Waiting getters (and putters) are woken one per item (per free slot), in the order they
 *     started waiting.</li>
 * <li>Not strictly fair: a woken getter only resumes on the next loop iteration; if another
 *     coroutine or callback takes the item first with {@link #getNowait()} (or {@link #get} on a
 *     non-empty queue), the woken getter finds the queue empty and waits again at the back of the
 *     line. The same holds for putters.</li>
 * <li>Binds to the running loop the first time a coroutine has to wait.</li>
 * </ul>
 *
 * <p><b>Name.</b> This class shares its simple name with {@link java.util.Queue}; a wildcard
 * import of this package shadows the implicit {@code java.base} import of compact source files.
 *
 * <p>Not thread-safe: use it from its loop's coroutines and callbacks only.
 *
 * @param <T> the item type
 */
public sealed class Queue<T> permits PriorityQueue, LifoQueue {
    private final int maxsize;
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private final Event finished = new Event();
    private final LoopBinding binding = new LoopBinding();
    /** The items of a FIFO queue (subclasses keep theirs elsewhere). */
    private final LinkedList<T> items = new LinkedList<>();

    /** An unbounded queue ({@code asyncio.Queue()}). */
    public Queue() {
        this(0);
    }

    /**
     * A queue holding at most {@code maxsize} items ({@code asyncio.Queue(maxsize)}).
     *
     * @param maxsize the bound; zero or less means unbounded
     */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
        finished.set();
    }

    // --- storage: the FIFO here; PriorityQueue and LifoQueue override these (_init/_get/_put) ---

    /** Removes the next item ({@code _get}). Only called when the queue is not empty. */
    T takeItem() {
        return items.removeFirst();
    }

    /** Stores an item ({@code _put}). */
    void putItem(T item) {
        items.addLast(item);
    }

    /** The items in storage order, for the repr. */
    List<T> storage() {
        return items;
    }

    // --- public API ------------------------------------------------------------------------------

    /**
     * @return the number of items in the queue ({@code Queue.qsize()})
     */
    public int qsize() {
        return storage().size();
    }

    /**
     * @return the bound given at construction ({@code Queue.maxsize})
     */
    public int maxsize() {
        return maxsize;
    }

    /**
     * @return whether the queue holds no item ({@code Queue.empty()})
     */
    public boolean empty() {
        return storage().isEmpty();
    }

    /**
     * @return whether the queue holds {@code maxsize} items; never for an unbounded queue
     *     ({@code Queue.full()})
     */
    public boolean full() {
        return maxsize > 0 && qsize() >= maxsize;
    }

    /**
     * Puts an item, first waiting while the queue is full: {@code await queue.put(item)}.
     *
     * @param item the item ({@code null} allowed)
     * @throws CancelledError if the calling task is cancelled while waiting; the item is then not
     *     added
     * @throws IllegalStateException outside a coroutine (when it has to wait), or if bound to
     *     another loop
     */
    public void put(T item) {
        while (full()) {
            Future<Void> putter = binding.get(this).createFuture();
            putters.addLast(putter);
            try {
                putter.await();
            } catch (Throwable e) {
                putter.cancel();
                putters.remove(putter);
                if (!full() && !putter.cancelled()) {
                    // Woken but leaving: pass the free slot on.
                    wakeupNext(putters);
                }
                throw e;
            }
        }
        putNowait(item);
    }

    /**
     * Puts an item without waiting: {@code queue.put_nowait(item)}. Wakes the first waiting
     * getter.
     *
     * @param item the item ({@code null} allowed)
     * @throws QueueFull if the queue is full
     */
    public void putNowait(T item) {
        if (full()) {
            throw new QueueFull();
        }
        putItem(item);
        unfinishedTasks++;
        finished.clear();
        wakeupNext(getters);
    }

    /**
     * Removes and returns an item, first waiting while the queue is empty:
     * {@code await queue.get()}.
     *
     * @return the item
     * @throws CancelledError if the calling task is cancelled while waiting
     * @throws IllegalStateException outside a coroutine (when it has to wait), or if bound to
     *     another loop
     */
    public T get() {
        while (empty()) {
            Future<Void> getter = binding.get(this).createFuture();
            getters.addLast(getter);
            try {
                getter.await();
            } catch (Throwable e) {
                getter.cancel();
                getters.remove(getter);
                if (!empty() && !getter.cancelled()) {
                    // Woken but leaving: pass the item on to the next getter.
                    wakeupNext(getters);
                }
                throw e;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns an item without waiting: {@code queue.get_nowait()}. Wakes the first
     * waiting putter.
     *
     * @return the item
     * @throws QueueEmpty if the queue is empty
     */
    public T getNowait() {
        if (empty()) {
            throw new QueueEmpty();
        }
        T item = takeItem();
        wakeupNext(putters);
        return item;
    }

    /**
     * Tells the queue that an item taken with {@link #get} has been processed:
     * {@code queue.task_done()}. When every item put has been processed, {@link #join()} returns.
     *
     * @throws IllegalArgumentException {@code "task_done() called too many times"} (Python's
     *     ValueError)
     */
    public void taskDone() {
        if (unfinishedTasks <= 0) {
            throw new IllegalArgumentException("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Waits until every item put into the queue has been processed ({@link #taskDone()}):
     * {@code await queue.join()}. Returns at once if nothing is unfinished.
     *
     * @throws CancelledError if the calling task is cancelled while waiting
     */
    public void join() {
        if (unfinishedTasks > 0) {
            finished.await();
        }
    }

    private static void wakeupNext(ArrayDeque<Future<Void>> waiters) {
        while (!waiters.isEmpty()) {
            Future<Void> waiter = waiters.pollFirst();
            if (!waiter.done()) {
                waiter.setResult(null);
                break;
            }
        }
    }

    /**
     * asyncio's repr: {@code <Queue at 0x1b6d3586 maxsize=0 _queue=[1, 2] _getters[1] tasks=2>}
     * (the class name is the subclass's, e.g. {@code LifoQueue}).
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<").append(getClass().getSimpleName())
                .append(" at 0x").append(Integer.toHexString(System.identityHashCode(this)))
                .append(" maxsize=").append(maxsize);
        if (!storage().isEmpty()) {
            s.append(" _queue=").append(Repr.repr(new ArrayList<>(storage())));
        }
        if (!getters.isEmpty()) {
            s.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            s.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks != 0) {
            s.append(" tasks=").append(unfinishedTasks);
        }
        return s.append('>').toString();
    }
}
