#!/usr/bin/env python3
"""A TCP relay that holds every chunk for DELAY seconds in each direction, so a connection through it
sees RTT = 2 x DELAY. Used by scripts/net-campaign because this kernel may lack sch_netem.

    delay-relay.py LISTEN_HOST LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_SECONDS [BYTES_PER_SECOND]

Order is kept (one queue per direction). BYTES_PER_SECOND, if given, paces each direction of each
connection to that rate: a link of its own for one path, where tc tbf on an interface would be shared by
every path through it (a node pushes at most one request at a time to each peer, so per connection is
per path)."""
import asyncio
import sys


async def pump(reader, writer, delay, rate):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def send():
        while True:
            due, data = await queue.get()
            if data is None:
                break
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
            if rate:
                await asyncio.sleep(len(data) / rate)
        try:
            writer.write_eof()
        except (OSError, RuntimeError):
            pass

    sender = asyncio.create_task(send())
    try:
        while True:
            data = await reader.read(16384 if rate else 65536)
            if not data:
                break
            await queue.put((loop.time() + delay, data))
    except (ConnectionError, OSError):
        pass
    await queue.put((loop.time() + delay, None))
    try:
        await sender
    except (ConnectionError, OSError):
        pass


async def main():
    host, port, target_host, target_port, delay = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
    rate = float(sys.argv[6]) if len(sys.argv) > 6 else 0

    async def handle(client_reader, client_writer):
        try:
            up_reader, up_writer = await asyncio.wait_for(asyncio.open_connection(target_host, target_port), 30)
        except (OSError, asyncio.TimeoutError):
            client_writer.close()
            return
        await asyncio.gather(pump(client_reader, up_writer, delay, rate), pump(up_reader, client_writer, delay, rate))
        for w in (client_writer, up_writer):
            w.close()

    server = await asyncio.start_server(handle, host, port, reuse_address=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
