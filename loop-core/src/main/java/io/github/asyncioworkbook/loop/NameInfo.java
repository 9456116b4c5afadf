package io.github.asyncioworkbook.loop;

/**
 * What {@link EventLoop#getnameinfo} answers: Python's {@code (host, port)} pair of strings.
 *
 * @param host    the host name, or the literal address when it has none (or with
 *                {@link SocketConstants#NI_NUMERICHOST})
 * @param service the service name of the port (e.g. {@code https}), or the port number as text
 */
public record NameInfo(String host, String service) {

    /** Python's repr of the tuple, e.g. {@code ('n821.com', 'https')}. */
    @Override
    public String toString() {
        return "(" + Repr.stringRepr(host) + ", " + Repr.stringRepr(service) + ")";
    }
}
