package io.github.asyncioworkbook.loop;

/**
 * What {@link EventLoop#subprocessExec} and {@link EventLoop#subprocessShell} return: asyncio's
 * {@code (transport, protocol)} pair.
 *
 * @param transport the child's transport
 * @param protocol the protocol the factory made, already told {@code connectionMade}
 * @param <P> the protocol type
 */
public record SubprocessConnection<P extends SubprocessProtocol>(SubprocessTransport transport, P protocol) {
}
