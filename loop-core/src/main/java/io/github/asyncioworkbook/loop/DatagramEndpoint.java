package io.github.asyncioworkbook.loop;

/**
 * What {@link EventLoop#createDatagramEndpoint} returns: asyncio's {@code (transport, protocol)}
 * pair.
 *
 * @param transport the endpoint's transport
 * @param protocol the protocol the factory made, already told {@code connectionMade}
 * @param <P> the protocol type
 */
public record DatagramEndpoint<P extends DatagramProtocol>(DatagramTransport transport, P protocol) {
}
