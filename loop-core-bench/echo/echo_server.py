"""Echo servers for ./bench-echo on CPython asyncio or uvloop: the same three flavours as
loop-core's (protocol, streams, sock_* calls). Prints 'ready <port>' once listening.

usage: echo_server.py {protocol|streams|sockets} PORT [--uvloop]
"""
import asyncio
import socket
import sys


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def stream_echo(reader, writer):
    while True:
        data = await reader.read(256 * 1024)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()


async def sock_echo(loop, conn):
    with conn:
        while True:
            data = await loop.sock_recv(conn, 256 * 1024)
            if not data:
                break
            await loop.sock_sendall(conn, data)


async def main(flavour, port):
    loop = asyncio.get_running_loop()
    if flavour == 'protocol':
        server = await loop.create_server(EchoProtocol, '127.0.0.1', port)
        print('ready', port, flush=True)
        await server.serve_forever()
    elif flavour == 'streams':
        server = await asyncio.start_server(stream_echo, '127.0.0.1', port)
        print('ready', port, flush=True)
        await server.serve_forever()
    elif flavour == 'sockets':
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(('127.0.0.1', port))
        listener.listen(128)
        listener.setblocking(False)
        print('ready', port, flush=True)
        while True:
            conn, _ = await loop.sock_accept(listener)
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            loop.create_task(sock_echo(loop, conn))
    else:
        sys.exit('unknown flavour ' + flavour)


if __name__ == '__main__':
    if '--uvloop' in sys.argv:
        import uvloop
        uvloop.install()
    try:
        asyncio.run(main(sys.argv[1], int(sys.argv[2])))
    except KeyboardInterrupt:
        pass
