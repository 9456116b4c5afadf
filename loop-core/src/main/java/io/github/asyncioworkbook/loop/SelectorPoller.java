package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The poller of a loop with I/O: one {@link Selector} where the loop's thread blocks, asyncio's
 * {@code BaseSelectorEventLoop} selector together with {@code _add_reader}, {@code _remove_reader},
 * {@code _add_writer}, {@code _remove_writer} and {@code _process_events}. The loop creates it on
 * the first registration (see {@code DESIGN.md}), so loops without I/O hold no selector.
 *
 * <p>Guarantees:
 * <ul>
 * <li>At most one reader and one writer {@link Handle} per channel; registering another replaces
 *     (and cancels) the previous one, as asyncio does.</li>
 * <li>{@link #poll} appends the reader, then the writer handle of each selected channel to the
 *     loop's ready queue, after the callbacks already there; a cancelled handle is removed instead
 *     of run.</li>
 * <li>{@link #wakeup} from any thread makes the current or next {@code select} return.</li>
 * <li>A channel whose interest drops to nothing keeps its selection key with an empty interest set
 *     (re-registering a channel whose key was just cancelled fails in java.nio until the next
 *     select); the key goes when the channel or the loop is closed.</li>
 * </ul>
 *
 * <p>Threading: everything but {@link #wakeup} is called by the thread running loop code only,
 * so no lock is taken.
 */
final class SelectorPoller implements Poller {
    /** What the selector holds per channel: asyncio's {@code key.data = (reader, writer)}. */
    private static final class Interest {
        Handle reader;
        Handle writer;
    }

    private final Selector selector;
    private final Consumer<Handle> ready;
    /** Told +1 when a channel gains its first reader or writer, -1 when it loses its last. */
    private final IntConsumer activity;
    private final Consumer<SelectionKey> processKey = this::process;
    private boolean interrupted;

    /**
     * @param ready where selected handles go (the loop's ready queue)
     * @param activity told +1/-1 as channels start and stop waiting for I/O (outside work)
     */
    SelectorPoller(Consumer<Handle> ready, IntConsumer activity) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.ready = ready;
        this.activity = activity;
    }

    @Override
    public void poll(double seconds) {
        try {
            if (seconds <= 0) {
                selector.selectNow(processKey);
            } else if (Double.isInfinite(seconds) || seconds >= Long.MAX_VALUE / 1000.0) {
                selector.select(processKey);
            } else {
                // select(0) would block forever: never round a short wait down to 0 ms.
                selector.select(processKey, Math.max(1L, (long) Math.ceil(seconds * 1000)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("select failed", e);
        }
        if (Thread.interrupted()) {
            interrupted = true;
        }
    }

    /** asyncio's {@code _process_events} for one selected key. */
    private void process(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        Interest interest = (Interest) key.attachment();
        int ops = key.readyOps();
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && interest.reader != null) {
            if (interest.reader.cancelled()) {
                removeReader(key.channel());
            } else {
                ready.accept(interest.reader);
            }
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && interest.writer != null) {
            if (interest.writer.cancelled()) {
                removeWriter(key.channel());
            } else {
                ready.accept(interest.writer);
            }
        }
    }

    /**
     * Calls {@code handle} whenever {@code channel} is readable (or, for a server channel, has a
     * connection to accept): asyncio's {@code _add_reader}. Replaces and cancels an earlier reader.
     *
     * @param channel a non-blocking channel
     * @param handle the callback
     */
    void addReader(SelectableChannel channel, Handle handle) {
        Interest interest = interestOf(channel);
        Handle previous = interest.reader;
        interest.reader = handle;
        update(channel, interest, previous != null || interest.writer != null);
        if (previous != null) {
            previous.cancel();
        }
    }

    /**
     * Calls {@code handle} whenever {@code channel} is writable (or its pending connect has
     * finished): asyncio's {@code _add_writer}. Replaces and cancels an earlier writer.
     *
     * @param channel a non-blocking channel
     * @param handle the callback
     */
    void addWriter(SelectableChannel channel, Handle handle) {
        Interest interest = interestOf(channel);
        Handle previous = interest.writer;
        interest.writer = handle;
        update(channel, interest, previous != null || interest.reader != null);
        if (previous != null) {
            previous.cancel();
        }
    }

    /**
     * asyncio's {@code _remove_reader}.
     *
     * @param channel the channel
     * @return whether a reader was registered (it is cancelled)
     */
    boolean removeReader(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !(key.attachment() instanceof Interest interest) || interest.reader == null) {
            return false;
        }
        Handle reader = interest.reader;
        interest.reader = null;
        update(channel, interest, true);
        reader.cancel();
        return true;
    }

    /**
     * asyncio's {@code _remove_writer}.
     *
     * @param channel the channel
     * @return whether a writer was registered (it is cancelled)
     */
    boolean removeWriter(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        if (key == null || !(key.attachment() instanceof Interest interest) || interest.writer == null) {
            return false;
        }
        Handle writer = interest.writer;
        interest.writer = null;
        update(channel, interest, true);
        writer.cancel();
        return true;
    }

    /**
     * @param channel a channel
     * @return whether a reader is registered for it (for reprs: {@code read=polling})
     */
    boolean hasReader(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        return key != null && key.attachment() instanceof Interest i && i.reader != null;
    }

    /**
     * @param channel a channel
     * @return whether a writer is registered for it (for reprs: {@code write=<polling ...>})
     */
    boolean hasWriter(SelectableChannel channel) {
        SelectionKey key = channel.keyFor(selector);
        return key != null && key.attachment() instanceof Interest i && i.writer != null;
    }

    private Interest interestOf(SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking: " + channel);
        }
        SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            return (Interest) key.attachment();
        }
        try {
            return (Interest) channel.register(selector, 0, new Interest()).attachment();
        } catch (ClosedChannelException e) {
            throw new IllegalArgumentException("the socket is closed: " + channel, e);
        }
    }

    /** Sets the key's interest from its handles and reports channels starting or stopping to wait. */
    private void update(SelectableChannel channel, Interest interest, boolean wasActive) {
        SelectionKey key = channel.keyFor(selector);
        int ops = 0;
        if (interest.reader != null) {
            ops |= channel.validOps() & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if (interest.writer != null) {
            ops |= channel instanceof SocketChannel s && s.isConnectionPending()
                    ? SelectionKey.OP_CONNECT : channel.validOps() & SelectionKey.OP_WRITE;
        }
        if (key != null && key.isValid()) {
            key.interestOps(ops);
        }
        boolean active = interest.reader != null || interest.writer != null;
        if (active != wasActive) {
            activity.accept(active ? 1 : -1);
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public boolean takeInterrupt() {
        boolean i = interrupted;
        interrupted = false;
        return i;
    }

    /** Records an interrupt taken over from the poller this one replaced. */
    void carryInterrupt(boolean wasInterrupted) {
        interrupted |= wasInterrupted;
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the selector", e);
        }
    }
}
