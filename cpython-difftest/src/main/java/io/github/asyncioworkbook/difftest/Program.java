package io.github.asyncioworkbook.difftest;

import java.util.List;

/**
 * One generated asyncio program, as a model that renders both to Python ({@link PythonRenderer}) and to
 * Java on loop-core ({@link JavaRenderer}).
 *
 * <p>The program has worker coroutine functions {@code w0 .. wK} taking an int argument, a
 * {@code main} coroutine run by {@code asyncio.run}, and shared state: task slots {@code T[i]},
 * futures {@code F[i]} (created when main starts), one Lock, Event, Condition, Semaphore and Queue.
 *
 * @param name the class / module name, e.g. {@code P42}
 * @param seed the seed the generator started from
 * @param workers the worker coroutine functions; worker k only calls workers below k
 * @param main main's statements
 * @param futures how many futures main creates first
 * @param semaphoreValue the Semaphore's initial value
 * @param queueSize the Queue's maxsize (0: unbounded)
 * @param watchdog whether main starts a timer that cancels main every 1000 virtual seconds while main
 *     is not done, at most {@link #WATCHDOG_SHOTS} times, so that a program whose main waits for something that never comes still ends, the
 *     same way in both. What still waits forever once main is done (at asyncio.run's shutdown) is a
 *     deadlock; the Python driver and the Java side both report it (line {@code DEADLOCK})
 */
public record Program(String name, long seed, List<Worker> workers, List<Op> main, int futures,
                      int semaphoreValue, int queueSize, boolean watchdog) {

    /** How many times the watchdog cancels main at most (a main that swallows every cancel must end too). */
    public static final int WATCHDOG_SHOTS = 3;

    /** The number of task slots {@code T[i]}. */
    public static final int TASK_SLOTS = 6;

    public Program {
        workers = List.copyOf(workers);
        main = List.copyOf(main);
    }

    /** The same program under another class name (each compiled variant needs its own). */
    public Program named(String newName) {
        return new Program(newName, seed, workers, main, futures, semaphoreValue, queueSize, watchdog);
    }

    /**
     * A worker coroutine function {@code async def wK(n)}.
     *
     * @param id K
     * @param body its statements
     * @param raises whether it ends by raising {@code Boom('wK:n')} instead of returning {@code 'wK:n'}
     */
    public record Worker(int id, List<Op> body, boolean raises) {
        public Worker {
            body = List.copyOf(body);
        }
    }
}
