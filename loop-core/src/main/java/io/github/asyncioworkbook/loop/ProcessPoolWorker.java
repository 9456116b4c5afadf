package io.github.asyncioworkbook.loop;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * The program each child JVM of a {@link ProcessPool} runs: Python's
 * {@code concurrent.futures.process._process_worker}. It reads serialized jobs from its stdin, runs
 * each, and writes back the result or the exception, until its stdin ends. Not meant to be started
 * by hand.
 *
 * <p>The child's stdout carries the results, so {@code System.out} in a job writes to the child's
 * stderr (which it shares with the parent), as does {@link Log}, configured as in the parent.
 */
public final class ProcessPoolWorker {
    /** What goes back to the parent: a result or an exception. */
    record Outcome(Object value, Throwable error) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private ProcessPoolWorker() {
    }

    /**
     * Runs jobs until stdin ends.
     *
     * @param args none
     * @throws IOException if the pipe to the parent fails
     */
    public static void main(String[] args) throws IOException {
        Log.configFromProperties();
        PrintStream results = new PrintStream(new FileOutputStream(FileDescriptor.out), false);
        System.setOut(System.err);
        ObjectOutputStream out = new ObjectOutputStream(results);
        out.flush();
        ObjectInputStream in = new ObjectInputStream(System.in);
        for (;;) {
            Object job;
            try {
                job = in.readObject();
            } catch (java.io.EOFException end) {
                return;
            } catch (ClassNotFoundException e) {
                out.writeObject(new Outcome(null, e));
                out.flush();
                continue;
            }
            Outcome outcome;
            try {
                outcome = new Outcome(((Callable<?>) job).call(), null);
            } catch (Throwable e) {
                outcome = new Outcome(null, e);
            }
            out.writeObject(outcome);
            out.reset();
            out.flush();
        }
    }
}
