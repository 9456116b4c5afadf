package io.github.asyncioworkbook.loop.internal;

/**
 * Rethrows checked exceptions without wrapping them, so that {@code await} raises exactly the
 * exception the awaited future holds, as Python does.
 */
public final class Sneaky {
    private Sneaky() {
    }

    public interface Call<T> {
        T call() throws Exception;
    }

    public static <T> T call(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    /** Throws {@code t} as is; declared to return so callers can write {@code throw rethrow(t)}. */
    public static RuntimeException rethrow(Throwable t) {
        return Sneaky.<RuntimeException>raise(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E raise(Throwable t) throws E {
        throw (E) t;
    }
}
