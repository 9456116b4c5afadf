package io.github.asyncioworkbook.loop;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A pool of child processes that run jobs: Python's {@code concurrent.futures.ProcessPoolExecutor}.
 * Each worker is a child JVM (same {@code java}, same class path) running {@link ProcessPoolWorker};
 * a job travels to it by Java serialization, as Python pickles it, so it must be a {@link Job}
 * (a {@code Serializable} {@code Callable}) whose captured values are serializable, and its class
 * must be on the class path (a lesson's static method is). Jobs run in parallel with their own
 * process ids, which is the point of the pool: no shared memory, no GIL (or JIT warm-up) shared.
 *
 * <p>Why child JVMs: Java has no process pool, a JVM cannot fork itself, and a library would only
 * wrap the same {@code ProcessBuilder}; a child JVM per worker is the smallest sound way. Its cost
 * is start-up time (a few hundred milliseconds per worker, paid once when the first job arrives,
 * as Python's fork-based pool starts all its workers then).
 *
 * <p>Use with {@link EventLoop#runInExecutor}, giving a {@link #job}. As in Python, unfinished jobs
 * keep the program alive ({@link ExitKeeper}); the children end when the pool shuts down, or when
 * this JVM exits, since their stdin closes.
 */
public final class ProcessPool extends AbstractExecutorService {
    private static final PoolMembers<Process> MEMBERS = new PoolMembers<>((p, nanos) -> p.waitFor(nanos, TimeUnit.NANOSECONDS), Process::isAlive);
    /**
     * A job for a child process: {@code Callable} and {@code Serializable}, so that a lambda
     * written as a {@code Job} can be sent (Python's picklable callable).
     *
     * @param <T> result type
     */
    @FunctionalInterface
    public interface Job<T> extends Callable<T>, Serializable {
    }

    /**
     * Makes a lambda a serializable job: {@code loop.runInExecutor(pool, ProcessPool.job(() -> blocks(n)))}.
     *
     * @param job the lambda
     * @param <T> result type
     * @return {@code job}
     */
    public static <T> Job<T> job(Job<T> job) {
        return job;
    }

    private record Queued(Job<?> job, ConcurrentFuture<Object> future) {
    }

    private static final Queued STOP = new Queued(null, null);

    private final int maxWorkers;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    /** Guarded by {@code this}. */
    private final List<Process> children = new ArrayList<>();
    private final List<Thread> feeders = new ArrayList<>();
    private boolean shutdown;
    private final ExitKeeper keeper = new ExitKeeper("ProcessPool-exit-keeper");

    /** {@code ProcessPoolExecutor()}: one worker per CPU. */
    public ProcessPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@code ProcessPoolExecutor(max_workers=maxWorkers)}.
     *
     * @param maxWorkers how many child processes
     */
    public ProcessPool(int maxWorkers) {
        if (maxWorkers <= 0) {
            throw new IllegalArgumentException("max_workers must be greater than 0");
        }
        this.maxWorkers = maxWorkers;
    }

    /**
     * Sends {@code job} to a child process: {@code executor.submit(fn)}.
     *
     * @param job the job
     * @param <T> result type
     * @return its future
     * @throws RejectedExecutionException {@code "cannot schedule new futures after shutdown"}
     */
    @SuppressWarnings("unchecked")
    public <T> ConcurrentFuture<T> submitJob(Job<T> job) {
        ConcurrentFuture<T> future = new ConcurrentFuture<>();
        synchronized (this) {
            if (shutdown) {
                throw new RejectedExecutionException("cannot schedule new futures after shutdown");
            }
            if (children.isEmpty()) {
                startWorkers();
            }
            queue.add(new Queued(job, (ConcurrentFuture<Object>) future));
            keeper.jobQueued();
        }
        return future;
    }

    /**
     * Runs a {@code Serializable} runnable in a child.
     *
     * @param command a {@link Runnable} that is also {@link Serializable}
     * @throws RejectedExecutionException for any other runnable, or after shutdown
     */
    @Override
    public void execute(Runnable command) {
        if (!(command instanceof Serializable)) {
            throw new RejectedExecutionException("a ProcessPool runs only Serializable jobs (Python: cannot pickle): " + command);
        }
        Runnable r = command;
        submitJob((Job<Object> & Serializable) () -> {
            r.run();
            return null;
        });
    }

    private void startWorkers() {
        for (int i = 0; i < maxWorkers; i++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(Log.configAsProperties());
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(ProcessPoolWorker.class.getName());
            Process child;
            try {
                child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException e) {
                throw new RejectedExecutionException("cannot start a worker process: " + e.getMessage(), e);
            }
            children.add(child);
            Thread feeder = Thread.ofPlatform().daemon().name("ProcessPool-feeder-" + child.pid()).start(() -> feed(child));
            feeders.add(feeder);
        }
    }

    /** One child's feeder: takes jobs from the queue, sends them, reads the outcomes. */
    private void feed(Process child) {
        try (ObjectOutputStream toChild = new ObjectOutputStream(child.getOutputStream())) {
            toChild.flush();
            ObjectInputStream fromChild = new ObjectInputStream(child.getInputStream());
            for (;;) {
                Queued q = queue.take();
                if (q == STOP) {
                    queue.add(STOP);
                    return;
                }
                if (!q.future().setRunningOrNotifyCancel()) {
                    keeper.jobsEnded(1);
                    continue;
                }
                try {
                    toChild.writeObject(q.job());
                    toChild.reset();
                    toChild.flush();
                    ProcessPoolWorker.Outcome o = (ProcessPoolWorker.Outcome) fromChild.readObject();
                    if (o.error() != null) {
                        q.future().completeExceptionally(o.error());
                    } else {
                        q.future().complete(o.value());
                    }
                } catch (IOException | ClassNotFoundException | RuntimeException e) {
                    q.future().completeExceptionally(new IllegalStateException(
                            "A process in the process pool was terminated abruptly while the future was running or pending.", e));
                    return;
                } finally {
                    keeper.jobsEnded(1);
                }
            }
        } catch (IOException e) {
            // the child died before it could take a job
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@return the process ids of the workers started so far} */
    public synchronized List<Long> pids() {
        return children.stream().map(Process::pid).toList();
    }

    @Override
    public synchronized void shutdown() {
        if (!shutdown) {
            shutdown = true;
            queue.add(STOP);
        }
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        List<Queued> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        dropped.remove(STOP);
        keeper.jobsEnded(dropped.size());
        for (Queued q : dropped) {
            q.future().cancel(false);
        }
        shutdown();
        children.forEach(Process::destroyForcibly);
        return List.of();
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        List<Process> started;
        synchronized (this) {
            if (!shutdown) {
                return false;
            }
            started = List.copyOf(children);
        }
        return MEMBERS.noneAlive(started);
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        List<Process> started;
        synchronized (this) {
            started = List.copyOf(children);
        }
        return MEMBERS.awaitAll(started, timeout, unit) && isTerminated();
    }
}
