package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Queue} that returns the most recently added item first: asyncio's
 * {@code asyncio.LifoQueue}. Waiting, waking and {@code join()} work as in {@link Queue}.
 *
 * @param <T> the item type
 */
public final class LifoQueue<T> extends Queue<T> {
    private final ArrayList<T> stack = new ArrayList<>();

    /** An unbounded LIFO queue ({@code asyncio.LifoQueue()}). */
    public LifoQueue() {
        this(0);
    }

    /**
     * A LIFO queue holding at most {@code maxsize} items.
     *
     * @param maxsize the bound; zero or less means unbounded
     */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    T takeItem() {
        return stack.removeLast();
    }

    @Override
    void putItem(T item) {
        stack.add(item);
    }

    @Override
    List<T> storage() {
        return stack;
    }
}
