package io.github.asyncioworkbook.loop;

/**
 * What {@link EventLoop#createConnection} returns: asyncio's {@code (transport, protocol)} pair.
 *
 * @param transport the connection's transport
 * @param protocol the protocol the factory made, already told {@code connectionMade}
 * @param <P> the protocol type
 */
public record Connection<P extends BaseProtocol>(Transport transport, P protocol) {
}
