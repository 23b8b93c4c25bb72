#!/usr/bin/env python3
"""A TCP proxy that adds latency, for kernels without `tc netem` (build/check-benchmark.sh).

--forward LISTEN_ADDRESS:PORT=TARGET_ADDRESS:PORT, repeatable; --delay MS. What the client sends reaches the target
MS later, chunk by chunk in order, without limiting throughput (each chunk is due MS after it arrived); the connection
to the target is opened MS after the client connected, so the server's greeting comes that much later too. That is
what netem's delay on packets towards the server does to a TCP dialogue: every round trip gains MS.
"""
import argparse
import asyncio


async def pump(reader, writer, delay):
    queue = asyncio.Queue()
    loop = asyncio.get_running_loop()

    async def deliver():
        while True:
            due, chunk = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if chunk is None:
                break
            writer.write(chunk)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(deliver())
    try:
        while True:
            chunk = await reader.read(65536)
            queue.put_nowait((loop.time() + delay, chunk or None))
            if not chunk:
                break
    except (ConnectionError, OSError):
        queue.put_nowait((loop.time(), None))
    try:
        await sender
    except (ConnectionError, OSError):
        pass


def handler(target_host, target_port, delay):
    async def session(client_reader, client_writer):
        await asyncio.sleep(delay)
        try:
            server_reader, server_writer = await asyncio.open_connection(target_host, target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            pump(client_reader, server_writer, delay),   # towards the server: delayed
            pump(server_reader, client_writer, 0),       # back: as is
        )

    return session


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forward", action="append", required=True, help="LISTEN_ADDRESS:PORT=TARGET_ADDRESS:PORT")
    parser.add_argument("--delay", type=int, default=0, help="milliseconds added towards the target")
    args = parser.parse_args()
    servers = []
    for spec in args.forward:
        listen, target = spec.split("=")
        listen_host, listen_port = listen.rsplit(":", 1)
        target_host, target_port = target.rsplit(":", 1)
        servers.append(await asyncio.start_server(
            handler(target_host, int(target_port), args.delay / 1000), listen_host, int(listen_port)))
    print(f"latency-proxy: {len(servers)} forwards, {args.delay} ms", flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


if __name__ == "__main__":
    asyncio.run(main())
