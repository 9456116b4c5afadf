package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Queue} that returns the smallest item first: asyncio's {@code asyncio.PriorityQueue}.
 * Waiting, waking and {@code join()} work as in {@link Queue}.
 *
 * <p>Items are kept in a binary heap managed exactly as Python's {@code heapq} does
 * ({@code heappush}/{@code heappop}), so items that compare equal come out in the same order as in
 * Python, and the repr shows the same {@code _queue} list. Without a comparator, items are
 * compared by their natural order, and {@link Repr.Tuple}s lexicographically like Python tuples,
 * which makes {@code Repr.Tuple.of(priority, data)} entries work as in Python.
 *
 * <p><b>Name.</b> This class shares its simple name with {@link java.util.PriorityQueue}; a
 * wildcard import of this package shadows the implicit {@code java.base} import of compact source
 * files.
 *
 * @param <T> the item type
 */
public final class PriorityQueue<T> extends Queue<T> {
    private final ArrayList<T> heap = new ArrayList<>();
    private final Comparator<? super T> comparator;

    /** An unbounded priority queue using the items' natural (Python-like) order. */
    public PriorityQueue() {
        this(0);
    }

    /**
     * A priority queue using the items' natural (Python-like) order.
     *
     * @param maxsize the bound; zero or less means unbounded
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, PriorityQueue::pythonOrder);
    }

    /**
     * A priority queue ordered by {@code comparator}.
     *
     * @param maxsize the bound; zero or less means unbounded
     * @param comparator decides which item is smaller
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize);
        this.comparator = Objects.requireNonNull(comparator, "comparator");
    }

    @Override
    T takeItem() {
        // heapq.heappop
        T last = heap.removeLast();
        if (heap.isEmpty()) {
            return last;
        }
        T top = heap.get(0);
        heap.set(0, last);
        siftUp(0);
        return top;
    }

    @Override
    void putItem(T item) {
        // heapq.heappush
        heap.add(item);
        siftDown(0, heap.size() - 1);
    }

    @Override
    List<T> storage() {
        return heap;
    }

    private boolean less(T a, T b) {
        return comparator.compare(a, b) < 0;
    }

    /** heapq._siftdown: moves the item at {@code pos} up towards {@code start}. */
    private void siftDown(int start, int pos) {
        T item = heap.get(pos);
        while (pos > start) {
            int parentPos = (pos - 1) >> 1;
            T parent = heap.get(parentPos);
            if (less(item, parent)) {
                heap.set(pos, parent);
                pos = parentPos;
                continue;
            }
            break;
        }
        heap.set(pos, item);
    }

    /** heapq._siftup: bubbles the smaller child up to a leaf, then sifts the item back down. */
    private void siftUp(int pos) {
        int end = heap.size();
        int start = pos;
        T item = heap.get(pos);
        int child = 2 * pos + 1;
        while (child < end) {
            int right = child + 1;
            if (right < end && !less(heap.get(child), heap.get(right))) {
                child = right;
            }
            heap.set(pos, heap.get(child));
            pos = child;
            child = 2 * pos + 1;
        }
        heap.set(pos, item);
        siftDown(start, pos);
    }

    /** Natural order, with tuples compared item by item as in Python. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int pythonOrder(Object a, Object b) {
        if (a instanceof Repr.Tuple ta && b instanceof Repr.Tuple tb) {
            List<Object> x = ta.items();
            List<Object> y = tb.items();
            int n = Math.min(x.size(), y.size());
            for (int i = 0; i < n; i++) {
                Object xi = x.get(i);
                Object yi = y.get(i);
                if (Objects.equals(xi, yi)) {
                    continue;
                }
                return pythonOrder(xi, yi);
            }
            return Integer.compare(x.size(), y.size());
        }
        if (a instanceof Number na && b instanceof Number nb
                && !(a instanceof Comparable && a.getClass() == b.getClass())) {
            return Double.compare(na.doubleValue(), nb.doubleValue());
        }
        if (a instanceof Comparable ca) {
            return ca.compareTo(b);
        }
        throw new ClassCastException("'<' not supported between instances of '"
                + a.getClass().getSimpleName() + "' and '" + b.getClass().getSimpleName() + "'");
    }
}
