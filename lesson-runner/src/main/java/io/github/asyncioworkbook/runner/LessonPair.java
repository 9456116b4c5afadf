package io.github.asyncioworkbook.runner;

/**
 * A server lesson and the client lesson that talks to it, verified together as a reader runs them
 * in two terminals ({@link PairRun}). The lesson list names a pair on one line,
 * {@code   - EchoServerProtocol + EchoClientProtocol} (server first); both are ordinary lessons of
 * their chapter otherwise (catalog, site, CPython comparison), but neither is run alone.
 *
 * <p>What the two programs must do: the server takes the port as its first argument, prints a line
 * naming it once it listens (its ready line, see {@link PairRun#readyLine}) and runs until Ctrl-C
 * (SIGINT); the client takes the same port as its first argument and exits when done.
 *
 * @param server the server lesson
 * @param client the client lesson
 */
public record LessonPair(Lesson server, Lesson client) {

    /** {@return {@code chapter/Server + Client}, for messages} */
    public String id() {
        return server.id() + " + " + client.name();
    }

    /**
     * {@return whether {@code lesson} is one side of this pair}
     *
     * @param lesson a lesson
     */
    public boolean contains(Lesson lesson) {
        return server.equals(lesson) || client.equals(lesson);
    }

    @Override
    public String toString() {
        return id();
    }
}
