"""The CPython 3.11.7 behaviour that TransportTest and StreamTest expect: protocol call order on
both sides of a connection, the warning on writes after the connection is lost, and the messages
of set_write_buffer_limits, LimitOverrunError, readline and IncompleteReadError.

Run with `python3 sockets_reference.py`; CPython 3.11.7 printed:

['server made', 'client made', 'returned', 'server data', 'server eof', 'server lost None', 'client eof', 'client lost None']
write 1
write 2
write 3
write 4
write 5
socket.send() raised exception.
write 6
socket.send() raised exception.
write 7
socket.send() raised exception.
high (1) must be >= low (2) must be >= 0
Separator is not found, and chunk exceed the limit 16
Separator is found, but chunk is longer than limit 10
ValueError Separator is found, but chunk is longer than limit
b'next\\n'
3 bytes read on a total of 5 expected bytes b'abc'
"""
import asyncio, logging
logging.basicConfig(level=logging.WARNING, format='%(message)s')
events = []
class P(asyncio.Protocol):
    def __init__(self, name): self.name = name
    def connection_made(self, t): events.append(self.name + ' made'); self.t = t
    def data_received(self, d): events.append(self.name + ' data')
    def eof_received(self): events.append(self.name + ' eof'); return False
    def connection_lost(self, e): events.append(self.name + ' lost ' + repr(e))
async def main():
    loop = asyncio.get_running_loop()
    srv = await loop.create_server(lambda: P('server'), '127.0.0.1', 0)
    port = srv.sockets[0].getsockname()[1]
    t, p = await loop.create_connection(lambda: P('client'), '127.0.0.1', port)
    events.append('returned')
    t.write(b'x'); t.write_eof()
    await asyncio.sleep(0.2)
    print(events)
    t, p = await loop.create_connection(lambda: P('client2'), '127.0.0.1', port)
    t.abort()
    await asyncio.sleep(0)
    for i in range(1, 8):
        print('write', i, flush=True)
        t.write(b'x')
    try:
        t.set_write_buffer_limits(1, 2)
    except ValueError as e: print(e)
    r = asyncio.StreamReader(limit=8); r.feed_data(b'0123456789abcdef')
    try: await r.readuntil(b'\n')
    except asyncio.LimitOverrunError as e: print(e, e.consumed)
    r = asyncio.StreamReader(limit=8); r.feed_data(b'0123456789\nnext\n')
    try: await r.readuntil(b'\n')
    except asyncio.LimitOverrunError as e: print(e, e.consumed)
    try: await r.readline()
    except ValueError as e: print('ValueError', e)
    print(await r.readline())
    r = asyncio.StreamReader(); r.feed_data(b'abc'); r.feed_eof()
    try: await r.readexactly(5)
    except asyncio.IncompleteReadError as e: print(e, e.partial)
    srv.close(); await srv.wait_closed()
asyncio.run(main())
