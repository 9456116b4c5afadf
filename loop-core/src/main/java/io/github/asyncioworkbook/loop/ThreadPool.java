package io.github.asyncioworkbook.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of worker threads that runs submitted jobs in order: asyncio's (Python's)
 * {@code concurrent.futures.ThreadPoolExecutor}, which is also what an event loop's default executor
 * is. It starts threads the way Python's does, so that programs that log thread names print the
 * same names:
 * <ul>
 * <li>a thread is started for a new job only when no started thread is idle, up to
 *     {@code maxWorkers} (default {@code min(32, cpus + 4)});</li>
 * <li>threads are named {@code <prefix>_<n>} from 0 ({@code asyncio_0}, {@code asyncio_1} for the
 *     loop's default executor), or {@code ThreadPoolExecutor-<k>_<n>} without a prefix, {@code k}
 *     counting the pools made so far in this process;</li>
 * <li>{@link #shutdown()} lets queued jobs finish and then ends the threads;
 *     {@link #close()} (Python's {@code with} block) also waits for them.</li>
 * </ul>
 * As in Python, queued and running jobs keep the program alive until they finish, and idle
 * threads do not: workers are daemon threads, and an {@link ExitKeeper} holds the JVM while any job
 * is unfinished. Shutting the pool down (try-with-resources) ends the threads at once.
 */
public final class ThreadPool extends AbstractExecutorService {
    private static final PoolMembers<Thread> MEMBERS = new PoolMembers<>((t, nanos) -> t.join(java.time.Duration.ofNanos(nanos)), Thread::isAlive);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Placed in the queue by shutdown: each worker that takes it puts it back and ends. */
    private static final Runnable STOP = () -> { };

    private final int maxWorkers;
    private final String prefix;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Semaphore idle = new Semaphore(0);
    private final ExitKeeper keeper;
    /** Guarded by {@code this}. */
    private final List<Thread> threads = new ArrayList<>();
    /** Guarded by {@code this}. */
    private boolean shutdown;

    /** {@code ThreadPoolExecutor()}: {@code min(32, cpus + 4)} workers. */
    public ThreadPool() {
        this(0, null);
    }

    /**
     * {@code ThreadPoolExecutor(max_workers=maxWorkers)}.
     *
     * @param maxWorkers at most this many threads
     */
    public ThreadPool(int maxWorkers) {
        if (maxWorkers <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        this(maxWorkers, null);
    }

    /**
     * {@code ThreadPoolExecutor(max_workers, thread_name_prefix=prefix)}.
     *
     * @param maxWorkers at most this many threads; 0 for {@code min(32, cpus + 4)}
     * @param prefix thread names start with it; {@code null} or empty for {@code ThreadPoolExecutor-<k>}
     */
    public ThreadPool(int maxWorkers, String prefix) {
        if (maxWorkers < 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        this.maxWorkers = maxWorkers == 0 ? defaultMaxWorkers() : maxWorkers;
        int number = POOLS.getAndIncrement();
        this.prefix = prefix == null || prefix.isEmpty() ? "ThreadPoolExecutor-" + number : prefix;
        this.keeper = new ExitKeeper("ThreadPool-exit-keeper-" + this.prefix);
    }

    /** {@return Python's default {@code max_workers}: {@code min(32, os.cpu_count() + 4)}} */
    public static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /** {@return the most threads this pool starts} */
    public int maxWorkers() {
        return maxWorkers;
    }

    /**
     * Queues {@code job}; starts a thread for it if none is idle and the pool is not full
     * ({@code submit}, {@code _adjust_thread_count}).
     *
     * @param job the job
     * @throws RejectedExecutionException {@code "cannot schedule new futures after shutdown"}
     */
    @Override
    public void execute(Runnable job) {
        java.util.Objects.requireNonNull(job, "job");
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException("cannot schedule new futures after shutdown");
            }
            // Counted before a worker can take it: an idle worker may run the job and count it
            // ended before this thread goes on, which left the count at one too many and the JVM
            // held at exit forever (two executor jobs in a row were enough).
            keeper.jobQueued();
            queue.add(job);
            if (idle.tryAcquire()) {
                return;
            }
            if (threads.size() < maxWorkers) {
                Thread t = Thread.ofPlatform().name(prefix + "_" + threads.size()).daemon().unstarted(this::work);
                threads.add(t);
                t.start();
            }
        }
    }

    /** One worker: runs jobs until it takes the stop marker ({@code _worker}). */
    private void work() {
        WORKER_OF.set(this);
        for (;;) {
            Runnable job;
            try {
                job = queue.take();
            } catch (InterruptedException e) {
                continue;  // only shutdownNow interrupts, and it queues STOP first
            }
            if (job == STOP) {
                queue.add(STOP);
                return;
            }
            IDLE_EARLY.set(null);
            try {
                job.run();
            } catch (Throwable e) {
                Thread me = Thread.currentThread();
                me.getUncaughtExceptionHandler().uncaughtException(me, e);
            }
            Thread.interrupted();
            if (IDLE_EARLY.get() != this) {
                idle.release();
            }
            keeper.jobsEnded(1);
        }
    }

    /** Set on a worker thread by {@link #idleNow()}: its permit is already released. */
    private static final ThreadLocal<ThreadPool> IDLE_EARLY = new ThreadLocal<>();

    /**
     * Called by a job of this pool's worker thread just before it hands its outcome over: counts the
     * thread as idle now rather than after the job returns, so that a job submitted in reaction to
     * the outcome reuses this thread instead of starting another. CPython gets the same result from
     * its GIL (the worker releases its idle semaphore before the loop's thread runs again);
     * without this, thread names in lesson output would depend on timing. A no-op on other threads.
     */
    static void idleNow() {
        ThreadPool pool = WORKER_OF.get();
        if (pool != null && IDLE_EARLY.get() != pool) {
            IDLE_EARLY.set(pool);
            pool.idle.release();
        }
    }

    /** The pool a worker thread belongs to. */
    private static final ThreadLocal<ThreadPool> WORKER_OF = new ThreadLocal<>();

    /** Lets queued jobs finish, then ends the threads: {@code shutdown(wait=False)}. */
    @Override
    public synchronized void shutdown() {
        if (!shutdown) {
            shutdown = true;
            queue.add(STOP);
        }
    }

    /**
     * Drops the jobs not started yet, interrupts running ones and ends the threads:
     * {@code shutdown(wait=False, cancel_futures=True)} plus an interrupt.
     *
     * @return the jobs that never started
     */
    @Override
    public synchronized List<Runnable> shutdownNow() {
        List<Runnable> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        dropped.remove(STOP);
        keeper.jobsEnded(dropped.size());
        shutdown = true;
        queue.add(STOP);
        threads.forEach(Thread::interrupt);
        return dropped;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        List<Thread> started;
        synchronized (this) {
            if (!shutdown) {
                return false;
            }
            started = List.copyOf(threads);
        }
        return MEMBERS.noneAlive(started);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(threads);
        }
        return MEMBERS.awaitAll(started, timeout, unit) && isTerminated();
    }

    @Override
    public String toString() {
        synchronized (this) {
            return "<ThreadPool " + prefix + " threads=" + threads.size() + "/" + maxWorkers
                    + (shutdown ? " shutdown" : "") + ">";
        }
    }
}
