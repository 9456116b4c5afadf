package io.github.asyncioworkbook.loop;

import java.util.List;
import java.util.StringJoiner;

/**
 * A done callback that one of asyncio's functions makes for itself, named in reprs as asyncio names
 * it: a closure such as gather's {@code _done_callback} ({@code gather.<locals>._done_callback() at
 * tasks.py:764}), or a {@code functools.partial} such as wait_for's
 * {@code partial(_release_waiter, waiter)} ({@code _release_waiter(<Future pendi...ask_wakeup()]>)() at
 * tasks.py:431}).
 *
 * <p>loop-core writes such callbacks as lambdas or bound method references, which on their own would
 * print as {@code <lambda>()} or without a place. This wrapper carries the Java-style name
 * ({@code gather.doneCallback}, {@code releaseWaiter}) and the partial's bound arguments; the place is
 * read from the lambda or method reference given (the line of the lambda, or the declaration of the
 * method). Arguments are shown
 * with {@link Repr#shortRepr}, as asyncio formats them with {@code reprlib.repr}.
 *
 * <p>Equality is identity, so that {@link Future#removeDoneCallback} removes exactly the callback
 * that was added.
 *
 * @param <T> the result type of the futures it is added to
 */
final class LocalCallback<T> implements DoneCallback<T> {

    private final String name;
    private final List<Object> partialArgs;
    private final Object placeOf;
    private final DoneCallback<T> body;

    private LocalCallback(String name, List<Object> partialArgs, Object placeOf, DoneCallback<T> body) {
        this.name = name;
        this.partialArgs = partialArgs;
        this.placeOf = placeOf;
        this.body = body;
    }

    /** A closure named {@code name}, e.g. {@code gather.doneCallback}, placed where {@code body} is. */
    static <T> LocalCallback<T> closure(String name, DoneCallback<T> body) {
        return new LocalCallback<>(name, null, body, body);
    }

    /**
     * {@code functools.partial(function, arg)}: a callback that runs {@code function(arg)}, named and
     * placed as {@code function} (a method reference), with the bound argument shown.
     */
    static <T, A> LocalCallback<T> partial(Callback.Arg1<A> function, A arg) {
        return new LocalCallback<>(FunctionInfo.of(function).name(), List.of(arg), function, f -> function.run(arg));
    }

    @Override
    public void accept(Future<T> future) throws Exception {
        body.accept(future);
    }

    /** {@code name() at File.java:LINE}, or {@code name(arg, ...)() at ...} for a partial: its entry in a future's callback list. */
    String describe() {
        return describe(new Object[0]);
    }

    /**
     * As asyncio's {@code format_helpers._format_callback}: the name, a partial's bound arguments, the
     * call's arguments ({@code callArgs}, e.g. the future in a handle that runs this callback), then
     * the place.
     */
    String describe(Object[] callArgs) {
        StringBuilder s = new StringBuilder(name);
        if (partialArgs != null) {
            s.append(arguments(partialArgs.toArray()));
        }
        s.append(arguments(callArgs));
        FunctionInfo place = FunctionInfo.of(placeOf);
        if (place.fileName() != null && place.declarationLine() > 0) {
            s.append(" at ").append(place.fileName()).append(':').append(place.declarationLine());
        }
        return s.toString();
    }

    private static String arguments(Object[] args) {
        StringJoiner a = new StringJoiner(", ", "(", ")");
        for (Object arg : args == null ? new Object[0] : args) {
            a.add(Repr.shortRepr(arg));
        }
        return a.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
