#!/usr/bin/env python3
"""A TCP relay that adds round-trip time, for timing awsmfa as if STS were far away.

    relay.py PORT_FILE HOST:PORT [--delay-ms 25] [--seconds 600]

Listens on 127.0.0.1, on a port of the system's choosing, which it writes to PORT_FILE once it
listens (written whole, then renamed, so a reader never sees half a number). Each connection it
accepts goes on to HOST:PORT, and every chunk is held back DELAY ms in each direction, in order:
25 ms makes 50 ms of round trip. TLS passes through untouched, so the client still checks the
server's own certificate. The TCP handshake itself is not delayed (the kernel accepts at once):
each new connection costs one round trip less than on a real link.

It stops after SECONDS, or on SIGTERM or SIGINT, so a benchmark that dies cannot leave it behind
for long. Python 3 standard library only.
"""

import argparse
import asyncio
import os
import signal
import sys

CHUNK = 64 * 1024


async def carry(source, sink, delay):
    """Copies source to sink, each chunk delivered `delay` seconds after it was read."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def receive():
        while True:
            data = await source.read(CHUNK)
            queue.put_nowait((loop.time() + delay, data))
            if not data:
                return

    async def deliver():
        while True:
            due, data = await queue.get()
            # One reader and one writer per direction, and the same delay for every chunk, keep
            # the order.
            await asyncio.sleep(max(0.0, due - loop.time()))
            if not data:
                # A half close passes on, late as data: TLS's close_notify may still come back.
                if sink.can_write_eof():
                    sink.write_eof()
                return
            sink.write(data)
            await sink.drain()

    await _all_or_none(receive(), deliver())


async def _all_or_none(*coroutines):
    """Runs the coroutines until all end; if one fails, the others are cancelled."""
    tasks = [asyncio.ensure_future(c) for c in coroutines]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def handler(host, port, delay):
    async def serve(client_reader, client_writer):
        server_writer = None
        try:
            server_reader, server_writer = await asyncio.open_connection(host, port)
            await _all_or_none(
                carry(client_reader, server_writer, delay),
                carry(server_reader, client_writer, delay),
            )
        except OSError:
            pass  # a reset or a refused connection ends this connection only, as it would
        except asyncio.CancelledError:
            pass  # the relay stops; ending normally spares a traceback from asyncio (3.11)
        finally:
            for writer in (client_writer, server_writer):
                if writer is not None:
                    writer.close()

    return serve


def write_atomically(path, text):
    partial = f"{path}.{os.getpid()}.partial"
    with open(partial, "w", encoding="ascii") as out:
        out.write(text)
    os.replace(partial, path)


async def main(args):
    host, _, port = args.target.rpartition(":")
    if not host or not port.isdigit():
        sys.exit(f"relay.py: the target is HOST:PORT, not {args.target!r}")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    loop.call_later(args.seconds, stop.set)

    server = await asyncio.start_server(
        handler(host.strip("[]"), int(port), args.delay_ms / 1000), "127.0.0.1", 0
    )
    write_atomically(args.port_file, f"{server.sockets[0].getsockname()[1]}\n")
    await stop.wait()
    server.close()
    # asyncio.run then cancels the connections still open, and each closes its sockets.


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="A TCP relay that adds round-trip time.")
    parser.add_argument("port_file", help="where to write the port listened on")
    parser.add_argument("target", help="HOST:PORT to relay each connection to")
    parser.add_argument("--delay-ms", type=float, default=25.0,
                        help="delay of each chunk in each direction (default 25)")
    parser.add_argument("--seconds", type=float, default=600.0,
                        help="stop after this long (default 600)")
    asyncio.run(main(parser.parse_args()))
