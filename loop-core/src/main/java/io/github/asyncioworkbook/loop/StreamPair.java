package io.github.asyncioworkbook.loop;

/**
 * What {@link Asyncio#openConnection} returns: asyncio's {@code (reader, writer)} pair.
 *
 * @param reader reads what the peer sends
 * @param writer writes to the peer
 */
public record StreamPair(StreamReader reader, StreamWriter writer) {
}
